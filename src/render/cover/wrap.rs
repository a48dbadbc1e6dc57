//! Breaking a cover line (title, subtitle) into lines at sensible points.
//!
//! A cover title is short, so this is simpler than the body layout engine:
//! the text is cut into phrases after punctuation and at spaces, phrases
//! are packed into lines, and only a phrase wider than a line is broken
//! inside, between characters, never before a closing mark, after an
//! opening one, or inside a Latin word (clreq's line-breaking rules).

use crate::fonts::ShapedGlyph;
use crate::text::punct::{is_phrase_end, no_line_end, no_line_start};
use crate::text::script::is_alphabetic_word;

/// One line: a range of glyphs and its width in em.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub glyphs: std::ops::Range<usize>,
    pub width: f32,
}

/// The result of wrapping: lines, and whether a phrase had to be broken.
#[derive(Debug, Clone, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<Line>,
    pub broke_phrase: bool,
}

/// Wraps shaped `glyphs` of `text` into lines at most `max_em` wide.
pub fn wrap(text: &str, glyphs: &[ShapedGlyph], max_em: f32) -> Wrapped {
    let mut lines = Vec::new();
    let mut broke_phrase = false;
    let mut start = skip_spaces(text, glyphs, 0);
    while start < glyphs.len() {
        let mut width = 0.0;
        let mut end = start;
        let mut last_phrase: Option<usize> = None;
        let mut last_any: Option<usize> = None;
        while end < glyphs.len() && (width + glyphs[end].advance <= max_em || end == start) {
            width += glyphs[end].advance;
            end += 1;
            match boundary(text, glyphs, end) {
                Break::Phrase => last_phrase = Some(end),
                Break::Allowed => last_any = Some(end),
                Break::Never => {}
            }
        }
        let cut = if end == glyphs.len() {
            end
        } else if let Some(p) = last_phrase {
            p
        } else if let Some(p) = last_any {
            broke_phrase = true;
            p
        } else {
            // No allowed break fits (a very long word): cut where it is full.
            broke_phrase = true;
            end
        };
        let trimmed = trim_end(text, glyphs, start, cut);
        lines.push(Line {
            glyphs: start..trimmed,
            width: glyphs[start..trimmed].iter().map(|g| g.advance).sum(),
        });
        start = skip_spaces(text, glyphs, cut);
    }
    Wrapped {
        lines,
        broke_phrase,
    }
}

#[derive(Debug, PartialEq)]
enum Break {
    /// After punctuation or at a space: a good place for a title line end.
    Phrase,
    /// Between two characters that may be split.
    Allowed,
    Never,
}

/// May a line end before glyph `at`?
fn boundary(text: &str, glyphs: &[ShapedGlyph], at: usize) -> Break {
    if at == 0 || at >= glyphs.len() || glyphs[at].cluster.is_empty() {
        return Break::Never;
    }
    let pos = glyphs[at].cluster.start;
    let (Some(prev), Some(next)) = (text[..pos].chars().next_back(), text[pos..].chars().next())
    else {
        return Break::Never;
    };
    if next == ' ' || no_line_start(next) || no_line_end(prev) {
        return Break::Never;
    }
    if prev == ' ' || is_phrase_end(prev) {
        return Break::Phrase;
    }
    let latin = is_alphabetic_word;
    if (latin(prev) && latin(next)) || (prev == next && matches!(prev, '—' | '…')) {
        return Break::Never;
    }
    Break::Allowed
}

fn is_space(text: &str, g: &ShapedGlyph) -> bool {
    text[g.cluster.clone()].chars().all(char::is_whitespace)
}

fn skip_spaces(text: &str, glyphs: &[ShapedGlyph], mut at: usize) -> usize {
    while at < glyphs.len() && is_space(text, &glyphs[at]) {
        at += 1;
    }
    at
}

fn trim_end(text: &str, glyphs: &[ShapedGlyph], start: usize, mut end: usize) -> usize {
    while end > start && is_space(text, &glyphs[end - 1]) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontSet, Role};

    fn lines(text: &str, max_em: f32) -> (Vec<String>, bool) {
        let fonts = FontSet::default();
        let glyphs = fonts.shape(text, Role::Heading);
        let wrapped = wrap(text, &glyphs, max_em);
        let lines = wrapped
            .lines
            .iter()
            .map(|l| {
                let a = glyphs[l.glyphs.start].cluster.start;
                let b = glyphs[l.glyphs.end - 1].cluster.end;
                text[a..b].to_string()
            })
            .collect();
        (lines, wrapped.broke_phrase)
    }

    #[test]
    fn the_sample_title_breaks_after_its_comma() {
        let (l, broke) = lines("黄仁勋最新对话直面争议,中国科技仅慢“纳秒”", 11.5);
        assert_eq!(l, vec!["黄仁勋最新对话直面争议,", "中国科技仅慢“纳秒”"]);
        assert!(!broke);
    }

    #[test]
    fn long_phrases_break_between_han_but_not_before_closing_marks() {
        let (l, broke) = lines("一二三四五六”七八", 6.0);
        assert!(broke);
        assert_eq!(l, vec!["一二三四五", "六”七八"]);
    }

    #[test]
    fn latin_words_stay_whole() {
        let (l, _) = lines("Requirements for Chinese Text Layout", 9.0);
        assert!(l.iter().all(|s| !s.starts_with(' ') && !s.ends_with(' ')));
        assert_eq!(
            l.concat().replace(' ', ""),
            "RequirementsforChineseTextLayout"
        );
        assert!(l.len() >= 3, "{l:?}");
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        assert!(lines("", 5.0).0.is_empty());
        assert!(lines("   ", 5.0).0.is_empty());
    }
}
