//! Pandoc's Markdown extensions, on top of pulldown-cmark.
//!
//! pulldown-cmark knows definition lists, `~sub~` and heading attributes;
//! the rest is read here, in three places of the parse of one file:
//!
//! 1. Before pulldown-cmark ([`prepare`]): the block constructs it cannot
//!    see are found line by line, outside code blocks (which a first
//!    pulldown-cmark pass locates): the `%` title block ([`title_block`]),
//!    fenced divs ([`divs`]), grid, simple and multiline tables
//!    ([`grid`], [`simple`]), line blocks ([`line_block`]) and pipe tables
//!    whose delimiter row is not as wide as their head ([`pipe`]). Each is
//!    rewritten into plain Markdown framed by *marker paragraphs* (a
//!    paragraph holding only a private-use code point and a number), in a
//!    new body whose line map still points every line at the line the
//!    author wrote, so warnings keep their lines. A table's cells become
//!    runs of Markdown between markers, parsed with the rest of the file
//!    (links, notes and code in cells work as anywhere else).
//! 2. While the events are folded ([`inlines`], [`refs`], [`diagrams`]):
//!    every run of inlines is read for bracketed spans, inline notes,
//!    image and link attributes, `^super^`, intraword `~sub~` and
//!    citations; references to headings by their text go through
//!    pulldown-cmark's broken-link callback; diagram fences are noted.
//! 3. After the file is parsed ([`finish`]): the marker paragraphs are
//!    turned back into divs, callouts and tables ([`group`]), at any depth.
//!
//! A book without any of these constructs is parsed exactly as before:
//! [`prepare`] then hands back the body unchanged.

mod attrs;
mod cell_inlines;
mod cells;
pub mod diagrams;
mod divs;
mod grid;
mod group;
mod inlines;
mod line_block;
mod pipe;
pub mod refs;
mod scan;
mod simple;
mod spans;
mod supsub;
mod title_block;

use crate::book::{Align, Block};

use super::sink::FileSink;
use attrs::Attrs;

pub use group::finish;
pub use inlines::inlines;
pub use title_block::TitleBlock;

/// A heading marked `{.unlisted}` (below the chapter title): wrapped in
/// a div of that class, which the EPUB's contents do not look into.
pub fn unlisted(heading: Block, unlisted: bool) -> Block {
    match heading {
        Block::Heading { level, .. } if unlisted && level > 1 => Block::Div {
            attrs: crate::book::BlockAttrs {
                classes: vec!["unlisted".into()],
                ..Default::default()
            },
            blocks: vec![heading],
        },
        other => other,
    }
}

/// Starts and ends every marker paragraph.
const MARK: char = '\u{FDD0}';
/// Starts each line of a line block (so no line is read as a list or a
/// heading); removed from the text.
const LINE_MARK: char = '\u{FDD1}';

/// What a marker paragraph stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    /// A fenced div opens, with `Prepared::divs[n]`.
    DivOpen(usize),
    DivClose,
    /// A table starts, shaped as `Prepared::tables[n]`.
    Table(usize),
    /// The next cell of the table starts.
    Cell,
    TableEnd,
}

impl Marker {
    fn text(self) -> String {
        let code = match self {
            Marker::DivOpen(n) => format!("D{n}"),
            Marker::DivClose => "d".into(),
            Marker::Table(n) => format!("T{n}"),
            Marker::Cell => "c".into(),
            Marker::TableEnd => "t".into(),
        };
        format!("{MARK}{code}{MARK}")
    }

    fn read(text: &str) -> Option<Marker> {
        let code = text.strip_prefix(MARK)?.strip_suffix(MARK)?;
        Some(match code {
            "d" => Marker::DivClose,
            "c" => Marker::Cell,
            "t" => Marker::TableEnd,
            _ => {
                let (kind, n) = code.split_at(code.find(|c: char| c.is_ascii_digit())?);
                let n = n.parse().ok()?;
                match kind {
                    "D" => Marker::DivOpen(n),
                    "T" => Marker::Table(n),
                    _ => return None,
                }
            }
        })
    }

