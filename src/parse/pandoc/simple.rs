//! Simple and multiline tables: columns drawn by runs of dashes under
//! (or around) the head; a column's alignment comes from where its head
//! sits over the dashes. Multiline tables open and close with a full
//! line of dashes and separate their rows by blank lines.

use super::cells::{self, Cell, Table};
use super::TableSpec;
use crate::book::Align;

/// The dash runs of a line made only of dashes and spaces (character
/// ranges), when it has at least two, each of two dashes or more.
fn dash_columns(line: &str) -> Option<Vec<(usize, usize)>> {
    let line = line.trim_end();
    if line.is_empty() || !line.chars().all(|c| c == '-' || c == ' ') {
        return None;
    }
    if line.len() - line.trim_start().len() > 3 {
        return None;
    }
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                runs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    (runs.len() >= 2 && runs.iter().all(|(s, e)| e - s >= 2)).then_some(runs)
}

/// A full line of dashes (the frame of a multiline table).
fn is_frame(line: &str) -> bool {
    let line = line.trim_end();
    line.len() >= 3 && line.chars().all(|c| c == '-')
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// A simple or multiline table starting at `lines[0]`, if one does.
/// Only the first line must be outside code: rows indented four spaces
/// after a rule read as an indented code block to a CommonMark parser.
pub fn read(lines: &[&str], _code: &[bool]) -> Option<Table> {
    let usable = |j: usize| j < lines.len();
    let first = lines.first()?;
    if is_frame(first) && usable(1) && !blank(lines[1]) {
        return multiline(lines);
    }
    if let Some(cols) = dash_columns(first) {
        // Headerless: rows up to a closing dash line.
        let close = (1..lines.len())
            .take_while(|&j| usable(j))
            .find(|&j| dash_columns(lines[j]).is_some() || is_frame(lines[j]))?;
        let body = &lines[1..close];
        if body.is_empty() || body.iter().all(|l| blank(l)) {
            return None;
        }
        let rows = if body.iter().any(|l| blank(l)) {
            grouped_rows(body, 1, &cols)
        } else {
            body.iter()
                .enumerate()
                .map(|(k, l)| row_of(&[l], 1 + k, &cols))
                .collect()
        };
        let align = alignments(body[0], &cols);
        return Some(finish(lines, rows, align, 0, close + 1));
    }
    if blank(first) || !usable(1) {
        return None;
    }
    let cols = dash_columns(lines[1])?;
    let mut end = 2;
    while usable(end) && !blank(lines[end]) && dash_columns(lines[end]).is_none() {
        end += 1;
    }
    if end == 2 {
        return None;
    }
    let mut rows = vec![row_of(&[first], 0, &cols)];
    rows.extend((2..end).map(|j| row_of(&[lines[j]], j, &cols)));
    let closing = usize::from(usable(end) && dash_columns(lines[end]).is_some());
    let align = alignments(first, &cols);
    Some(finish(lines, rows, align, 1, end + closing))
}

fn multiline(lines: &[&str]) -> Option<Table> {
    let usable = |j: usize| j < lines.len();
    let mut sep = 1;
    while usable(sep) && !blank(lines[sep]) && dash_columns(lines[sep]).is_none() {
        sep += 1;
    }
    let cols = dash_columns(lines.get(sep)?).filter(|_| usable(sep))?;
    let close = (sep + 1..lines.len())
        .take_while(|&j| usable(j))
        .find(|&j| is_frame(lines[j]))?;
    if lines.get(close + 1).is_some_and(|l| !blank(l)) {
        return None;
    }
    let head = row_of(&lines[1..sep], 1, &cols);
    let mut rows = vec![head];
    rows.extend(grouped_rows(&lines[sep + 1..close], sep + 1, &cols));
    let align = alignments(lines[1], &cols);
    Some(finish(lines, rows, align, 1, close + 1))
}

fn finish(
    lines: &[&str],
    rows: Vec<Vec<Cell>>,
    align: Vec<Align>,
    head_rows: usize,
    end: usize,
) -> Table {
    let (caption, used) = match cells::caption(lines, end) {
        Some((text, at, taken)) => (Some((text, at)), end + taken),
        None => (None, end),
    };
    Table {
        spec: TableSpec { align, head_rows },
        rows,
        used,
        caption,
    }
}

/// Rows separated by blank lines, `offset` the relative line of `body[0]`.
fn grouped_rows(body: &[&str], offset: usize, cols: &[(usize, usize)]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    let mut start = 0;
    for j in 0..=body.len() {
        if j == body.len() || blank(body[j]) {
            if j > start {
                rows.push(row_of(&body[start..j], offset + start, cols));
            }
            start = j + 1;
        }
    }
    rows
}

/// The cells of the row on `lines` (relative line `at` for the first):
/// column `k` runs from its dashes' start to the next column's start.
fn row_of(lines: &[&str], at: usize, cols: &[(usize, usize)]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = vec![Vec::new(); cols.len()];
    for (j, line) in lines.iter().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        for (k, cell) in cells.iter_mut().enumerate() {
            let from = if k == 0 { 0 } else { cols[k].0 };
            let to = cols.get(k + 1).map_or(usize::MAX, |c| c.0);
            cell.push((cells::slice(&chars, from, to), at + j));
        }
    }
    cells
}

