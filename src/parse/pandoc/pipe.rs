//! Pipe tables whose delimiter row has more or fewer cells than the head
//! (`| a | b |` over `|---|---|---|`): GFM, and so pulldown-cmark, reads
//! no table there and prints the rows as text; pandoc sets the table. The
//! delimiter row is rewritten to the head's width.

/// The cells of a pipe-table row (outer pipes optional, `\|` escaped).
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") {
        &t[..t.len() - 1]
    } else {
        t
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = t.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            out.push(&t[start..i]);
            start = i + 1;
        }
    }
    out.push(&t[start..]);
    out
}

fn is_delimiter(line: &str) -> bool {
    line.contains('-')
        && line.contains('|')
        && cells(line).iter().all(|c| {
            let c = c.trim();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.chars().all(|ch| ch == '-')
        })
}

/// The delimiter row `lines[1]` rewritten to the width of the head
/// `lines[0]`, when they differ.
pub fn realigned(lines: &[&str]) -> Option<String> {
    let (head, delimiter) = (lines.first()?, lines.get(1)?);
    if !head.trim_start().starts_with('|') || !is_delimiter(delimiter) {
        return None;
    }
    let width = cells(head).len();
    let marks = cells(delimiter);
    if marks.len() == width || width == 0 {
        return None;
    }
    let row: Vec<String> = (0..width)
        .map(|k| {
            marks
                .get(k)
                .map_or("---".to_string(), |m| m.trim().to_string())
        })
        .collect();
    Some(format!("|{}|", row.join("|")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_row_follows_the_head() {
        assert_eq!(
            realigned(&["| Contributor | Years active |", "|---|---|---|"]).as_deref(),
            Some("|---|---|")
        );
        assert_eq!(
            realigned(&["| a | b | c |", "|:--|--:|"]).as_deref(),
            Some("|:--|--:|---|")
        );
        assert_eq!(realigned(&["| a | b |", "|---|---|"]), None);
        assert_eq!(realigned(&["| a \\| b |", "|---|"]), None);
        assert_eq!(realigned(&["| a |", "| not a delimiter |"]), None);
    }
}
