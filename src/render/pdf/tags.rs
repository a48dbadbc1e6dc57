//! The structure tree of a tagged PDF (ISO 32000-1 14.7, PDF/UA-1): the
//! layout's [`StructNode`]s become structure elements under one
//! `Document` element, each holding, in reading order, its children and
//! the marked content ([`super::content`] numbered it: the MCIDs of each
//! page) and link annotations (`OBJR`, inside a `Link` element) that
//! belong to it. The parent tree maps every MCID and annotation back to
//! its element. Nodes that ended up with no content (a part laid out but
//! not printed) are left out.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::strings::text_string;
use crate::error::{Error, Result};
use crate::layout::page::{NodeId, StructNode, StructRole};

/// The standard structure type of `role` (ISO 32000-1 14.8.4), so that no
/// role map is needed.
pub fn role_name(role: StructRole) -> &'static str {
    match role {
        StructRole::Sect => "Sect",
        StructRole::Heading(1) => "H1",
        StructRole::Heading(2) => "H2",
        StructRole::Heading(3) => "H3",
        StructRole::Heading(4) => "H4",
        StructRole::Heading(5) => "H5",
        StructRole::Heading(_) => "H6",
        StructRole::P => "P",
        StructRole::L => "L",
        StructRole::LI => "LI",
        StructRole::Lbl => "Lbl",
        StructRole::LBody => "LBody",
        StructRole::Table => "Table",
        StructRole::TR => "TR",
        StructRole::TH { .. } => "TH",
        StructRole::TD => "TD",
        StructRole::Figure => "Figure",
        StructRole::Caption => "Caption",
        StructRole::Formula => "Formula",
        StructRole::Code => "Code",
        StructRole::BlockQuote => "BlockQuote",
        StructRole::Div => "Div",
        StructRole::Span => "Span",
        StructRole::Note => "Note",
        StructRole::Reference => "Reference",
        StructRole::Link => "Link",
        StructRole::TOC => "TOC",
        StructRole::TOCI => "TOCI",
    }
}

/// A link annotation written on a page: the page's index, the annotation,
/// and the node of its text.
pub struct Annot {
    pub page: usize,
    pub id: ObjectId,
    pub node: Option<NodeId>,
}

/// Where something comes in reading order: page, then twice the MCID (a
/// link comes right after the content it is on, at an odd number).
type Pos = (usize, u64);

enum Kid {
    Element(ObjectId),
    Content {
        page: usize,
        mcid: usize,
    },
    /// A link annotation (inside its Link element).
    Annot(ObjectId),
}

/// The Link element a link annotation is in: its text's, or its own.
enum Target {
    Node(NodeId),
    Own(ObjectId, Option<NodeId>),
}

fn objr(annot: ObjectId) -> Object {
    let mut objr = Dictionary::new();
    objr.set("Type", Object::Name(b"OBJR".to_vec()));
    objr.set("Obj", Object::Reference(annot));
    Object::Dictionary(objr)
}

/// What the tree is built from.
pub struct Marked<'a> {
    pub structure: &'a [StructNode],
    /// For each page, the node of each MCID.
    pub mcids: &'a [Vec<NodeId>],
    pub pages: &'a [(ObjectId, f32)],
    pub annots: &'a [Annot],
    /// The document's language, which elements inherit.
    pub lang: &'a str,
}

/// Each element's kids so far, by parent (`None`: the Document element).
/// The kids of each element (by node; `None`: the Document's), found in
/// any order, sorted when written. Indexed by node rather than mapped:
/// a book has hundreds of thousands of marked-content kids.
struct Kids {
    of: Vec<Vec<(Pos, Kid)>>,
    document: Vec<(Pos, Kid)>,
}

impl Kids {
    fn new(nodes: usize) -> Kids {
        Kids {
            of: (0..nodes).map(|_| Vec::new()).collect(),
            document: Vec::new(),
        }
    }

