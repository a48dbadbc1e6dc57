//! The source line under a finding, cut to fit a terminal: a paragraph
//! of Chinese is one line of 300 characters (600 columns), and printed
//! whole it wraps over many terminal lines with as many carets again.
//! Shown is a window of at most [`WIDTH`] display columns around the
//! marked part, cut on character boundaries, each cut marked with `…`.

/// Display columns of the window, `…` marks included.
pub const WIDTH: usize = 80;

const ELLIPSIS: char = '…';

/// A source line ready to print: the text and where, in display columns
/// of `text`, the marker goes and how wide it is (at least 1).
#[derive(Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub marker_start: usize,
    pub marker_width: usize,
}

/// The window of `line` (tabs already expanded) around 1-based char
/// `column`, or around the whole line (without its indent) when the
/// column is unknown (0).
pub fn snippet(line: &str, column: usize) -> Snippet {
    let widths: Vec<usize> = line.chars().map(char_width).collect();
    let total: usize = widths.iter().sum();
    let (start, width) = marker_span(line, &widths, column);
    if total <= WIDTH {
        return Snippet {
            text: line.to_string(),
            marker_start: start,
            marker_width: width.max(1),
        };
    }
    // Room for the text between the two `…`; the marked part is centred
    // in it, or starts it when it is wider than the room.
    let room = WIDTH - 2;
    let wanted_from = start.saturating_sub(room.saturating_sub(width) / 2);
    let from = wanted_from.min(total.saturating_sub(room));
    let (text, shown_from, shown_to) = cut(line, &widths, from, from + room);
    let lead = usize::from(shown_from > 0);
    let mut out = String::with_capacity(text.len() + 6);
    if lead == 1 {
        out.push(ELLIPSIS);
    }
    out.push_str(&text);
    if shown_to < total {
        out.push(ELLIPSIS);
    }
    let marker_from = start.clamp(shown_from, shown_to);
    let marker_to = (start + width).clamp(shown_from, shown_to);
    Snippet {
        text: out,
        marker_start: lead + marker_from - shown_from,
        marker_width: (marker_to - marker_from).max(1),
    }
}

/// The characters of `line` wholly inside display columns `from..to`,
/// with the columns they really start and end at.
fn cut(line: &str, widths: &[usize], from: usize, to: usize) -> (String, usize, usize) {
    let mut out = String::new();
    let (mut at, mut first, mut last) = (0, None, from);
    for (c, &w) in line.chars().zip(widths) {
        if at >= from && at + w <= to {
            first.get_or_insert(at);
            out.push(c);
            last = at + w;
        }
        at += w;
    }
    (out, first.unwrap_or(from), last)
}

/// Where the marker goes, in display columns: at `column` when known,
/// else under the whole line after its indent.
fn marker_span(line: &str, widths: &[usize], column: usize) -> (usize, usize) {
    if column > 0 {
        let before = widths.iter().take(column - 1).sum();
        let at = widths.get(column - 1).copied().unwrap_or(1);
        return (before, at);
    }
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = line.chars().rev().take_while(|c| c.is_whitespace()).count();
    let end = widths.len().saturating_sub(trailing).max(indent);
    let before = widths[..indent].iter().sum();
    (before, widths[indent..end].iter().sum())
}

/// Display columns of `c`: 2 for CJK and fullwidth forms, else 1.
pub fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// Display columns of `s`.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_whole() {
        let s = snippet("  中文 text", 0);
        assert_eq!(s.text, "  中文 text");
        assert_eq!((s.marker_start, s.marker_width), (2, 9));
        let s = snippet("ab中c", 4);
        assert_eq!((s.marker_start, s.marker_width), (4, 1));
    }

    #[test]
    fn a_long_cjk_line_is_cut_around_the_column() {
        let line = "字".repeat(150) + "[链接](x.md)" + &"文".repeat(150);
        let column = 151;
        let s = snippet(&line, column);
        assert!(width(&s.text) <= WIDTH, "{}", width(&s.text));
        assert!(
            s.text.starts_with('…') && s.text.ends_with('…'),
            "{}",
            s.text
        );
        assert!(s.text.contains("[链接](x.md)"), "{}", s.text);
        // The marker sits under the `[`.
        let before: String = s.text.chars().take_while(|&c| c != '[').collect();
        assert_eq!(s.marker_start, width(&before));
        assert_eq!(s.marker_width, 1);
    }

    #[test]
    fn an_unknown_column_marks_the_visible_start() {
        let line = "中".repeat(300);
        let s = snippet(&line, 0);
        assert!(width(&s.text) <= WIDTH);
        assert!(!s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.marker_start, 0);
        assert!(s.marker_width < WIDTH && s.marker_width >= 70);
        // Column past the end: the window ends the line.
        let s = snippet(&line, 400);
        assert!(s.text.starts_with('…') && !s.text.ends_with('…'));
        // The caret may sit just past the last character, as at a line end.
        assert!(s.marker_start + s.marker_width <= width(&s.text) + 1);
    }
}
