//! The parser's stack of open containers: putting text, inlines and
//! blocks into the innermost one that takes them, and the implicit
//! paragraphs that loose text and inline HTML open.

use pulldown_cmark::{Alignment, CowStr};

use super::{html_close, Frame, InlinesKind};
use crate::book::{Align, Block, Inline, ListItem};
use crate::parse::sink::FileSink;

pub(super) fn push_text(stack: &mut Vec<Frame>, text: CowStr<'_>) {
    match stack.last_mut() {
        Some(Frame::CodeBlock { text: code, .. }) => code.push_str(&text),
        Some(Frame::HtmlBlock { source, .. }) => source.push_str(&text),
        _ => push_inline(stack, Inline::Text(text.into_string())),
    }
}

pub(super) fn push_inline(stack: &mut Vec<Frame>, inline: Inline) {
    open_implicit_paragraph(stack);
    for frame in stack.iter_mut().rev() {
        match frame {
            Frame::Inlines { inlines, .. } => {
                inlines.push(inline);
                return;
            }
            Frame::Flattened => continue,
            _ => return,
        }
    }
}

/// The block last finished in the innermost container, if any.
pub(super) fn last_block(stack: &[Frame]) -> Option<&Block> {
    stack.iter().rev().find_map(|frame| match frame {
        Frame::Blocks { blocks, .. } => Some(blocks.last()),
        Frame::Flattened => None,
        _ => Some(None),
    })?
}

/// [`last_block`], to change it.
pub(super) fn last_block_mut(stack: &mut [Frame]) -> Option<&mut Block> {
    stack.iter_mut().rev().find_map(|frame| match frame {
        Frame::Blocks { blocks, .. } => Some(blocks.last_mut()),
        Frame::Flattened => None,
        _ => Some(None),
    })?
}

pub(super) fn push_block(stack: &mut [Frame], block: Block) {
    for frame in stack.iter_mut().rev() {
        match frame {
            Frame::Blocks { blocks, .. } => {
                blocks.push(block);
                return;
            }
            Frame::Flattened => continue,
            Frame::Inlines {
                kind: InlinesKind::HtmlText(_),
                inlines,
            } => {
                html_close::block_into_text(block, inlines);
                return;
            }
            Frame::List { items, .. } => {
                // A block straight inside a flattened list: give it an item.
                items.push(ListItem {
                    task: None,
                    blocks: vec![block],
                });
                return;
            }
            _ => return,
        }
    }
}

/// Tight list items and footnotes hold text without a paragraph event.
pub(super) fn open_implicit_paragraph(stack: &mut Vec<Frame>) {
    let needs = stack
        .iter()
        .rev()
        .find(|f| !matches!(f, Frame::Flattened))
        .is_some_and(|f| matches!(f, Frame::Blocks { .. } | Frame::List { .. }));
    if needs {
        stack.push(Frame::Inlines {
            kind: InlinesKind::Paragraph { implicit: true },
            inlines: Vec::new(),
        });
    }
}

pub(super) fn close_implicit_paragraph(stack: &mut Vec<Frame>, sink: &mut FileSink<'_, '_>) {
    if let Some(Frame::Inlines {
        kind: InlinesKind::Paragraph { implicit: true },
        ..
    }) = stack.last()
    {
        if let Some(Frame::Inlines { inlines, .. }) = stack.pop() {
            let inlines = crate::parse::pandoc::inlines(merge_text(inlines), sink);
            let inlines = sink.ruby_notation(crate::parse::emoji::shortcodes_in(inlines));
            if !inlines.is_empty() {
                for block in crate::math::input::blocks(inlines) {
                    push_block(stack, block);
                }
            }
        }
    }
}

/// Joins adjacent text nodes (pulldown-cmark splits text at every special
/// character), so that renderers and checks see whole runs.
pub(super) fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(next)) => prev.push_str(&next),
            (_, inline) => out.push(inline),
        }
    }
    out
}

pub(super) fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

pub(super) fn non_empty(s: CowStr<'_>) -> Option<String> {
    (!s.is_empty()).then(|| s.into_string())
}