    /// The kids of `node` (a valid node, or `None`).
    fn of(&mut self, node: Option<NodeId>) -> &mut Vec<(Pos, Kid)> {
        match node.and_then(|nd| self.of.get_mut(nd as usize)) {
            Some(kids) => kids,
            None => &mut self.document,
        }
    }

    fn take(&mut self, node: Option<NodeId>) -> Vec<(Pos, Kid)> {
        std::mem::take(self.of(node))
    }
}

/// Writes the structure tree and the parent tree, numbers the pages and
/// annotations into it, and marks the catalog `root` as tagged. Returns
/// each element with the page of its first content (the file numbers an
/// element with that page's chapter: [`super::numbering`]).
pub fn write_structure(
    out: &mut Document,
    m: &Marked<'_>,
    root: ObjectId,
) -> Result<Vec<(ObjectId, usize)>> {
    let mut pos: Vec<Option<Pos>> = vec![None; m.structure.len()];
    let mut kids = content_kids(m, &mut pos);
    let links = link_kids(out, m, &mut pos, &mut kids);
    let tree_root = out.new_object_id();
    let document = out.new_object_id();
    let ids = write_elements(out, m, &pos, &mut kids, document);
    for (k, link) in links.iter().enumerate() {
        if let Target::Own(id, node) = *link {
            let parent = node.and_then(|nd| ids[nd as usize]).unwrap_or(document);
            let mut dict = element("Link", parent);
            dict.set("K", objr(m.annots[k].id));
            out.objects.insert(id, Object::Dictionary(dict));
        }
    }
    let mut doc = element("Document", tree_root);
    put_kids(&mut doc, kids.take(None), m.pages);
    out.objects.insert(document, Object::Dictionary(doc));
    let parent_tree = parent_tree(out, m, &ids, &links)?;
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    dict.set("K", Object::Reference(document));
    dict.set("ParentTree", Object::Reference(parent_tree.0));
    dict.set("ParentTreeNextKey", parent_tree.1 as i64);
    out.objects.insert(tree_root, Object::Dictionary(dict));
    let catalog = out
        .get_dictionary_mut(root)
        .map_err(|e| Error::Pdf(format!("no catalog: {e}")))?;
    catalog.set("StructTreeRoot", Object::Reference(tree_root));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", true);
    catalog.set("MarkInfo", mark_info);
    let mut placed: Vec<(ObjectId, usize)> = ids
        .iter()
        .zip(&pos)
        .filter_map(|(id, at)| Some(((*id)?, at.as_ref()?.0)))
        .collect();
    for (k, link) in links.iter().enumerate() {
        if let Target::Own(id, _) = *link {
            placed.push((id, m.annots[k].page));
        }
    }
    Ok(placed)
}

/// Each page's marked content as kids of its nodes, noting where in
/// reading order every node (and its ancestors) first has content.
fn content_kids(m: &Marked<'_>, pos: &mut [Option<Pos>]) -> Kids {
    let valid = |node: NodeId| (node as usize) < m.structure.len();
    let mut kids = Kids::new(m.structure.len());
    for (page, nodes) in m.mcids.iter().enumerate() {
        for (mcid, &node) in nodes.iter().enumerate().filter(|(_, &nd)| valid(nd)) {
            let at = (page, 2 * mcid as u64);
            reach(m.structure, pos, node, at);
            kids.of(Some(node)).push((at, Kid::Content { page, mcid }));
        }
    }
    kids
}