/// Flush left with its dashes: left; flush right: right; both: default;
/// neither: centred.
fn alignments(head: &str, cols: &[(usize, usize)]) -> Vec<Align> {
    let chars: Vec<char> = head.chars().collect();
    cols.iter()
        .map(|&(start, end)| {
            let first = (start..end).find(|&i| chars.get(i).is_some_and(|c| *c != ' '));
            let left = first == Some(start);
            let right = chars.get(end - 1).is_some_and(|c| *c != ' ')
                && chars.get(end).is_none_or(|c| *c == ' ');
            match (left, right) {
                (true, true) => Align::None,
                (true, false) => Align::Left,
                (false, true) => Align::Right,
                (false, false) => Align::Center,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Option<Table> {
        let lines: Vec<&str> = text.split('\n').collect();
        read(&lines, &vec![false; lines.len()])
    }

    fn texts(t: &Table) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        let lines: Vec<&str> = c.iter().map(|(s, _)| s.trim()).collect();
                        lines.join("/").trim_matches('/').to_string()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn simple_table_from_the_manual() {
        let t = table(
            "  Right     Left     Center     Default\n\
             -------     ------ ----------   -------\n     \
             12     12        12            12\n    \
             123     123       123          123\n      \
             1     1          1             1\n\
             \n\
             Table:  Demonstration of simple table syntax.",
        )
        .unwrap();
        assert_eq!(
            t.spec.align,
            [Align::Right, Align::Left, Align::Center, Align::None]
        );
        assert_eq!(t.spec.head_rows, 1);
        assert_eq!(texts(&t)[0], ["Right", "Left", "Center", "Default"]);
        assert_eq!(texts(&t)[2], ["123", "123", "123", "123"]);
        assert_eq!(
            t.caption.as_ref().unwrap().0,
            "Demonstration of simple table syntax."
        );
        assert_eq!(t.used, 7);
    }

    #[test]
    fn multiline_table_from_the_manual() {
        let t = table(
            "-------------------------------------------------------------\n \
             Centered   Default           Right Left\n  \
             Header    Aligned         Aligned Aligned\n\
             ----------- ------- --------------- -------------------------\n   \
             First    row                12.0 Example of a row that\n                                     \
             spans multiple lines.\n\
             \n  \
             Second    row                 5.0 Here's another one. Note\n                                     \
             the blank line between\n                                     \
             rows.\n\
             -------------------------------------------------------------\n\
             \n\
             after",
        )
        .unwrap();
        assert_eq!(t.used, 11);
        let texts = texts(&t);
        assert_eq!(
            texts[0],
            [
                "Centered/Header",
                "Default/Aligned",
                "Right/Aligned",
                "Left/Aligned"
            ]
        );
        assert_eq!(texts[1][3], "Example of a row that/spans multiple lines.");
        assert_eq!(texts.len(), 3);
    }

    #[test]
    fn headerless_table() {
        let t = table("-------     ------ ----------   -------\n     12     12        12             12\n    123     123       123           123\n-------     ------ ----------   -------").unwrap();
        assert_eq!(t.spec.head_rows, 0);
        assert_eq!(t.rows.len(), 2);
    }

    #[test]
    fn rules_and_headings_are_not_tables() {
        assert!(table("Title\n-----\n\ntext").is_none());
        assert!(table("- - -\n\ntext").is_none());
        assert!(table("---\n\ntext").is_none());
        assert!(table("text\n-- --").is_none());
    }
}
