//! The structure nodes a [`BlockLayout`] opens as it sets blocks (see
//! [`super::tag`]): every block opens its node under the context's
//! ([`Ctx::node`]), and the lines it pushes are tagged with it
//! ([`BlockLayout::leaf`]) when they are pushed.

use super::block::{BlockLayout, Ctx};
use super::flow::FlowLine;
use super::page::{Item, NodeId, StructNode, StructRole};
use super::tag::{self, InlineTag, Tag};

impl BlockLayout<'_, '_> {
    /// Adds a node of `role` under the context's node and returns it.
    pub(super) fn open(&mut self, role: StructRole, ctx: &Ctx) -> NodeId {
        self.tree.add(role, ctx.node)
    }

    /// [`open`](Self::open)s a node that the lines pushed next belong to.
    pub(super) fn open_leaf(&mut self, role: StructRole, ctx: &Ctx) -> NodeId {
        let node = self.open(role, ctx);
        self.leaf = Some(node);
        node
    }

    /// A figure (or an image alone in its paragraph): its alt text is what
    /// is read; an image without one is decoration, an artifact.
    pub(super) fn open_figure(&mut self, alt: &str, ctx: &Ctx) -> Option<NodeId> {
        let alt = alt.trim();
        if alt.is_empty() {
            self.leaf = None;
            return None;
        }
        let mut node = StructNode::new(StructRole::Figure, ctx.node);
        node.alt = Some(alt.to_string());
        let id = self.tree.push(node);
        self.leaf = Some(id);
        Some(id)
    }

    /// Tags the items of `line` about to be pushed: its inline elements
    /// become nodes under the leaf, the rest is the leaf's or an artifact.
    pub(super) fn tag_line(&mut self, line: &mut FlowLine) {
        let inlines = std::mem::take(&mut line.inlines);
        if !inlines.is_empty() {
            let ids: Vec<Option<NodeId>> = inlines
                .iter()
                .map(|i| self.leaf.map(|leaf| self.inline_node(i, leaf)))
                .collect();
            for t in &mut line.tags {
                if let Tag::Inline(i) = *t {
                    *t = match ids.get(usize::from(i)).copied().flatten() {
                        Some(n) => Tag::Node(n),
                        None => Tag::Unset,
                    };
                }
            }
            link_references(line, &inlines, &ids);
        }
        tag::fill(line, self.leaf);
    }

    fn inline_node(&mut self, inline: &InlineTag, leaf: NodeId) -> NodeId {
        let mut node = match inline {
            InlineTag::Lang(_) => StructNode::new(StructRole::Span, Some(leaf)),
            InlineTag::Formula(_) => StructNode::new(StructRole::Formula, Some(leaf)),
            InlineTag::Reference => StructNode::new(StructRole::Reference, Some(leaf)),
            InlineTag::Link => StructNode::new(StructRole::Link, Some(leaf)),
        };
        match inline {
            InlineTag::Lang(l) => node.lang = Some(l.to_string()),
            InlineTag::Formula(tex) => node.alt = Some(tex.to_string()),
            InlineTag::Reference | InlineTag::Link => {}
        }
        self.tree.push(node)
    }

    /// Tags the items `from..` of `line` (a marker just drawn) as `node`'s.
    pub(super) fn tag_from(line: &mut FlowLine, from: usize, node: Option<NodeId>) {
        line.tags.resize(from.min(line.items.len()), Tag::Artifact);
        let new: Vec<Tag> = line.items[line.tags.len()..]
            .iter()
            .map(|i| tag::by_kind(i, node))
            .collect();
        line.tags.extend(new);
    }
}

/// A link belongs to the node of the text under it: a note reference's or
/// a link's.
fn link_references(line: &mut FlowLine, inlines: &[InlineTag], ids: &[Option<NodeId>]) {
    for link in &mut line.links {
        if link.node.is_some() {
            continue;
        }
        let (x1, x2) = (link.x, link.x + link.width);
        for (item, t) in line.items.iter().zip(&line.tags) {
            let (Item::Text(run), Tag::Node(n)) = (item, t) else {
                continue;
            };
            let Some(i) = ids.iter().position(|id| *id == Some(*n)) else {
                continue;
            };
            let inside = run.glyphs.iter().any(|g| g.x >= x1 - 0.01 && g.x < x2);
            if inside && matches!(inlines[i], InlineTag::Reference | InlineTag::Link) {
                link.node = Some(*n);
                break;
            }
        }
    }
}