    /// The marker a block is, when it is a marker paragraph.
    fn of_block(block: &Block) -> Option<Marker> {
        match block {
            Block::Paragraph(inlines) => match inlines.as_slice() {
                [crate::book::Inline::Text(t)] => Marker::read(t.trim()),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The shape of a table whose cells follow its marker.
#[derive(Debug, Clone, PartialEq)]
struct TableSpec {
    align: Vec<Align>,
    /// Rows of the head (0 or 1).
    head_rows: usize,
}

/// What the parse of one file remembers for its warnings at the end.
#[derive(Debug, Default)]
pub struct FileState {
    /// Inline notes so far, for their labels.
    inline_notes: usize,
    /// Citations (`[@key]`, `@key`) kept as text.
    citations: usize,
    /// Diagram fences kept as code: their count, first line and kinds.
    diagrams: (usize, usize, Vec<String>),
    /// Headings so far by pandoc identifier, for `-1`, `-2` suffixes.
    pandoc_ids: std::collections::BTreeMap<String, usize>,
}

/// A file's body made ready for pulldown-cmark.
#[derive(Debug, Default)]
pub struct Prepared {
    pub body: String,
    /// Body line → line as written, as `SourceFile::line_map`.
    pub line_map: Vec<usize>,
    divs: Vec<(Attrs, usize)>,
    tables: Vec<TableSpec>,
    pub title_block: Option<TitleBlock>,
    /// Problems found while preparing: (byte offset in the new body,
    /// message), reported through the sink.
    warnings: Vec<(usize, String)>,
}

/// The new body being written, one line at a time.
struct Out<'a> {
    body: String,
    map: Vec<usize>,
    old_map: &'a [usize],
}

impl Out<'_> {
    /// Writes `text` as a line standing for line `orig` (0-based) of the
    /// old body.
    fn line(&mut self, text: &str, orig: usize) {
        self.body.push_str(text);
        self.body.push('\n');
        self.map
            .push(self.old_map.get(orig).copied().unwrap_or(orig + 1));
    }

    /// A marker paragraph, blank lines around it, at `indent`.
    fn marker(&mut self, indent: &str, marker: Marker, orig: usize) {
        self.line("", orig);
        self.line(&format!("{indent}{}", marker.text()), orig);
        self.line("", orig);
    }

    /// Where the next line starts in the new body.
    fn offset(&self) -> usize {
        self.body.len()
    }
}

/// Rewrites the pandoc block constructs of `body` (see the module docs).
/// `line_map` is the body's own map (empty: lines as written).
pub fn prepare(body: &str, line_map: &[usize]) -> Prepared {
    let lines: Vec<&str> = body.split('\n').collect();
    let code = scan::code_lines(body, lines.len());
    let mut prepared = Prepared::default();
    let mut out = Out {
        body: String::with_capacity(body.len() + 64),
        map: Vec::with_capacity(lines.len()),
        old_map: line_map,
    };
    let mut changed = false;
    let mut open_divs: Vec<usize> = Vec::new();
    let mut i = 0;
    if let Some((block, used)) = title_block::read(&lines) {
        prepared.title_block = Some(block);
        for orig in 0..used {
            out.line("", orig);
        }
        changed = true;
        i = used;
    }
    while i < lines.len() {
        let line = lines[i];
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        if code[i] {
            out.line(line, i);
            i += 1;
            continue;
        }
        if let Some(fence) = divs::fence(line) {
            changed = true;
            match fence {
                divs::Fence::Open { indent, attrs } => {
                    open_divs.push(out.offset() + 1);
                    prepared.divs.push((attrs, i));
                    let n = prepared.divs.len() - 1;
                    out.marker(indent, Marker::DivOpen(n), i);
                }
                divs::Fence::Close { indent } => {
                    if open_divs.pop().is_some() {
                        out.marker(indent, Marker::DivClose, i);
                    } else {
                        prepared.warnings.push((
                            out.offset(),
                            "closing fence `:::` without an open fenced div is kept as text".into(),
                        ));
                        out.line(line, i);
                    }
                }
            }
            i += 1;
            continue;
        }
        let table = if blank_before {
            grid::read(&lines[i..], &code[i..]).or_else(|| simple::read(&lines[i..], &code[i..]))
        } else {
            None
        };
        if let Some(table) = table {
            changed = true;
            let used = table.used;
            cells::write(table, i, &mut out, &mut prepared.tables);
            i += used;
            continue;
        }
        if let Some(delimiter) = pipe::realigned(&lines[i..]).filter(|_| !code[i + 1]) {
            changed = true;
            out.line(line, i);
            out.line(&delimiter, i + 1);
            i += 2;
            continue;
        }
        if blank_before {
            if let Some(used) = line_block::write(&lines[i..], &code[i..], i, &mut out) {
                changed = true;
                i += used;
                continue;
            }
        }
        out.line(line, i);
        i += 1;
    }
    for offset in open_divs.into_iter().rev() {
        prepared.warnings.push((
            offset,
            "fenced div `:::` is never closed; it ends with the file".into(),
        ));
        out.marker("", Marker::DivClose, lines.len().saturating_sub(1));
    }
    if changed {
        // The last piece of `split` had no newline after it.
        if out.body.ends_with('\n') {
            out.body.pop();
        }
        prepared.body = out.body;
        prepared.line_map = out.map;
    } else {
        prepared.body = body.to_string();
        prepared.line_map = line_map.to_vec();
    }
    prepared
}

#[cfg(test)]
mod tests;
