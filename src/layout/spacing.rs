//! The space between two neighbours on a line: punctuation compression
//! (标点挤压) in the book's punctuation style and locale, the CJK–Latin
//! quarter em, and what a line may give up when it is a little too long.
//!
//! The character classes come from `crate::text`; this file only decides,
//! for one pair of neighbours, the fixed gap, how far it may shrink and
//! whether it may stretch, and what a mark gives up at the line end.

use crate::config::Punctuation;
use crate::text::punct::{
    is_ascii_phrase_mark, is_centred_in_traditional, is_closing_half_blank, is_doubled_mark,
    is_kaiming_full, is_opening_half_blank, is_punctuation_mark,
};
use crate::text::script::{is_cjk_wide, is_hangul, is_latin_alnum, is_spaced_beside_latin};

use super::env::Env;

/// One cluster as the spacing rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    /// Its first (for the one after a gap) or last (before) character.
    pub c: char,
    /// Set full width (a CJK-font mark with a blank half, not a narrow
    /// Latin-font glyph).
    pub full: bool,
    /// Its font size: a mark's blank half is half of its own em.
    pub em: f32,
}

/// The gap before a cluster, in points.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gap {
    pub gap: f32,
    pub shrink: f32,
    pub stretch: bool,
    /// What it stretches before the gaps between characters do.
    pub boost: f32,
}

/// The rules of one book.
#[derive(Debug, Clone, Copy)]
pub struct Spacing {
    style: Punctuation,
    /// Traditional Chinese: `。，、：；！？` sit in the middle of the em.
    traditional: bool,
    /// The CJK–Latin space, in em.
    quarter: f32,
}

impl Spacing {
    pub fn new(env: &Env<'_>) -> Spacing {
        Spacing {
            style: env.config.punctuation,
            traditional: env.book.meta.locale().is_traditional(),
            quarter: if env.config.cjk_latin_spacing {
                0.25
            } else {
                0.0
            },
        }
    }

    /// A full-width mark whose right half is blank.
    fn closing(&self, m: Mark) -> bool {
        m.full
            && is_closing_half_blank(m.c)
            && !(self.traditional && is_centred_in_traditional(m.c))
    }

    /// A full-width mark whose left half is blank.
    fn opening(&self, m: Mark) -> bool {
        m.full && is_opening_half_blank(m.c)
    }

    /// The gap between `a` and `b` (`size`: the text size of `b`). `code`
    /// text keeps every mark as typed.
    pub fn between(&self, a: Mark, b: Mark, size: f32, code: bool) -> Gap {
        if a.c == b.c && is_doubled_mark(a.c) {
            // `——`, `……`: one unit, never spread apart.
            return Gap::default();
        }
        let mut g = Gap::default();
        if (is_spaced_beside_latin(a.c) && is_latin_alnum(b.c))
            || (is_latin_alnum(a.c) && is_spaced_beside_latin(b.c))
        {
            g.gap = self.quarter * size;
            // Down to ⅛ em when the line needs it, up to ½ em first when it
            // is loose.
            g.shrink = g.gap / 2.0;
            g.boost = g.gap;
        }
        // A half-width mark typed in Chinese (`时,模`, `尔(Ray`) is narrow
        // where a full-width one is a whole em: a loose line widens on its
        // open side first, by up to half an em (the mark and its space then
        // take about what a full-width mark does). Only there: a comma
        // stays against the word it ends, as in Latin text, and `(`
        // against the word it opens.
        // Not before a closing mark (`) 。`) nor after an opening one.
        let closes = |c: char| is_ascii_phrase_mark(c) || c == ')';
        let opens_text = |c: char| is_cjk_wide(c) && !crate::text::punct::no_line_start(c);
        let ends_text = |c: char| is_cjk_wide(c) && !crate::text::punct::no_line_end(c);
        if (closes(a.c) && opens_text(b.c)) || (ends_text(a.c) && b.c == '(') {
            g.boost = 0.5 * size;
        }
        if !code {
            let pair = self.pair(a, b);
            g.gap -= pair;
            if pair == 0.0 && self.style == Punctuation::Kaiming && self.opening(b) {
                // Half width: the blank left half goes, but at a line start
                // (where gaps vanish) the mark keeps it, inside the margin.
                g.gap -= 0.5 * b.em;
            }
            if pair == 0.0 && self.style == Punctuation::LineEnd {
                // A lone mark's blank half may go when the line is long.
                if self.closing(a) {
                    g.shrink += 0.5 * a.em;
                }
                if self.opening(b) {
                    g.shrink += 0.5 * b.em;
                }
            }
        }
        // Korean is justified at its word spaces (klreq), not inside its
        // words ("OS를" stays close).
        g.stretch = (is_cjk_wide(a.c) || is_cjk_wide(b.c) || g.gap > 0.0)
            && !is_hangul(a.c)
            && !is_hangul(b.c);
        g
    }

    /// Basic compression, in every style: two adjacent marks share one
    /// blank half, so `”。`, `。“`, `），` and `“「` take 1.5 em, not 2. In
    /// points, as a negative gap before the second mark, which vanishes
    /// when the second mark starts a line.
    fn pair(&self, a: Mark, b: Mark) -> f32 {
        if self.closing(a) && is_punctuation_mark(b.c) {
            0.5 * a.em
        } else if self.opening(b) && is_opening_half_blank(a.c) {
            0.5 * b.em
        } else {
            0.0
        }
    }

