//! After the parse: marker paragraphs back into divs, callouts and tables,
//! in every list of blocks (a div may sit in a definition or a list item),
//! and the file's once-only warnings.

use super::attrs::Attrs;
use super::{FileSink, Marker, Prepared};
use crate::book::{Align, Block, BlockAttrs, CalloutKind, DefinitionItem, Inline, ListItem};

/// A div or table whose end marker is still to come.
enum Open {
    Div {
        n: usize,
        line: Option<usize>,
        blocks: Vec<Block>,
    },
    Table {
        n: usize,
        line: Option<usize>,
        cells: Vec<Vec<Block>>,
    },
}

/// Assembles the file's divs and tables and reports what was kept as text.
pub fn finish(
    blocks: Vec<Block>,
    lines: Vec<usize>,
    prepared: &Prepared,
    sink: &mut FileSink<'_, '_>,
) -> (Vec<Block>, Vec<usize>) {
    for (offset, message) in &prepared.warnings {
        sink.warn(sink.line_of(*offset), message.clone());
    }
    super::inlines::report(prepared, sink);
    if prepared.divs.is_empty() && prepared.tables.is_empty() {
        return (blocks, lines);
    }
    let lines = lines.into_iter().map(Some).collect();
    let (blocks, lines) = group(blocks, lines, prepared, sink);
    (blocks, lines.into_iter().map(|l| l.unwrap_or(0)).collect())
}

fn group(
    blocks: Vec<Block>,
    lines: Vec<Option<usize>>,
    prepared: &Prepared,
    sink: &mut FileSink<'_, '_>,
) -> (Vec<Block>, Vec<Option<usize>>) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut out_lines = Vec::with_capacity(blocks.len());
    let mut stack: Vec<Open> = Vec::new();
    let lines = lines.into_iter().chain(std::iter::repeat(None));
    for (block, line) in blocks.into_iter().zip(lines) {
        match Marker::of_block(&block) {
            Some(Marker::DivOpen(n)) => stack.push(Open::Div {
                n,
                line,
                blocks: Vec::new(),
            }),
            Some(Marker::Table(n)) => stack.push(Open::Table {
                n,
                line,
                cells: Vec::new(),
            }),
            Some(Marker::Cell) => {
                if let Some(Open::Table { cells, .. }) = stack.last_mut() {
                    cells.push(Vec::new());
                }
            }
            Some(Marker::DivClose) if matches!(stack.last(), Some(Open::Div { .. })) => {
                close(&mut stack, &mut out, &mut out_lines, prepared, sink);
            }
            Some(Marker::TableEnd) if matches!(stack.last(), Some(Open::Table { .. })) => {
                close(&mut stack, &mut out, &mut out_lines, prepared, sink);
            }
            // An end marker whose start is in another container.
            Some(Marker::DivClose | Marker::TableEnd) => {}
            None => {
                let block = descend(block, prepared, sink);
                push(&mut stack, &mut out, &mut out_lines, block, line);
            }
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut out, &mut out_lines, prepared, sink);
    }
    (out, out_lines)
}

fn push(
    stack: &mut [Open],
    out: &mut Vec<Block>,
    out_lines: &mut Vec<Option<usize>>,
    block: Block,
    line: Option<usize>,
) {
    match stack.last_mut() {
        Some(Open::Div { blocks, .. }) => blocks.push(block),
        Some(Open::Table { cells, .. }) => match cells.last_mut() {
            Some(cell) => cell.push(block),
            None => cells.push(vec![block]),
        },
        None => {
            out.push(block);
            out_lines.push(line);
        }
    }
}

fn close(
    stack: &mut Vec<Open>,
    out: &mut Vec<Block>,
    out_lines: &mut Vec<Option<usize>>,
    prepared: &Prepared,
    sink: &mut FileSink<'_, '_>,
) {
    let (block, line) = match stack.pop() {
        Some(Open::Div { n, line, blocks }) => {
            let (attrs, at) = &prepared.divs[n];
            (div(attrs, *at, blocks, prepared, sink), line)
        }
        Some(Open::Table { n, line, cells }) => (table(&prepared.tables[n], cells), line),
        None => return,
    };
    push(stack, out, out_lines, block, line);
}

