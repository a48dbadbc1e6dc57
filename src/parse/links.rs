//! Passes over the finished chapters: links between files become links to
//! chapters, and each note learns where it is referenced from.
//!
//! The walks recurse, bounded by [`super::MAX_DEPTH`]: the parser flattens
//! anything nested deeper.

use std::collections::BTreeMap;

use crate::book::{Block, Chapter, Inline, LinkTarget, Note, NoteRefSite};
use crate::diagnostics::{Diagnostics, Location};

/// Warns about links to anchors no heading has, where the link is.
pub fn check_anchors(
    links: &[(usize, String, Location)],
    anchors: &BTreeMap<(usize, String), String>,
    diagnostics: &Diagnostics,
) {
    for (file, anchor, location) in links {
        if find_anchor(anchors, *file, anchor).is_none() {
            diagnostics.push(
                crate::Diagnostic::warning(
                    Some(location.clone()),
                    format!(
                        "link to `#{anchor}` points at no heading of the book; it is kept as text"
                    ),
                )
                .with_help("link to a heading's id: `{#id}` after the heading sets one"),
            );
        }
    }
}

/// The heading id an anchor as written stands for, in `file`.
fn find_anchor<'a>(
    anchors: &'a BTreeMap<(usize, String), String>,
    file: usize,
    raw: &str,
) -> Option<&'a String> {
    let in_file = || anchors.range((file, String::new())..(file + 1, String::new()));
    anchors
        .get(&(file, raw.to_string()))
        .or_else(|| in_file().find(|(_, id)| *id == raw).map(|(_, id)| id))
        // GitHub finds `#Important-Notices` at `important-notices`.
        .or_else(|| {
            in_file()
                .find(|((_, slug), _)| slug.eq_ignore_ascii_case(raw))
                .map(|(_, id)| id)
        })
}

/// What links inside the book can point at.
pub struct Targets<'a> {
    /// File index → index of its first chapter.
    pub first_chapter_of_file: &'a [usize],
    /// (file index, anchor as written or as another tool slugs it) →
    /// heading id.
    pub anchors: &'a BTreeMap<(usize, String), String>,
    /// Ids of headings that became chapter titles → their chapter.
    pub title_ids: &'a BTreeMap<String, usize>,
}

/// Rewrites `LinkTarget::Internal` from (file index, anchor as written) to
/// (chapter index, heading id). A link to a chapter's title heading goes to
/// the chapter. A link to an anchor that does not exist keeps its text and
/// loses its target ([`check_anchors`] warned).
pub fn resolve(chapters: &mut [Chapter], targets: &Targets<'_>) {
    let Targets {
        first_chapter_of_file,
        anchors,
        title_ids,
    } = *targets;
    // Id of a heading, figure or div → chapter that holds it.
    let mut chapter_of_id = BTreeMap::new();
    for (index, chapter) in chapters.iter().enumerate() {
        for_each_block(&chapter.blocks, &mut |block| {
            let id = match block {
                Block::Heading { id, .. } => Some(id),
                Block::Figure { id, .. } => id.as_ref(),
                Block::Div { attrs, .. } => attrs.id.as_ref(),
                _ => None,
            };
            if let Some(id) = id {
                chapter_of_id.insert(id.clone(), index);
            }
        });
    }
    for chapter in chapters.iter_mut() {
        let mut fix = |inlines: &mut Vec<Inline>| {
            // Most lists hold no link to rewrite: leave them in place.
            let internal = |i: &Inline| {
                matches!(
                    i,
                    Inline::Link {
                        target: LinkTarget::Internal { .. },
                        ..
                    }
                )
            };
            if !inlines.iter().any(internal) {
                return;
            }
            for inline in std::mem::take(inlines) {
                match inline {
                    Inline::Link {
                        target:
                            LinkTarget::Internal {
                                chapter: file,
                                anchor,
                            },
                        title,
                        content,
                    } => {
                        let target = match anchor {
                            None => {
                                first_chapter_of_file
                                    .get(file)
                                    .map(|&c| LinkTarget::Internal {
                                        chapter: c,
                                        anchor: None,
                                    })
                            }
                            Some(raw) => find_anchor(anchors, file, &raw).and_then(|id| {
                                let in_text = chapter_of_id.get(id).map(|&c| (c, Some(id)));
                                let title = || title_ids.get(id).map(|&c| (c, None));
                                in_text.or_else(title).map(|(c, id)| LinkTarget::Internal {
                                    chapter: c,
                                    anchor: id.cloned(),
                                })
                            }),
                        };
                        match target {
                            Some(target) => inlines.push(Inline::Link {
                                target,
                                title,
                                content,
                            }),
                            None => inlines.extend(content),
                        }
                    }
                    other => inlines.push(other),
                }
            }
        };
        let mut title = vec![Block::Paragraph(std::mem::take(&mut chapter.title))];
        for_each_inlines_mut(&mut title, &mut fix);
        if let Some(Block::Paragraph(t)) = title.pop() {
            chapter.title = t;
        }
        for_each_inlines_mut(&mut chapter.blocks, &mut fix);
    }
}