    /// A note marker right after a closing mark, before more punctuation
    /// (`”¹。`): the pair keeps its compression (the blank half goes) as if
    /// the marker were not there. The marker moves 0.4 em into the closing
    /// mark's blank half and the mark after it 0.1 em back under the
    /// marker's box (the marker is raised, the mark's ink low: they do not
    /// touch). Not the whole half into the marker: a marker starting inside
    /// the ink half of the closing mark's box makes pdftotext (and readers
    /// built on poppler) cut the line there when copying. The gap before
    /// the marker and the pull-back of the mark after it, in points.
    pub fn before_marker(&self, a: Mark, next: Option<char>) -> Option<(Gap, f32)> {
        (self.closing(a) && next.is_some_and(is_punctuation_mark)).then(|| {
            let gap = Gap {
                gap: -0.4 * a.em,
                ..Gap::default()
            };
            (gap, 0.1 * a.em)
        })
    }

    /// 开明式: every full-width closing mark but `。！？` is set half
    /// width: the width it loses, in points. (Opening marks lose their left
    /// half as a gap, in [`Spacing::between`].)
    pub fn kaiming_cut(&self, m: Mark) -> Option<f32> {
        (self.style == Punctuation::Kaiming && self.closing(m) && !is_kaiming_full(m.c))
            .then_some(0.5 * m.em)
    }

    /// 行末半角: the width a mark gives up when it ends a line, in points.
    pub fn line_end_trim(&self, m: Mark) -> f32 {
        if self.style == Punctuation::LineEnd && self.closing(m) {
            0.5 * m.em
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spacing(style: Punctuation, traditional: bool) -> Spacing {
        Spacing {
            style,
            traditional,
            quarter: 0.25,
        }
    }

    fn m(c: char) -> Mark {
        Mark {
            c,
            full: is_cjk_wide(c),
            em: 10.0,
        }
    }

    #[test]
    fn pairs_compress_in_every_style_and_lone_marks_may_shrink() {
        for style in [Punctuation::LineEnd, Punctuation::FullWidth] {
            let g = spacing(style, false).between(m('”'), m('。'), 10.0, false);
            assert_eq!(g.gap, -5.0);
            assert_eq!(g.shrink, 0.0, "a compressed pair shrinks no further");
        }
        let line_end = spacing(Punctuation::LineEnd, false);
        assert_eq!(line_end.between(m('，'), m('中'), 10.0, false).shrink, 5.0);
        assert_eq!(line_end.between(m('中'), m('“'), 10.0, false).shrink, 5.0);
        let full = spacing(Punctuation::FullWidth, false);
        assert_eq!(full.between(m('，'), m('中'), 10.0, false).shrink, 0.0);
        assert_eq!(line_end.line_end_trim(m('。')), 5.0);
        assert_eq!(full.line_end_trim(m('。')), 0.0);
        assert_eq!(line_end.line_end_trim(m('中')), 0.0);
    }

    #[test]
    fn the_cjk_latin_space_shrinks_to_an_eighth_and_korean_has_none() {
        let s = spacing(Punctuation::LineEnd, false);
        let g = s.between(m('中'), m('A'), 10.0, false);
        assert_eq!(
            (g.gap, g.shrink, g.stretch, g.boost),
            (2.5, 1.25, true, 2.5)
        );
        // A loose line widens after an ASCII comma, never before it.
        assert_eq!(s.between(m(','), m('模'), 10.0, false).boost, 5.0);
        assert_eq!(s.between(m('时'), m(','), 10.0, false).boost, 0.0);
        assert_eq!(s.between(m('尔'), m('('), 10.0, false).boost, 5.0);
        assert_eq!(s.between(m('('), m('尔'), 10.0, false).boost, 0.0);
        assert_eq!(s.between(m(')'), m('。'), 10.0, false).boost, 0.0);
        let g = s.between(m('S'), m('를'), 10.0, false);
        assert_eq!(g.gap, 0.0, "OS를: no space before a particle");
        assert!(!s.between(m('한'), m('국'), 10.0, false).stretch);
        assert!(!s.between(m('S'), m('를'), 10.0, false).stretch);
        assert_eq!(s.between(m('—'), m('—'), 10.0, false), Gap::default());
    }

    #[test]
    fn traditional_marks_are_centred_and_kaiming_halves_most_marks() {
        let hant = spacing(Punctuation::LineEnd, true);
        assert_eq!(hant.between(m('。'), m('」'), 10.0, false).gap, 0.0);
        assert_eq!(hant.between(m('」'), m('。'), 10.0, false).gap, -5.0);
        assert_eq!(hant.line_end_trim(m('，')), 0.0);
        assert_eq!(hant.line_end_trim(m('」')), 5.0);
        let kaiming = spacing(Punctuation::Kaiming, false);
        assert_eq!(kaiming.kaiming_cut(m('，')), Some(5.0));
        assert_eq!(kaiming.kaiming_cut(m('《')), None);
        assert_eq!(kaiming.between(m('中'), m('《'), 10.0, false).gap, -5.0);
        assert_eq!(kaiming.kaiming_cut(m('。')), None);
        assert_eq!(kaiming.line_end_trim(m('。')), 0.0);
    }

    #[test]
    fn a_note_marker_takes_the_blank_half() {
        let s = spacing(Punctuation::LineEnd, false);
        let (gap, pull) = s.before_marker(m('”'), Some('。')).unwrap();
        assert_eq!(gap.gap - pull, -5.0, "the whole blank half");
        assert_eq!(gap.gap, -4.0);
        assert_eq!(s.before_marker(m('”'), Some('中')), None);
        assert_eq!(s.before_marker(m('中'), Some('。')), None);
    }
}