/// The blocks inside `block`, grouped too.
fn descend(block: Block, prepared: &Prepared, sink: &mut FileSink<'_, '_>) -> Block {
    let mut inner = |blocks: Vec<Block>| {
        let lines = vec![None; blocks.len()];
        group(blocks, lines, prepared, sink).0
    };
    match block {
        Block::BlockQuote(b) => Block::BlockQuote(inner(b)),
        Block::Callout { kind, blocks } => Block::Callout {
            kind,
            blocks: inner(blocks),
        },
        Block::Div { attrs, blocks } => Block::Div {
            attrs,
            blocks: inner(blocks),
        },
        Block::Details { summary, blocks } => Block::Details {
            summary,
            blocks: inner(blocks),
        },
        Block::List { start, items } => Block::List {
            start,
            items: items
                .into_iter()
                .map(|i| ListItem {
                    task: i.task,
                    blocks: inner(i.blocks),
                })
                .collect(),
        },
        Block::DefinitionList(items) => Block::DefinitionList(
            items
                .into_iter()
                .map(|i| DefinitionItem {
                    term: i.term,
                    definitions: i.definitions.into_iter().map(&mut inner).collect(),
                })
                .collect(),
        ),
        other => other,
    }
}

/// A fenced div: a callout when its first class names one (`.note`,
/// `::: Warning`), else a div; its id made unique among the book's.
fn div(
    attrs: &Attrs,
    at: usize,
    blocks: Vec<Block>,
    prepared: &Prepared,
    sink: &mut FileSink<'_, '_>,
) -> Block {
    let line = prepared.line_map.get(at).copied().unwrap_or(at + 1);
    let lang = match super::super::lang::of_attributes("div", &attrs.pairs) {
        Ok(lang) => lang,
        Err(why) => {
            sink.warn(line, why);
            None
        }
    };
    let id = attrs.id.as_ref().map(|wanted| sink.anchor_id(wanted));
    let callout = attrs
        .classes
        .iter()
        .find_map(|c| CalloutKind::from_marker(c));
    let classes: Vec<String> = attrs
        .classes
        .iter()
        .filter(|c| callout.is_none() || CalloutKind::from_marker(c) != callout)
        .cloned()
        .collect();
    let align = attrs.get("style").map_or(Align::None, text_align);
    let block_attrs = BlockAttrs {
        id,
        classes,
        lang,
        align,
        ..BlockAttrs::default()
    };
    match callout {
        Some(kind) => {
            let callout = Block::Callout { kind, blocks };
            if block_attrs == BlockAttrs::default() {
                callout
            } else {
                Block::Div {
                    attrs: block_attrs,
                    blocks: vec![callout],
                }
            }
        }
        None => Block::Div {
            attrs: block_attrs,
            blocks,
        },
    }
}

/// `text-align` in a `style` attribute.
fn text_align(style: &str) -> Align {
    let value = style.split(';').find_map(|decl| {
        let (key, value) = decl.split_once(':')?;
        (key.trim().eq_ignore_ascii_case("text-align")).then(|| value.trim().to_ascii_lowercase())
    });
    match value.as_deref() {
        Some("left" | "start") => Align::Left,
        Some("center") => Align::Center,
        Some("right" | "end") => Align::Right,
        _ => Align::None,
    }
}

fn table(spec: &super::TableSpec, cells: Vec<Vec<Block>>) -> Block {
    let cols = spec.align.len().max(1);
    let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
    for cell in cells {
        if rows.last().is_none_or(|r| r.len() == cols) {
            rows.push(Vec::with_capacity(cols));
        }
        if let Some(row) = rows.last_mut() {
            row.push(super::cell_inlines::flatten(cell));
        }
    }
    if let Some(row) = rows.last_mut() {
        row.resize(cols, Vec::new());
    }
    let head = if spec.head_rows > 0 && !rows.is_empty() {
        rows.remove(0)
    } else {
        Vec::new()
    };
    Block::Table {
        align: spec.align.clone(),
        head,
        rows,
    }
}
