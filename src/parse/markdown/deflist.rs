//! Definition lists (pulldown-cmark's `ENABLE_DEFINITION_LIST`, pandoc's
//! syntax): a list frame holding items, a term frame of inlines, and a
//! blocks frame per definition.

use super::{push_block, Frame};
use crate::book::{Block, DefinitionItem, Inline};

/// A term is closed: it starts the next item.
pub(super) fn close_term(stack: &mut [Frame], term: Vec<Inline>) {
    match stack.last_mut() {
        Some(Frame::Definitions { items }) => items.push(DefinitionItem {
            term,
            definitions: Vec::new(),
        }),
        // The list was flattened: keep the term as a paragraph.
        _ => push_block(stack, Block::Paragraph(term)),
    }
}

/// A definition is closed: it belongs to the last term.
pub(super) fn close_definition(stack: &mut [Frame], blocks: Vec<Block>) {
    if let Some(Frame::Definitions { items }) = stack.last_mut() {
        match items.last_mut() {
            Some(item) => item.definitions.push(blocks),
            None => items.push(DefinitionItem {
                term: Vec::new(),
                definitions: vec![blocks],
            }),
        }
        return;
    }
    for block in blocks {
        push_block(stack, block);
    }
}
