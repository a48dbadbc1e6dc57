//! A table read from the source ([`super::grid`], [`super::simple`]),
//! written into the new body as a table marker followed by each cell's
//! Markdown behind a cell marker; [`super::group`] assembles them again.

use super::{Marker, Out, TableSpec};

/// One cell: its lines as written (column slice of each source line),
/// with the index of each line relative to the table's first line.
pub type Cell = Vec<(String, usize)>;

/// A table found in the source.
#[derive(Debug)]
pub struct Table {
    pub spec: TableSpec,
    pub rows: Vec<Vec<Cell>>,
    /// Source lines the table (and its caption) takes.
    pub used: usize,
    /// `Table: …` or `: …` after the table, and its relative line.
    pub caption: Option<(String, usize)>,
}

/// Writes `table`, found at old line `base`, into `out`.
pub fn write(table: Table, base: usize, out: &mut Out<'_>, tables: &mut Vec<TableSpec>) {
    tables.push(table.spec);
    out.marker("", Marker::Table(tables.len() - 1), base);
    for row in table.rows {
        for cell in row {
            let first = cell.first().map_or(base, |(_, at)| base + at);
            out.marker("", Marker::Cell, first);
            for (text, at) in markdown_of(cell) {
                out.line(&text, base + at);
            }
        }
    }
    out.marker("", Marker::TableEnd, base + table.used.saturating_sub(1));
    if let Some((caption, at)) = table.caption {
        out.line(&caption, base + at);
        out.line("", base + at);
    }
}

/// The cell's lines made into Markdown of their own: trailing blank lines
/// dropped, the common indent removed, and a code fence left open closed
/// (so it cannot run into the cells after it).
fn markdown_of(mut cell: Cell) -> Cell {
    while cell.last().is_some_and(|(t, _)| t.trim().is_empty()) {
        cell.pop();
    }
    while cell.first().is_some_and(|(t, _)| t.trim().is_empty()) {
        cell.remove(0);
    }
    let indent = cell
        .iter()
        .filter(|(t, _)| !t.trim().is_empty())
        .map(|(t, _)| t.len() - t.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut fences = 0;
    for (text, _) in &mut cell {
        *text = text.get(indent..).unwrap_or("").trim_end().to_string();
        let t = text.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        }
    }
    if fences % 2 == 1 {
        let at = cell.last().map_or(0, |(_, at)| *at);
        cell.push(("```".into(), at));
    }
    cell
}

/// The characters of `line` in columns `from..to` (by character, as the
/// table was drawn).
pub fn slice(chars: &[char], from: usize, to: usize) -> String {
    chars
        .get(from.min(chars.len())..to.min(chars.len()))
        .unwrap_or_default()
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// `Table: caption` or `: caption` after a table (a blank line between
/// allowed): the caption's text and its relative line, and the lines it
/// takes from `at`.
pub fn caption(lines: &[&str], at: usize) -> Option<(String, usize, usize)> {
    let mut i = at;
    if lines.get(i).is_some_and(|l| l.trim().is_empty()) {
        i += 1;
    }
    let first = lines.get(i)?.trim_start();
    let text = first
        .strip_prefix("Table:")
        .or_else(|| first.strip_prefix(": "))
        .or_else(|| first.strip_prefix(':').filter(|r| r.is_empty()))?;
    let mut caption = text.trim().to_string();
    let start = i;
    i += 1;
    while let Some(line) = lines.get(i).filter(|l| !l.trim().is_empty()) {
        caption.push(' ');
        caption.push_str(line.trim());
        i += 1;
    }
    Some((caption, start, i - at))
}