/// Fills `Note::refs` from the NoteRef inlines, in reading order.
pub fn collect_note_refs(chapters: &[Chapter], notes: &mut [Note]) {
    for note in notes.iter_mut() {
        note.refs.clear();
    }
    for (index, chapter) in chapters.iter().enumerate() {
        let title = Block::Paragraph(chapter.title.clone());
        let mut collect = |block: &Block| {
            for_each_inline_of(block, &mut |inline| {
                if let Inline::NoteRef { note, id } = inline {
                    if let Some(n) = notes.get_mut(*note) {
                        n.refs.push(NoteRefSite {
                            chapter: index,
                            id: id.clone(),
                        });
                    }
                }
            });
        };
        for_each_block(std::slice::from_ref(&title), &mut collect);
        for_each_block(&chapter.blocks, &mut collect);
    }
}

/// Calls `f` on every block, depth first.
pub fn for_each_block(blocks: &[Block], f: &mut dyn FnMut(&Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::BlockQuote(inner)
            | Block::Callout { blocks: inner, .. }
            | Block::Div { blocks: inner, .. }
            | Block::Details { blocks: inner, .. } => for_each_block(inner, f),
            Block::List { items, .. } => {
                for item in items {
                    for_each_block(&item.blocks, f);
                }
            }
            Block::DefinitionList(items) => {
                for definition in items.iter().flat_map(|i| &i.definitions) {
                    for_each_block(definition, f);
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` on every inline directly or indirectly in `block` (not in
/// nested blocks, which [`for_each_block`] visits).
pub fn for_each_inline_of(block: &Block, f: &mut dyn FnMut(&Inline)) {
    fn walk(inlines: &[Inline], f: &mut dyn FnMut(&Inline)) {
        for inline in inlines {
            f(inline);
            match inline {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => walk(c, f),
                Inline::Link { content, .. }
                | Inline::Phrase { content, .. }
                | Inline::Lang { content, .. } => walk(content, f),
                _ => {}
            }
        }
    }
    match block {
        Block::Heading { content, .. } | Block::Paragraph(content) => walk(content, f),
        Block::Table { head, rows, .. } => {
            for cell in head.iter().chain(rows.iter().flatten()) {
                walk(cell, f);
            }
        }
        Block::DefinitionList(items) => items.iter().for_each(|i| walk(&i.term, f)),
        Block::Details { summary: c, .. } | Block::Figure { caption: c, .. } => walk(c, f),
        _ => {}
    }
}

/// Calls `f` on every inline list, innermost first.
pub(super) fn for_each_inlines_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Vec<Inline>)) {
    fn walk(inlines: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        for inline in inlines.iter_mut() {
            match inline {
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => walk(c, f),
                Inline::Link { content, .. }
                | Inline::Phrase { content, .. }
                | Inline::Lang { content, .. } => walk(content, f),
                _ => {}
            }
        }
        f(inlines);
    }
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => walk(content, f),
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    walk(cell, f);
                }
            }
            Block::BlockQuote(inner)
            | Block::Callout { blocks: inner, .. }
            | Block::Div { blocks: inner, .. } => for_each_inlines_mut(inner, f),
            Block::Details { summary, blocks } => {
                walk(summary, f);
                for_each_inlines_mut(blocks, f);
            }
            Block::Figure { caption, .. } => walk(caption, f),
            Block::List { items, .. } => {
                for item in items {
                    for_each_inlines_mut(&mut item.blocks, f);
                }
            }
            Block::DefinitionList(items) => {
                for item in items {
                    walk(&mut item.term, f);
                    for definition in &mut item.definitions {
                        for_each_inlines_mut(definition, f);
                    }
                }
            }
            _ => {}
        }
    }
}
