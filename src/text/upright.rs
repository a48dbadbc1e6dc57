//! Tate-chu-yoko (縦中横): the runs of text that stand upright side by side
//! in one em of a vertical column, as jlreq (3.4) and the Japanese EPUB
//! production guide set them: numbers of one or two half-width digits
//! (`12月`, `第3章`) and the paired marks `!!`, `!?`, `?!`, `??`.
//!
//! Longer numbers (`2024年`) and Latin words lie on their side, as a
//! rotated line of Latin text; so do digits inside a Latin word or a
//! decimal number (`A4`, `3.14`), which read as one token.

use std::ops::Range;

/// Byte ranges of `text` to set upright together.
pub fn runs(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let len = if c.is_ascii_digit() {
            chars[i..]
                .iter()
                .take_while(|(_, c)| c.is_ascii_digit())
                .count()
        } else if matches!(c, '!' | '?') {
            chars[i..]
                .iter()
                .take_while(|(_, c)| matches!(c, '!' | '?'))
                .count()
        } else {
            i += 1;
            continue;
        };
        let upright = if c.is_ascii_digit() {
            len <= 2
                && !joins(i.checked_sub(1).and_then(|b| chars.get(b)))
                && !joins(chars.get(i + len))
        } else {
            len == 2
        };
        if upright {
            let start = chars[i].0;
            let end = chars.get(i + len).map_or(text.len(), |(at, _)| *at);
            out.push(start..end);
        }
        i += len;
    }
    out
}

/// Whether the neighbour makes the digits part of a longer token: a Latin
/// letter or digit, or a decimal point or comma between digits.
fn joins(neighbour: Option<&(usize, char)>) -> bool {
    neighbour.is_some_and(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::runs;

    fn upright(text: &str) -> Vec<&str> {
        runs(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn one_or_two_digits_and_paired_marks_stand_upright() {
        assert_eq!(upright("12月3日"), ["12", "3"]);
        assert_eq!(upright("第5章、2024年"), ["5"]);
        assert_eq!(upright("A4の紙、3.14、v2、x-1"), Vec::<&str>::new());
        assert_eq!(upright("本当!?　まさか!!!"), ["!?"]);
        assert_eq!(upright("「99」"), ["99"]);
        assert_eq!(upright(""), Vec::<&str>::new());
    }
}