/// Each link annotation in the Link element of its text, or else in a
/// Link element of its own after the content of its node on its page.
fn link_kids(
    out: &mut Document,
    m: &Marked<'_>,
    pos: &mut [Option<Pos>],
    kids: &mut Kids,
) -> Vec<Target> {
    let valid = |node: NodeId| (node as usize) < m.structure.len();
    let mut links = Vec::with_capacity(m.annots.len());
    for a in m.annots {
        let node = a.node.filter(|&nd| valid(nd));
        if let Some(nd) = node.filter(|&nd| m.structure[nd as usize].role == StructRole::Link) {
            let at = (a.page, u64::MAX);
            reach(m.structure, pos, nd, at);
            kids.of(node).push((at, Kid::Annot(a.id)));
            links.push(Target::Node(nd));
            continue;
        }
        let last = node.and_then(|nd| {
            m.mcids[a.page]
                .iter()
                .rposition(|&x| x == nd)
                .map(|i| 2 * i as u64 + 1)
        });
        let at = (a.page, last.unwrap_or(u64::MAX));
        if let Some(nd) = node {
            reach(m.structure, pos, nd, at);
        }
        let id = out.new_object_id();
        kids.of(node).push((at, Kid::Element(id)));
        links.push(Target::Own(id, node));
    }
    links
}

/// An object for every node that has content, in its parent's kids at
/// its first content; returns each node's object (`None`: no content).
fn write_elements(
    out: &mut Document,
    m: &Marked<'_>,
    pos: &[Option<Pos>],
    kids: &mut Kids,
    document: ObjectId,
) -> Vec<Option<ObjectId>> {
    let valid = |node: NodeId| (node as usize) < m.structure.len();
    let ids: Vec<Option<ObjectId>> = pos.iter().map(|p| p.map(|_| out.new_object_id())).collect();
    for (i, node) in m.structure.iter().enumerate() {
        let (Some(id), Some(at)) = (ids[i], pos[i]) else {
            continue;
        };
        let parent = node.parent.filter(|&p| valid(p));
        kids.of(parent).push((at, Kid::Element(id)));
    }
    let parent_of = |node: Option<NodeId>| match node.and_then(|nd| ids[nd as usize]) {
        Some(id) => id,
        None => document,
    };
    for (i, node) in m.structure.iter().enumerate() {
        let Some(id) = ids[i] else { continue };
        let mut dict = element(
            role_name(node.role),
            parent_of(node.parent.filter(|&p| valid(p))),
        );
        attributes(&mut dict, node, inherited(m.structure, node.parent, m.lang));
        let list = kids.take(Some(i as NodeId));
        put_kids(&mut dict, list, m.pages);
        out.objects.insert(id, Object::Dictionary(dict));
    }
    ids
}

/// Records that `node` (and so each of its ancestors) has content at `at`.
fn reach(structure: &[StructNode], pos: &mut [Option<Pos>], node: NodeId, at: Pos) {
    let mut cur = Some(node);
    let mut steps = 0;
    while let Some(nd) = cur.filter(|&nd| (nd as usize) < structure.len()) {
        let slot = &mut pos[nd as usize];
        if slot.is_some_and(|p| p <= at) {
            return; // the ancestors have something earlier already
        }
        *slot = Some(at);
        cur = structure[nd as usize].parent;
        steps += 1;
        if steps > structure.len() {
            return; // a cycle would be a layout bug; never loop on it
        }
    }
}

/// The language `parent` and its ancestors give, else the document's.
fn inherited<'s>(
    structure: &'s [StructNode],
    mut parent: Option<NodeId>,
    lang: &'s str,
) -> &'s str {
    for _ in 0..structure.len() {
        let Some(node) = parent.and_then(|p| structure.get(p as usize)) else {
            break;
        };
        if let Some(l) = &node.lang {
            return l;
        }
        parent = node.parent;
    }
    lang
}

fn element(role: &str, parent: ObjectId) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("S", Object::Name(role.as_bytes().to_vec()));
    dict.set("P", Object::Reference(parent));
    dict
}

