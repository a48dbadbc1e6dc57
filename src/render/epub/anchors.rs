//! The anchors each chapter file will define, known before any is written,
//! so that links never point at a fragment that does not exist (a broken
//! fragment is an EPUBCheck error, even when the manuscript is to blame).

use std::collections::BTreeSet;

use super::escape::safe_id;
use super::xhtml::MAX_DEPTH;
use crate::book::{Block, Chapter, Inline};

/// The (safe) ids defined by every chapter, by chapter index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Anchors(Vec<BTreeSet<String>>);

impl Anchors {
    pub fn new(chapters: &[Chapter]) -> Anchors {
        Anchors(
            chapters
                .iter()
                .map(|c| chapter_anchors(&c.blocks))
                .collect(),
        )
    }

    /// True when chapter `chapter` defines the (safe) id `id`.
    pub fn has(&self, chapter: usize, id: &str) -> bool {
        self.0.get(chapter).is_some_and(|ids| ids.contains(id))
    }
}

enum Node<'a> {
    Block(&'a Block),
    Inline(&'a Inline),
}

/// Heading ids, note reference ids and ids in raw HTML, walked with an
/// explicit stack (no recursion, whatever the nesting). Depth is counted as
/// the XHTML writer counts it, and what it flattens to plain text beyond
/// [`MAX_DEPTH`] defines no ids.
fn chapter_anchors(blocks: &[Block]) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut stack: Vec<(Node<'_>, usize)> = blocks.iter().map(|b| (Node::Block(b), 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            continue;
        }
        match node {
            Node::Block(block) => match block {
                Block::Heading { id, content, .. } => {
                    ids.insert(safe_id(id));
                    stack.extend(inlines(content, depth));
                }
                Block::Paragraph(content) => stack.extend(inlines(content, depth)),
                Block::BlockQuote(blocks) | Block::Callout { blocks, .. } => {
                    stack.extend(blocks.iter().map(|b| (Node::Block(b), depth + 1)))
                }
                Block::List { items, .. } => stack.extend(
                    items
                        .iter()
                        .flat_map(|i| &i.blocks)
                        .map(|b| (Node::Block(b), depth + 1)),
                ),
                Block::Table { head, rows, .. } => {
                    for cell in head.iter().chain(rows.iter().flatten()) {
                        stack.extend(inlines(cell, depth + 1));
                    }
                }
                Block::Figure { caption, id, .. } => {
                    ids.extend(id.iter().map(|id| safe_id(id)));
                    stack.extend(inlines(caption, depth + 1));
                }
                Block::DefinitionList(items) => {
                    for item in items {
                        stack.extend(inlines(&item.term, depth + 1));
                        let blocks = item.definitions.iter().flatten();
                        stack.extend(blocks.map(|b| (Node::Block(b), depth + 1)));
                    }
                }
                Block::Div { attrs, blocks } => {
                    ids.extend(attrs.id.iter().map(|id| safe_id(id)));
                    stack.extend(blocks.iter().map(|b| (Node::Block(b), depth + 1)));
                }
                Block::Details { summary, blocks } => {
                    stack.extend(inlines(summary, depth + 1));
                    stack.extend(blocks.iter().map(|b| (Node::Block(b), depth + 1)));
                }
                Block::CodeBlock { .. } | Block::Rule | Block::Math(_) => {}
            },
            Node::Inline(inline) => match inline {
                Inline::NoteRef { id, .. } => {
                    ids.insert(safe_id(id));
                }
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    stack.extend(inlines(c, depth + 1))
                }
                Inline::Link { content, .. }
                | Inline::Lang { content, .. }
                | Inline::Phrase { content, .. } => stack.extend(inlines(content, depth + 1)),
                _ => {}
            },
        }
    }
    ids
}

/// `inlines` as stack entries at `depth`.
fn inlines(inlines: &[Inline], depth: usize) -> impl Iterator<Item = (Node<'_>, usize)> {
    inlines.iter().map(move |i| (Node::Inline(i), depth))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::BlockAttrs;

    #[test]
    fn finds_headings_noterefs_and_div_ids_at_any_depth() {
        let chapter = Chapter {
            blocks: vec![Block::BlockQuote(vec![
                Block::Heading {
                    level: 2,
                    id: "a b".into(),
                    content: vec![Inline::Strong(vec![Inline::NoteRef {
                        note: 0,
                        id: "r1".into(),
                    }])],
                },
                Block::Div {
                    attrs: BlockAttrs {
                        id: Some("h1".into()),
                        ..BlockAttrs::default()
                    },
                    blocks: vec![Block::Div {
                        attrs: BlockAttrs {
                            id: Some("h2".into()),
                            ..BlockAttrs::default()
                        },
                        blocks: vec![Block::Paragraph(vec![Inline::Text("x".into())])],
                    }],
                },
            ])],
            ..Chapter::default()
        };
        let anchors = Anchors::new(&[chapter]);
        for id in ["a_b", "r1", "h1", "h2"] {
            assert!(anchors.has(0, id), "{id}");
        }
        assert!(!anchors.has(0, "nope"));

        // Beyond the depth the writer follows, ids are flattened away.
        let mut deep = Block::Heading {
            level: 2,
            id: "deep".into(),
            content: vec![],
        };
        for _ in 0..=MAX_DEPTH {
            deep = Block::BlockQuote(vec![deep]);
        }
        let shallow = Block::BlockQuote(vec![Block::Heading {
            level: 2,
            id: "shallow".into(),
            content: vec![],
        }]);
        let chapter = Chapter {
            blocks: vec![deep, shallow],
            ..Chapter::default()
        };
        let anchors = Anchors::new(&[chapter]);
        assert!(!anchors.has(0, "deep"));
        assert!(anchors.has(0, "shallow"));
        assert!(!anchors.has(3, "r1"));
    }
}
