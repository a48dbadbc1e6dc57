//! Where a closed HTML element goes: an `<li>` into its list, a `<dd>`
//! into its term, a `<tr>` into its table, a `<td>` into its row, a
//! `<summary>` into its `<details>`; anything else becomes blocks of its
//! own ([`crate::parse::html::block`]).

use super::{push_block, BlocksKind, Frame};
use crate::book::{Block, DefinitionItem, Inline, ListItem};
use crate::parse::html::{block, BlockTag};
use crate::parse::sink::FileSink;

/// The open HTML element right under the top of the stack, when it is
/// one of `names`: the parent a child just closed hands itself to.
pub(super) fn parent_tag<'s>(stack: &'s mut [Frame], names: &[&str]) -> Option<&'s mut BlockTag> {
    match stack.last_mut() {
        Some(Frame::Blocks {
            kind: BlocksKind::Html(tag),
            ..
        }) if names.contains(&tag.name.as_str()) => Some(tag),
        _ => None,
    }
}

/// A block element holding blocks has closed.
pub(super) fn close_container(
    stack: &mut [Frame],
    sink: &mut FileSink<'_, '_>,
    tag: BlockTag,
    blocks: Vec<Block>,
) {
    match tag.name.as_str() {
        "li" => {
            if let Some(list) = parent_tag(stack, &["ul", "ol", "menu"]) {
                list.items.push(ListItem { task: None, blocks });
                return;
            }
        }
        "dd" => {
            if let Some(dl) = parent_tag(stack, &["dl"]) {
                match dl.terms.last_mut() {
                    Some(item) => item.definitions.push(blocks),
                    None => dl.terms.push(DefinitionItem {
                        term: Vec::new(),
                        definitions: vec![blocks],
                    }),
                }
                return;
            }
        }
        "tr" => {
            if let Some(table) = parent_tag(stack, &["table"]) {
                let head =
                    table.in_head || (table.rows.is_empty() && tag.all_th && !tag.cells.is_empty());
                table.rows.push((tag.cells, head));
                return;
            }
        }
        _ => {}
    }
    for block in block::container_blocks(tag, blocks, sink) {
        push_block(stack, block);
    }
}

/// A block element holding inline content has closed.
pub(super) fn close_text(
    stack: &mut [Frame],
    sink: &mut FileSink<'_, '_>,
    tag: BlockTag,
    inlines: Vec<Inline>,
) {
    let inlines = block::trim(inlines);
    let name = tag.name.as_str();
    let parent = match name {
        "summary" => parent_tag(stack, &["details"]),
        "figcaption" => parent_tag(stack, &["figure"]),
        "dt" => parent_tag(stack, &["dl"]),
        "td" | "th" => parent_tag(stack, &["tr"]),
        _ => None,
    };
    if let Some(parent) = parent {
        match name {
            "summary" if parent.summary.is_none() => parent.summary = Some(inlines),
            "figcaption" => parent.caption = inlines,
            "dt" => parent.terms.push(DefinitionItem {
                term: inlines,
                definitions: Vec::new(),
            }),
            "td" | "th" => {
                parent.all_th &= name == "th";
                parent.cells.push(inlines);
            }
            _ => {
                for block in block::text_blocks(tag, inlines, sink) {
                    push_block(stack, block);
                }
            }
        }
        return;
    }
    for block in block::text_blocks(tag, inlines, sink) {
        push_block(stack, block);
    }
}

/// A block put inside an element holding inline content (a Markdown
/// paragraph inside `<td>` … `</td>`): its text joins the element's.
pub(super) fn block_into_text(block: Block, inlines: &mut Vec<Inline>) {
    let mut text = Vec::new();
    match block {
        Block::Paragraph(content) | Block::Heading { content, .. } => text = content,
        Block::Figure { image, .. } => text.push(Inline::Image(image)),
        Block::CodeBlock { text: code, .. } => text.push(Inline::Code(code)),
        other => {
            let mut plain = String::new();
            crate::book::text::push_blocks(&mut plain, std::slice::from_ref(&other));
            text.push(Inline::Text(plain.trim().to_string()));
        }
    }
    if !inlines.is_empty() && !text.is_empty() {
        inlines.push(Inline::LineBreak);
    }
    inlines.extend(text);
}
