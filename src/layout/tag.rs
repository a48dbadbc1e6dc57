//! The logical structure of the laid-out book (for a tagged PDF): each
//! part of the book builds its own [`Tree`] of [`StructNode`]s while its
//! blocks are laid out, and says of every item of a [`FlowLine`] which node
//! it belongs to ([`Tag`]). The profiles join the parts' trees in reading
//! order ([`Tree::graft`]), and [`super::compose::page`] hands the tags on
//! to [`Page::tags`](super::page::Page::tags). Nothing here knows PDF
//! syntax: the writer turns the tree into marked content and a structure
//! tree.
//!
//! Ids are local to a part until it is grafted: a chapter is laid out on
//! its own thread, so no id can be global while it is being built.

use super::flow::FlowLine;
use super::page::{Item, NodeId, StructNode, StructRole};

/// What an item of a flow line is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tag {
    /// Not said yet: [`BlockLayout::push`](super::block::BlockLayout) gives
    /// text and images to the block being set, rules and boxes are
    /// artifacts.
    #[default]
    Unset,
    /// Furniture: rules, backgrounds, running heads, decorations.
    Artifact,
    Node(NodeId),
    /// The line's [`InlineTag`] of this index (a span in another
    /// language, a formula, a note reference).
    Inline(u16),
}

/// An inline element met while a line was set, made a node (a child of
/// the block's) when the line is pushed.
#[derive(Debug, Clone, PartialEq)]
pub enum InlineTag {
    /// Text in the language `lang` (BCP 47, as the author wrote it).
    Lang(std::sync::Arc<str>),
    /// A formula, with its TeX source.
    Formula(std::sync::Arc<str>),
    /// A note reference.
    Reference,
    /// The text of any other link.
    Link,
}

/// The structure nodes of one part of the book.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    pub nodes: Vec<StructNode>,
}

impl Tree {
    /// Adds a node of `role` under `parent` (`None`: a part of the
    /// document itself) and returns its id.
    pub fn add(&mut self, role: StructRole, parent: Option<NodeId>) -> NodeId {
        self.push(StructNode::new(role, parent))
    }

    pub fn push(&mut self, node: StructNode) -> NodeId {
        self.nodes.push(node);
        (self.nodes.len() - 1) as NodeId
    }

    /// Appends `other`'s nodes, its top-level ones under `under`, and
    /// returns how far its ids moved (to pass to [`rebase`]).
    pub fn graft(&mut self, other: Tree, under: Option<NodeId>) -> NodeId {
        let by = self.nodes.len() as NodeId;
        self.nodes.extend(other.nodes.into_iter().map(|mut n| {
            n.parent = match n.parent {
                Some(p) => Some(p + by),
                None => under,
            };
            n
        }));
        by
    }
}

/// Moves the node ids of `lines` by `by` (their tree was grafted).
pub fn rebase(lines: &mut [FlowLine], by: NodeId) {
    if by == 0 {
        return;
    }
    for line in lines {
        for tag in &mut line.tags {
            if let Tag::Node(n) = tag {
                *n += by;
            }
        }
        for link in &mut line.links {
            if let Some(n) = &mut link.node {
                *n += by;
            }
        }
    }
}

/// The default tag of `item` in a block whose node is `node`: what is
/// read (text, images) belongs to it, rules and boxes are artifacts.
pub fn by_kind(item: &Item, node: Option<NodeId>) -> Tag {
    match (item, node) {
        (Item::Text(_) | Item::Image { .. }, Some(n)) => Tag::Node(n),
        _ => Tag::Artifact,
    }
}

/// Gives every item of `line` not tagged yet its [`by_kind`] tag.
pub fn fill(line: &mut FlowLine, node: Option<NodeId>) {
    line.tags.resize(line.items.len(), Tag::Unset);
    for (tag, item) in line.tags.iter_mut().zip(&line.items) {
        // An inline element nobody made a node of is its block's.
        if matches!(tag, Tag::Unset | Tag::Inline(_)) {
            *tag = by_kind(item, node);
        }
    }
    for link in &mut line.links {
        if link.node.is_none() {
            link.node = node;
        }
    }
}

/// Tags every line of `lines` as `node`'s (see [`fill`]).
pub fn fill_all(lines: &mut [FlowLine], node: Option<NodeId>) {
    for line in lines {
        fill(line, node);
    }
}

/// Marks every item of `lines` an artifact (a typographic cover).
pub fn artifacts(lines: &mut [FlowLine]) {
    for line in lines {
        line.tags = vec![Tag::Artifact; line.items.len()];
        for link in &mut line.links {
            link.node = None;
        }
    }
}

/// The tag of an item of a finished line, as a page keeps it.
pub fn resolved(tag: Tag) -> Option<NodeId> {
    match tag {
        Tag::Node(n) => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grafting_moves_ids_and_hangs_roots() {
        let mut doc = Tree::default();
        let sect = doc.add(StructRole::Sect, None);
        let mut part = Tree::default();
        let p = part.add(StructRole::P, None);
        part.add(StructRole::Span, Some(p));
        let by = doc.graft(part, Some(sect));
        assert_eq!(by, 1);
        assert_eq!(doc.nodes[1].parent, Some(sect));
        assert_eq!(doc.nodes[2].parent, Some(1));
        let mut line = FlowLine {
            tags: vec![Tag::Node(0), Tag::Artifact],
            ..FlowLine::default()
        };
        rebase(std::slice::from_mut(&mut line), by);
        assert_eq!(line.tags, [Tag::Node(1), Tag::Artifact]);
    }
}
