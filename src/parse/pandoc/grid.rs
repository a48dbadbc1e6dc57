//! Grid tables: a frame of `+---+` rules and `|` columns, `+===+` under
//! the head, `:` in a rule for alignment. A cell holds any Markdown over
//! as many lines as it needs (code blocks, lists…).

use super::cells::{self, Cell, Table};
use super::TableSpec;
use crate::book::Align;

fn is_rule(line: &str) -> bool {
    let line = line.trim_end();
    line.len() >= 3
        && line.starts_with('+')
        && line.ends_with('+')
        && line.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
        && line.contains(['-', '='])
}

/// A grid table starting at `lines[0]`, if one does.
pub fn read(lines: &[&str], code: &[bool]) -> Option<Table> {
    let first = lines.first()?.trim_end();
    if !is_rule(first) || first.contains('=') {
        return None;
    }
    let bounds: Vec<usize> = first
        .chars()
        .enumerate()
        .filter(|(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect();
    let cols = bounds.len().checked_sub(1).filter(|&c| c > 0)?;
    // The table runs while lines start with `+` or `|`, to its last rule.
    let mut end = 1;
    while end < lines.len() && !code[end] && lines[end].starts_with(['+', '|']) {
        end += 1;
    }
    let last_rule = (1..end).rev().find(|&j| is_rule(lines[j]))?;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut current: Vec<Cell> = vec![Vec::new(); cols];
    let mut head_rows = 0;
    let mut align_line = first;
    for (j, line) in lines.iter().enumerate().take(last_rule + 1).skip(1) {
        if is_rule(line) {
            rows.push(std::mem::replace(&mut current, vec![Vec::new(); cols]));
            if line.contains('=') && head_rows == 0 {
                head_rows = rows.len();
                align_line = line;
            }
            continue;
        }
        for (k, text) in columns(line, &bounds).into_iter().enumerate() {
            current[k].push((text, j));
        }
    }
    let align = alignments(align_line, &bounds);
    let (caption, used) = match cells::caption(lines, last_rule + 1) {
        Some((text, at, taken)) => (Some((text, at)), last_rule + 1 + taken),
        None => (None, last_rule + 1),
    };
    // More than one head row: the first is the head, the rest body.
    Some(Table {
        spec: TableSpec {
            align,
            head_rows: head_rows.min(1),
        },
        rows,
        used,
        caption,
    })
}

/// The text of each column of a content line: cut at the rule's `+`
/// positions, or at its `|` when the line does not line up with them
/// (wide characters).
fn columns(line: &str, bounds: &[usize]) -> Vec<String> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    let cols = bounds.len() - 1;
    let aligned = bounds
        .iter()
        .all(|&b| matches!(chars.get(b), Some('|' | '+')));
    let pieces: Vec<&str> = line.trim_end().split('|').collect();
    if !aligned && pieces.len() == cols + 2 {
        return pieces[1..=cols].iter().map(|p| p.to_string()).collect();
    }
    (0..cols)
        .map(|k| cells::slice(&chars, bounds[k] + 1, bounds[k + 1]))
        .collect()
}

fn alignments(rule: &str, bounds: &[usize]) -> Vec<Align> {
    let chars: Vec<char> = rule.chars().collect();
    (0..bounds.len() - 1)
        .map(|k| {
            let left = chars.get(bounds[k] + 1) == Some(&':');
            let right = chars.get(bounds[k + 1].wrapping_sub(1)) == Some(&':');
            match (left, right) {
                (true, true) => Align::Center,
                (true, false) => Align::Left,
                (false, true) => Align::Right,
                (false, false) => Align::None,
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

    #[test]
    fn the_manuals_example() {
        let t = table(
            "+---------------+---------------+--------------------+\n\
             | Fruit         | Price         | Advantages         |\n\
             +===============+===============+====================+\n\
             | Bananas       | $1.34         | - built-in wrapper |\n\
             |               |               | - bright color     |\n\
             +---------------+---------------+--------------------+\n\
             | Oranges       | $2.10         | - cures scurvy     |\n\
             |               |               | - tasty            |\n\
             +---------------+---------------+--------------------+\n\
             \n\
             after",
        )
        .unwrap();
        assert_eq!(t.used, 9);
        assert_eq!(t.spec.head_rows, 1);
        assert_eq!(t.rows.len(), 3);
        let advantages: Vec<&str> = t.rows[1][2].iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(advantages, [" - built-in wrapper", " - bright color"]);
        assert_eq!(
            t.rows[1][2][1].1, 4,
            "relative line of the cell's second line"
        );
    }

    #[test]
    fn alignment_and_caption() {
        let t = table(
            "+---+---+---+\n| a | b | c |\n+:==+==:+:=:+\n| 1 | 2 | 3 |\n+---+---+---+\n\nTable: Sums",
        )
        .unwrap();
        assert_eq!(t.spec.align, [Align::Left, Align::Right, Align::Center]);
        assert_eq!(t.caption, Some(("Sums".to_string(), 6)));
        assert_eq!(t.used, 7);
    }

    #[test]
    fn not_tables() {
        assert!(table("+ not a table").is_none());
        assert!(table("+---+\n| open").is_none());
        assert!(table("+===+\n| a |\n+---+").is_none());
    }
}
