//! Whether blocks hold any formula (the EPUB marks such documents with the
//! `mathml` property), without recursion.

use crate::book::{Block, Inline};

enum Item<'a> {
    Block(&'a Block),
    Inline(&'a Inline),
}

/// True when `blocks` hold a formula that is set as MathML.
pub fn has_math(blocks: &[Block]) -> bool {
    let mut stack: Vec<Item<'_>> = blocks.iter().map(Item::Block).collect();
    while let Some(item) = stack.pop() {
        match item {
            Item::Block(block) => match block {
                Block::Math(m) if m.tree.is_some() => return true,
                Block::Math(_) => {}
                Block::Heading { content, .. } | Block::Paragraph(content) => {
                    stack.extend(content.iter().map(Item::Inline))
                }
                Block::BlockQuote(b)
                | Block::Callout { blocks: b, .. }
                | Block::Div { blocks: b, .. } => stack.extend(b.iter().map(Item::Block)),
                Block::Details { summary, blocks } => {
                    stack.extend(summary.iter().map(Item::Inline));
                    stack.extend(blocks.iter().map(Item::Block));
                }
                Block::List { items, .. } => {
                    stack.extend(items.iter().flat_map(|i| &i.blocks).map(Item::Block))
                }
                Block::Table { head, rows, .. } => stack.extend(
                    head.iter()
                        .chain(rows.iter().flatten())
                        .flatten()
                        .map(Item::Inline),
                ),
                Block::Figure { caption, .. } => stack.extend(caption.iter().map(Item::Inline)),
                Block::DefinitionList(items) => {
                    for item in items {
                        stack.extend(item.term.iter().map(Item::Inline));
                        stack.extend(item.definitions.iter().flatten().map(Item::Block));
                    }
                }
                Block::CodeBlock { .. } | Block::Rule => {}
            },
            Item::Inline(inline) => match inline {
                Inline::Math(m) if m.tree.is_some() => return true,
                Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strikethrough(c) => {
                    stack.extend(c.iter().map(Item::Inline))
                }
                Inline::Link { content, .. }
                | Inline::Lang { content, .. }
                | Inline::Phrase { content, .. } => stack.extend(content.iter().map(Item::Inline)),
                _ => {}
            },
        }
    }
    false
}
