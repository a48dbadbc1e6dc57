//! The subset plan by parts (issue 13): the characters each face of a
//! chain sets in a long text, as the union of what each piece of it sets,
//! so a watch session re-plans only the piece that changed.
//!
//! Fallback looks at neighbours (a mark joins its base, a curly quote
//! follows the CJK character beside it), so a piece cannot simply be
//! planned alone. A [`PlanPart`] plans the piece between its first and
//! last [`fallback::is_cut`], where no neighbour outside can matter, and
//! keeps the two ends as text; [`join`] plans each seam (one piece's tail,
//! the next one's head) when the parts are put together. The result is the
//! plan of the whole text, character for character.

use std::collections::{BTreeMap, BTreeSet};

use super::fallback::{self, is_cut};
use super::{FaceId, FontKey, FontSet};

/// Words of 64 code points: one bit for every `char`.
const WORDS: usize = (char::MAX as usize >> 6) + 1;

/// A set of characters, as the non-zero 64-bit words of a bitset over all
/// code points (`(index, word)`, ascending).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CharBits(Vec<(u32, u64)>);

/// What one piece of a text adds to the subset plan of the whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PlanPart {
    /// The characters each slot of the chain sets between the piece's
    /// first and last cut.
    slots: Vec<(usize, CharBits)>,
    /// The text before the first cut (all of it when it has no cut).
    head: String,
    /// The text after the last cut; `None` when the piece has no cut.
    tail: Option<String>,
}

impl PlanPart {
    /// The part `text` adds, over a chain of `faces` faces;
    /// `covers(slot, c)` says whether the face in `slot` has `c`.
    pub fn new(text: &str, faces: usize, covers: impl Fn(usize, char) -> bool) -> PlanPart {
        let (Some(first), Some(last)) = (first_cut(text), last_cut(text)) else {
            return PlanPart {
                head: text.to_string(),
                ..PlanPart::default()
            };
        };
        let mut dense = Dense::default();
        dense.add_runs(&text[first..last], faces, &covers);
        PlanPart {
            slots: dense
                .slots
                .into_iter()
                .map(|(s, w)| (s, sparse(&w)))
                .collect(),
            head: text[..first].to_string(),
            tail: Some(text[last..].to_string()),
        }
    }
}

/// The characters each slot sets in the text `parts` were made from, in
/// order: what the same fallback gives over the whole text.
pub fn join(
    parts: &[&PlanPart],
    faces: usize,
    covers: impl Fn(usize, char) -> bool,
) -> BTreeMap<usize, BTreeSet<char>> {
    let mut dense = Dense::default();
    let mut seam = String::new();
    for part in parts {
        for (slot, bits) in &part.slots {
            let words = dense.slot(*slot);
            for &(i, word) in &bits.0 {
                words[i as usize] |= word;
            }
        }
        seam.push_str(&part.head);
        if let Some(tail) = &part.tail {
            // The seam ends at this part's first cut and the next one
            // starts at its last: each is planned as in the whole.
            dense.add_runs(&seam, faces, &covers);
            seam.clone_from(tail);
        }
    }
    dense.add_runs(&seam, faces, &covers);
    dense
        .slots
        .into_iter()
        .map(|(slot, words)| (slot, chars(&words)))
        .collect()
}

impl FontSet {
    /// What `piece` adds to the subset plan of `key`'s chain (see
    /// [`FontSet::plan_of_parts`]).
    pub fn plan_part(&self, key: impl Into<FontKey>, piece: &str) -> PlanPart {
        let chain = self.chain(key);
        PlanPart::new(piece, chain.len(), |slot, c| {
            self.face(chain[slot]).covers(c)
        })
    }

    /// [`FontSet::subset_plan`] of the text whose pieces, in order, made
    /// `parts` (each by [`FontSet::plan_part`] with the same `key`).
    pub fn plan_of_parts(
        &self,
        key: impl Into<FontKey>,
        parts: &[&PlanPart],
    ) -> Vec<(FaceId, BTreeSet<char>)> {
        let chain = self.chain(key);
        join(parts, chain.len(), |slot, c| {
            self.face(chain[slot]).covers(c)
        })
        .into_iter()
        .filter(|(_, chars)| !chars.is_empty())
        .map(|(slot, chars)| (chain[slot], chars))
        .collect()
    }
}

/// A bit per code point for each slot, while walking a text.
#[derive(Default)]
struct Dense {
    slots: BTreeMap<usize, Vec<u64>>,
}

impl Dense {
    fn slot(&mut self, slot: usize) -> &mut Vec<u64> {
        self.slots.entry(slot).or_insert_with(|| vec![0; WORDS])
    }

    /// Sets the bit of every character of `text` in the slot fallback
    /// gives it.
    fn add_runs(&mut self, text: &str, faces: usize, covers: &impl Fn(usize, char) -> bool) {
        for run in fallback::runs(text, faces, covers) {
            if let Some(slot) = run.slot {
                let words = self.slot(slot);
                for c in text[run.range].chars() {
                    words[c as usize >> 6] |= 1 << (c as u32 & 63);
                }
            }
        }
    }
}

fn sparse(words: &[u64]) -> CharBits {
    let set = words.iter().enumerate().filter(|(_, w)| **w != 0);
    CharBits(set.map(|(i, &w)| (i as u32, w)).collect())
}

/// The characters whose bits are set in `words` (bit `c % 64` of word
/// `c / 64`).
pub(super) fn chars(words: &[u64]) -> BTreeSet<char> {
    words
        .iter()
        .enumerate()
        .filter(|(_, word)| **word != 0)
        .flat_map(|(i, &word)| {
            (0..64)
                .filter(move |b| word & (1 << b) != 0)
                .filter_map(move |b| char::from_u32((i as u32) << 6 | b))
        })
        .collect()
}

/// The byte offset of the first place `text` may be cut.
fn first_cut(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((_, prev)) = chars.next() {
        if let Some(&(at, next)) = chars.peek() {
            if is_cut(prev, next) {
                return Some(at);
            }
        }
    }
    None
}

/// The byte offset of the last place `text` may be cut.
fn last_cut(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().rev().peekable();
    while let Some((at, next)) = chars.next() {
        if let Some(&(_, prev)) = chars.peek() {
            if is_cut(prev, next) {
                return Some(at);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