/// `/Alt`, `/Lang` (only where it differs from what the element inherits)
/// and a header cell's `/Scope`.
fn attributes(dict: &mut Dictionary, node: &StructNode, inherited: &str) {
    if let Some(alt) = node.alt.as_deref().filter(|a| !a.trim().is_empty()) {
        dict.set("Alt", text_string(alt));
    }
    if let Some(lang) = node.lang.as_deref().map(str::trim) {
        if !lang.is_empty() && !lang.eq_ignore_ascii_case(inherited) {
            dict.set("Lang", text_string(lang));
        }
    }
    if let StructRole::TH { column } = node.role {
        let mut a = Dictionary::new();
        a.set("O", Object::Name(b"Table".to_vec()));
        let scope: &[u8] = if column { b"Column" } else { b"Row" };
        a.set("Scope", Object::Name(scope.to_vec()));
        dict.set("A", a);
    }
}

/// The kids in reading order as `/K`: marked content on the element's own
/// page (`/Pg`, the page of its first) as bare MCIDs, elsewhere as
/// marked-content references; a lone kid not in an array.
fn put_kids(dict: &mut Dictionary, mut list: Vec<(Pos, Kid)>, pages: &[(ObjectId, f32)]) {
    list.sort_by_key(|(at, _)| *at);
    let own = list.iter().find_map(|(_, k)| match k {
        Kid::Content { page, .. } => Some(*page),
        Kid::Element(_) | Kid::Annot(_) => None,
    });
    if let Some(page) = own.and_then(|p| pages.get(p)) {
        dict.set("Pg", Object::Reference(page.0));
    }
    let k: Vec<Object> = list
        .into_iter()
        .filter_map(|(_, kid)| match kid {
            Kid::Element(id) => Some(Object::Reference(id)),
            Kid::Annot(id) => Some(objr(id)),
            Kid::Content { page, mcid } if Some(page) == own => Some(Object::Integer(mcid as i64)),
            Kid::Content { page, mcid } => {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                mcr.set("Pg", Object::Reference(pages.get(page)?.0));
                mcr.set("MCID", mcid as i64);
                Some(Object::Dictionary(mcr))
            }
        })
        .collect::<Vec<_>>();
    // One kid stands alone (shorter, and what simple readers expect).
    match <[Object; 1]>::try_from(k) {
        Ok([one]) => dict.set("K", one),
        Err(k) => dict.set("K", k),
    }
}

/// The parent tree (a number tree with one flat `/Nums`): key `p` lists
/// the elements of page `p`'s MCIDs, the keys after the pages are the
/// link annotations'. Sets `/StructParents`, `/StructParent` and `/Tabs`
/// on the pages and annotations. Returns the tree and its next key.
fn parent_tree(
    out: &mut Document,
    m: &Marked<'_>,
    ids: &[Option<ObjectId>],
    links: &[Target],
) -> Result<(ObjectId, usize)> {
    let bad = |e: lopdf::Error| Error::Pdf(format!("a page of the structure tree: {e}"));
    let mut nums = Vec::new();
    for (p, nodes) in m.mcids.iter().enumerate() {
        let page = out.get_dictionary_mut(m.pages[p].0).map_err(bad)?;
        page.set("Tabs", Object::Name(b"S".to_vec()));
        if nodes.is_empty() {
            continue;
        }
        page.set("StructParents", p as i64);
        let refs = nodes
            .iter()
            .map(|&nd| match ids.get(nd as usize).copied().flatten() {
                Some(id) => Object::Reference(id),
                None => Object::Null,
            })
            .collect::<Vec<_>>();
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(refs));
    }
    let first = m.mcids.len();
    for (k, (a, link)) in m.annots.iter().zip(links).enumerate() {
        let key = first + k;
        let link = match *link {
            Target::Own(id, _) => id,
            Target::Node(nd) => match ids[nd as usize] {
                Some(id) => id,
                None => continue,
            },
        };
        out.get_dictionary_mut(a.id)
            .map_err(bad)?
            .set("StructParent", key as i64);
        nums.push(Object::Integer(key as i64));
        nums.push(Object::Reference(link));
    }
    let mut tree = Dictionary::new();
    tree.set("Nums", nums);
    Ok((out.add_object(tree), first + m.annots.len()))
}
