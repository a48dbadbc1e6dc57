//! Font fallback: which face of a role's chain sets each character.
//!
//! Text is cut into runs, each set in one face: the first face of the chain
//! that has the character. Three refinements:
//!
//! - marks, variation selectors and joiners stay with their base character,
//!   so a cluster is never split across fonts;
//! - the curly quotes, the em dash, the ellipsis and the middle dot are
//!   full-width in Chinese and narrow in Latin fonts. Next to a CJK
//!   character they come from the face that sets that neighbour (clreq:
//!   “ ” must be full-width in Chinese text), wherever they are in the chain;
//! - a character no face has is a run of its own with no face: the shaper
//!   draws glyph 0 of the first face and [`super::FontSet::missing`] reports it.

use std::ops::Range;

use crate::text::script::{is_cjk, is_cjk_ambiguous, is_ignorable, joins_previous};

/// A stretch of text set in one face (`None`: no face has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Index into the chain, `None` for characters no face has.
    pub slot: Option<usize>,
    /// Byte range in the text.
    pub range: Range<usize>,
}

/// Splits `text` into runs over a chain of `faces` faces; `covers(slot, c)`
/// says whether the face in `slot` has `c`.
pub fn runs(text: &str, faces: usize, covers: impl Fn(usize, char) -> bool) -> Vec<Run> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut first_cover = first_covers(text.len(), faces, &covers);

    let mut slots: Vec<Option<usize>> = Vec::with_capacity(chars.len());
    for &(_, c) in &chars {
        let prev = slots.last().copied();
        let slot = match prev {
            Some(prev) if joins_previous(c) => prev,
            // Invisible: any face will do (the shaper hides it), best the
            // one before it, so it does not cut a run.
            _ if is_ignorable(c) => prev
                .flatten()
                .or_else(|| first_cover(c))
                .or((faces > 0).then_some(0)),
            _ => first_cover(c),
        };
        slots.push(slot);
    }

    for i in 0..chars.len() {
        let c = chars[i].1;
        if !is_cjk_ambiguous(c) {
            continue;
        }
        let neighbour = cjk_neighbour(&chars, i);
        if let Some(j) = neighbour {
            let n = chars[j].1;
            if let Some(slot) = slots[j].filter(|&s| covers(s, c) && covers(s, n)) {
                slots[i] = Some(slot);
            }
        }
    }

    let mut out: Vec<Run> = Vec::new();
    for (i, &(start, c)) in chars.iter().enumerate() {
        let end = start + c.len_utf8();
        let slot = slots[i];
        match out.last_mut() {
            // Missing characters are runs of one, so each is visible.
            Some(run) if run.slot == slot && slot.is_some() => run.range.end = end,
            _ => out.push(Run {
                slot,
                range: start..end,
            }),
        }
    }
    out
}

/// Whether text may be cut between `prev` and `next` so that [`runs`]
/// gives each side's characters the faces it gives them in the whole:
/// `next` takes the first face that has it (it joins nothing before it),
/// and neither is a CJK-ambiguous mark, which looks across to its
/// neighbours. A watch session plans the EPUB's subsets by pieces cut so.
pub fn is_cut(prev: char, next: char) -> bool {
    !is_cjk_ambiguous(prev)
        && !is_cjk_ambiguous(next)
        && !joins_previous(next)
        && !is_ignorable(next)
}

/// The first slot that covers a character, looked up once per distinct
/// character of a long text (a book's text is hundreds of thousands of
/// characters of a few thousand kinds; each lookup is a cmap search in
/// every face before the one that has it).
fn first_covers<'c>(
    len: usize,
    faces: usize,
    covers: &'c impl Fn(usize, char) -> bool,
) -> impl FnMut(char) -> Option<usize> + 'c {
    let find = move |c: char| (0..faces).find(|&slot| covers(slot, c));
    let mut known: std::collections::HashMap<char, Option<usize>> = Default::default();
    let remember = len > 4096;
    move |c| {
        if !remember {
            return find(c);
        }
        *known.entry(c).or_insert_with(|| find(c))
    }
}

