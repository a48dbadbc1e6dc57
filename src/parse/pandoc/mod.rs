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

/// Stands where a link was kept as its text only, so that attributes
/// written after it (`[text](x.html){.ref}`) are dropped with it; removed
/// from the text.
const DROPPED_LINK: char = '\u{FDD2}';

/// The mark left where a link was dropped ([`DROPPED_LINK`]).
pub fn dropped_link() -> crate::book::Inline {
    crate::book::Inline::Text(DROPPED_LINK.to_string())
}

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

/// pandoc's other definition marker, `~` (indented up to two spaces,
/// then spaces and text, after a term or a term and a blank line), as
/// the colon pulldown-cmark knows.
fn tilde_definition(lines: &[&str], i: usize) -> Option<String> {
    let line = lines[i];
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    let rest = trimmed.strip_prefix('~')?;
    if indent > 2 || !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    // A term is a line of text: not blank, not a heading or a quote.
    let filled = |j: usize| {
        lines
            .get(j)
            .is_some_and(|l| !l.trim().is_empty() && !l.trim_start().starts_with(['#', '>']))
    };
    let after_term = i >= 1 && (filled(i - 1) || (i >= 2 && filled(i - 2)));
    after_term.then(|| format!("{}:{rest}", &line[..indent]))
}

/// Rewrites the pandoc block constructs of `body` (see the module docs).
/// `line_map` is the body's own map (empty: lines as written).
pub fn prepare(body: &str, line_map: &[usize]) -> Prepared {
    let lines: Vec<&str> = body.split('\n').collect();
    if !lines.iter().any(|l| may_start_a_block(l)) && !body.starts_with('%') {
        // Nothing to rewrite: spare the code-finding pass.
        return Prepared {
            body: body.to_string(),
            line_map: line_map.to_vec(),
            ..Prepared::default()
        };
    }
    let mut pass = Pass {
        code: scan::code_lines(body, lines.len()),
        lines,
        out: Out {
            body: String::with_capacity(body.len() + 64),
            map: Vec::new(),
            old_map: line_map,
        },
        prepared: Prepared::default(),
        open_divs: Vec::new(),
        changed: false,
    };
    let mut i = pass.title_block();
    while i < pass.lines.len() {
        i += pass.step(i);
    }
    let Pass {
        lines,
        mut out,
        mut prepared,
        open_divs,
        changed,
        ..
    } = pass;
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

/// A line opening with a colon glued to a word (d2lbook's
/// ``:label:`fig_x` ``, `:width:`): pandoc starts a definition only at a
/// colon followed by a space, but pulldown-cmark at any colon, so the
/// colon is escaped to stay text.
fn colon_word(line: &str) -> Option<String> {
    let text = line.trim_start_matches(' ');
    let indent = line.len() - text.len();
    let after = text.strip_prefix(':')?;
    (indent < 4 && after.starts_with(|c: char| !c.is_whitespace() && c != ':'))
        .then(|| format!("{}\\{text}", &line[..indent]))
}

/// Whether `line` may start (or delimit) a construct [`prepare`] rewrites:
/// a fence, a table rule or row, a line block, a `~` definition, a line
/// of dashes.
fn may_start_a_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with([':', '+', '|', '~'])
        || (t.starts_with('-') && t.trim_end().chars().all(|c| c == '-' || c == ' '))
}

/// The line-by-line rewriting of one body.
struct Pass<'a> {
    lines: Vec<&'a str>,
    /// Per line: inside a code or HTML block.
    code: Vec<bool>,
    out: Out<'a>,
    prepared: Prepared,
    /// Where each open div's marker is, for its warning.
    open_divs: Vec<usize>,
    /// Whether anything was rewritten.
    changed: bool,
}

impl Pass<'_> {
    /// Reads a `%` title block at the top; returns the lines it took.
    fn title_block(&mut self) -> usize {
        let Some((block, used)) = title_block::read(&self.lines) else {
            return 0;
        };
        self.prepared.title_block = Some(block);
        for orig in 0..used {
            self.out.line("", orig);
        }
        self.changed = true;
        used
    }

    /// Rewrites what starts at line `i`; returns the lines it took.
    fn step(&mut self, i: usize) -> usize {
        let (lines, code) = (&self.lines, &self.code);
        let line = lines[i];
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        if code[i] {
            self.out.line(line, i);
            return 1;
        }
        if let Some(fence) = divs::fence(line) {
            self.changed = true;
            self.fence(fence, line, i);
            return 1;
        }
        let table = blank_before
            .then(|| {
                grid::read(&lines[i..], &code[i..])
                    .or_else(|| simple::read(&lines[i..], &code[i..]))
            })
            .flatten();
        let rewritten = if let Some(table) = table {
            let used = table.used;
            cells::write(table, i, &mut self.out, &mut self.prepared.tables);
            Some(used)
        } else if let Some(delimiter) = pipe::realigned(&lines[i..]).filter(|_| !code[i + 1]) {
            self.out.line(line, i);
            self.out.line(&delimiter, i + 1);
            Some(2)
        } else if let Some(used) = blank_before
            .then(|| line_block::write(&lines[i..], &code[i..], i, &mut self.out))
            .flatten()
        {
            Some(used)
        } else if let Some(colon) = tilde_definition(lines, i) {
            self.out.line(&colon, i);
            Some(1)
        } else if let Some(escaped) = colon_word(line) {
            self.out.line(&escaped, i);
            Some(1)
        } else {
            None
        };
        match rewritten {
            Some(used) => {
                self.changed = true;
                used
            }
            None => {
                self.out.line(line, i);
                1
            }
        }
    }

    fn fence(&mut self, fence: divs::Fence<'_>, line: &str, i: usize) {
        match fence {
            divs::Fence::Open { indent, attrs } => {
                self.open_divs.push(self.out.offset() + 1);
                self.prepared.divs.push((attrs, i));
                let n = self.prepared.divs.len() - 1;
                self.out.marker(indent, Marker::DivOpen(n), i);
            }
            divs::Fence::Close { indent } => {
                if self.open_divs.pop().is_some() {
                    self.out.marker(indent, Marker::DivClose, i);
                } else {
                    self.prepared.warnings.push((
                        self.out.offset(),
                        "closing fence `:::` without an open fenced div is kept as text".into(),
                    ));
                    self.out.line(line, i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
