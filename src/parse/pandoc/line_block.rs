//! Line blocks: lines starting with `| ` keep their breaks and their
//! leading spaces (verse, addresses). A line starting with a space
//! continues the one above. Rewritten as one paragraph with a hard break
//! after each line, leading spaces as no-break spaces; a run of `|` lines
//! with a delimiter row (`|---|`) is a pipe table and stays as written.

use super::{Out, LINE_MARK};

fn starts_line(line: &str) -> bool {
    line == "|" || line.starts_with("| ")
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Writes the line block starting at `lines[0]` (old line `base`), if
/// one does; returns the lines it took.
pub fn write(lines: &[&str], code: &[bool], base: usize, out: &mut Out<'_>) -> Option<usize> {
    if !starts_line(lines.first()?) {
        return None;
    }
    let mut end = 1;
    while end < lines.len()
        && !code[end]
        && (starts_line(lines[end])
            || (lines[end].starts_with(' ') && !lines[end].trim().is_empty()))
    {
        end += 1;
    }
    let table_rows = lines.iter().take_while(|l| l.trim_start().starts_with('|'));
    if table_rows.clone().any(|l| is_delimiter_row(l))
        || lines[..end].iter().any(|l| is_delimiter_row(l))
    {
        return None;
    }
    for j in 0..end {
        let line = lines[j];
        let ends_logical_line = j + 1 == end || starts_line(lines[j + 1]);
        let break_after = if ends_logical_line && j + 1 < end {
            "\\"
        } else {
            ""
        };
        let text = match line.strip_prefix('|') {
            Some(rest) => {
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                let words = rest.trim_start_matches(' ');
                let spaces = rest.len() - words.len();
                format!("{LINE_MARK}{}{words}{break_after}", "\u{a0}".repeat(spaces))
            }
            None => format!("{}{break_after}", line.trim()),
        };
        out.line(&text, base + j);
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Option<(String, usize)> {
        let lines: Vec<&str> = text.split('\n').collect();
        let mut out = Out {
            body: String::new(),
            map: Vec::new(),
            old_map: &[],
        };
        let used = write(&lines, &vec![false; lines.len()], 0, &mut out)?;
        Some((out.body, used))
    }

    #[test]
    fn verse_keeps_its_lines_and_indents() {
        let (body, used) = run(
            "| The limerick packs laughs anatomical\n| In space that is quite economical.\n|    But the good ones I've seen\n|    So seldom are clean\n\nafter",
        )
        .unwrap();
        assert_eq!(used, 4);
        let m = LINE_MARK;
        assert_eq!(
            body,
            format!(
                "{m}The limerick packs laughs anatomical\\\n{m}In space that is quite economical.\\\n\
                 {m}\u{a0}\u{a0}\u{a0}But the good ones I've seen\\\n{m}\u{a0}\u{a0}\u{a0}So seldom are clean\n"
            )
        );
    }

    #[test]
    fn continuation_lines_and_pipe_tables() {
        let (body, used) = run("| 200 Main St.\n| Berkeley, CA\n   94718\n| USA").unwrap();
        assert_eq!(used, 4);
        assert!(body.contains("Berkeley, CA\n94718\\\n"), "{body:?}");
        assert!(run("| a | b |\n|---|---|\n| 1 | 2 |").is_none());
        assert!(run("|no space").is_none());
    }
}