/// Cuts `text[range]` (one face) where it changes between CJK and other
/// letters, so that each piece is shaped with its own script: Latin
/// kerning and ligatures are looked up under `latn`, not under `hani`.
/// Digits, spaces and punctuation go with the letters before them.
pub fn script_runs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut current: Option<bool> = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let class = if is_cjk(c) {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (current, class, out.last_mut()) {
            (Some(cur), Some(new), _) if cur != new => {
                out.push(at..at + c.len_utf8());
                current = class;
            }
            (_, _, Some(last)) => {
                last.end = at + c.len_utf8();
                current = current.or(class);
            }
            (_, _, None) => {
                out.push(at..at + c.len_utf8());
                current = class;
            }
        }
    }
    out
}

/// The nearest character before or after `i`, skipping other ambiguous
/// marks (“……” is one group), if it is CJK.
fn cjk_neighbour(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let before = chars[..i].iter().rposition(|&(_, c)| !is_cjk_ambiguous(c));
    let after = chars[i + 1..]
        .iter()
        .position(|&(_, c)| !is_cjk_ambiguous(c))
        .map(|p| p + i + 1);
    [before, after]
        .into_iter()
        .flatten()
        .find(|&j| is_cjk(chars[j].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slot 0: a Latin font (ASCII and the curly quotes); slot 1: a CJK
    /// font (everything but emoji).
    fn covers(slot: usize, c: char) -> bool {
        match slot {
            0 => c.is_ascii() || is_cjk_ambiguous(c) || c == '\u{301}',
            _ => c != '😀',
        }
    }

    fn faces(text: &str) -> Vec<(Option<usize>, &str)> {
        runs(text, 2, covers)
            .into_iter()
            .map(|r| (r.slot, &text[r.range]))
            .collect()
    }

    #[test]
    fn latin_and_han_take_their_own_fonts() {
        assert_eq!(
            faces("AI的40%"),
            vec![(Some(0), "AI"), (Some(1), "的"), (Some(0), "40%")]
        );
    }

    #[test]
    fn quotes_beside_han_come_from_the_cjk_face() {
        assert_eq!(faces("说“纳秒”。"), vec![(Some(1), "说“纳秒”。")]);
        assert_eq!(faces("“……”"), vec![(Some(0), "“……”")]);
        assert_eq!(
            faces("say “hi” 好"),
            vec![(Some(0), "say “hi” "), (Some(1), "好")]
        );
        assert_eq!(faces("“中”"), vec![(Some(1), "“中”")]);
    }

    #[test]
    fn missing_characters_are_runs_of_one_without_face() {
        assert_eq!(
            faces("a😀😀b"),
            vec![(Some(0), "a"), (None, "😀"), (None, "😀"), (Some(0), "b")]
        );
    }

    #[test]
    fn marks_and_ignorables_stay_with_their_base() {
        assert_eq!(faces("中\u{301}"), vec![(Some(1), "中\u{301}")]);
        assert_eq!(
            faces("中\u{200B}a"),
            vec![(Some(1), "中\u{200B}"), (Some(0), "a")]
        );
        assert_eq!(
            faces("😀\u{200B}"),
            vec![(None, "😀"), (Some(1), "\u{200B}")]
        );
    }

    #[test]
    fn script_runs_split_han_from_latin() {
        let text = "x黄仁勋说AI的40%,OpenAI。";
        let pieces: Vec<&str> = script_runs(text, 1..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(pieces, vec!["黄仁勋说", "AI", "的40%,", "OpenAI", "。"]);
        assert!(script_runs(text, 0..0).is_empty());
    }

    #[test]
    fn empty_text_and_empty_chain() {
        assert!(runs("", 2, covers).is_empty());
        assert_eq!(
            runs("a", 0, covers),
            vec![Run {
                slot: None,
                range: 0..1
            }]
        );
    }
}
