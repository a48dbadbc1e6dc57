//! The blocks of a table cell as inlines, since a cell of the model holds
//! inlines: one line per paragraph, per code line and per list item, so
//! every line of a grid table's cell is kept.

use crate::book::{Block, Inline};

pub fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    push_blocks(blocks, &mut out);
    out
}

fn push_blocks(blocks: Vec<Block>, out: &mut Vec<Inline>) {
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push(Inline::LineBreak);
        }
        push_block(block, out);
    }
}

fn push_block(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Paragraph(inlines) => out.extend(inlines),
        Block::Heading { content, .. } => out.push(Inline::Strong(content)),
        Block::CodeBlock { text, .. } => {
            for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
                if i > 0 {
                    out.push(Inline::LineBreak);
                }
                // Leading spaces carry the code's structure (YAML):
                // no-break spaces survive line filling.
                let trimmed = line.trim_start_matches(' ');
                let indent = "\u{a0}".repeat(line.len() - trimmed.len());
                if !line.is_empty() {
                    out.push(Inline::Code(format!("{indent}{trimmed}")));
                }
            }
        }
        Block::List { start, items } => {
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push(Inline::LineBreak);
                }
                let marker = match start {
                    Some(n) => format!("{}. ", n.saturating_add(i as u64)),
                    None => "• ".to_string(),
                };
                out.push(Inline::Text(marker));
                let mut inner = Vec::new();
                push_blocks(item.blocks, &mut inner);
                out.extend(inner);
            }
        }
        Block::BlockQuote(blocks) | Block::Callout { blocks, .. } | Block::Div { blocks, .. } => {
            push_blocks(blocks, out)
        }
        Block::Details { summary, blocks } => {
            out.extend(summary);
            out.push(Inline::LineBreak);
            push_blocks(blocks, out);
        }
        Block::DefinitionList(items) => {
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    out.push(Inline::LineBreak);
                }
                out.push(Inline::Strong(item.term));
                for definition in item.definitions {
                    out.push(Inline::LineBreak);
                    push_blocks(definition, out);
                }
            }
        }
        Block::Table { head, rows, .. } => {
            for (i, row) in std::iter::once(head).chain(rows).enumerate() {
                if i > 0 {
                    out.push(Inline::LineBreak);
                }
                for (k, cell) in row.into_iter().enumerate() {
                    if k > 0 {
                        out.push(Inline::Text(" | ".into()));
                    }
                    out.extend(cell);
                }
            }
        }
        Block::Figure { image, caption, .. } => {
            out.push(Inline::Image(image));
            if !caption.is_empty() {
                out.push(Inline::LineBreak);
                out.extend(caption);
            }
        }
        Block::Math(math) => out.push(Inline::Math(math)),
        Block::Rule => {}
    }
}
