//! The glyphs a laid-out document draws, by face, each with the text it
//! stands for: what [`super::fonts`] subsets and writes ToUnicode maps for.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::fonts::FaceId;
use crate::layout::page::{Document, Item};

/// Used glyphs of each face, with the text each glyph first stands for.
pub fn collect_glyphs(doc: &Document) -> BTreeMap<FaceId, BTreeMap<u16, String>> {
    // Indexed by glyph id while walking the (many) glyphs: a book's pages
    // hold hundreds of thousands, of a few thousand distinct ids. The walk
    // is bound by memory, not by work: halves of the book on two threads.
    let used = doc
        .pages
        .par_iter()
        .fold(Used::new, |mut used, page| {
            for item in &page.items {
                let Item::Text(run) = item else { continue };
                let face = used.entry(run.face).or_default();
                for glyph in &run.glyphs {
                    note(face, glyph.gid, glyph.text.as_str());
                }
            }
            used
        })
        .reduce(Used::new, |mut a, b| {
            for (face, glyphs) in b {
                let into = a.entry(face).or_default();
                for (gid, text) in (0..=u16::MAX).zip(glyphs) {
                    if let Some(text) = text {
                        note(into, gid, text);
                    }
                }
            }
            a
        });
    used.into_iter()
        .map(|(face, glyphs)| {
            let glyphs = (0..=u16::MAX)
                .zip(glyphs)
                .filter_map(|(gid, text)| Some((gid, text?.to_string())))
                .collect();
            (face, glyphs)
        })
        .collect()
}

/// Each face's glyphs so far, by glyph id, with a text.
type Used<'a> = BTreeMap<FaceId, Vec<Option<&'a str>>>;

/// Notes glyph `gid` with `text`: the first non-empty text a glyph has in
/// the book (pages in order) stands for it.
fn note<'a>(face: &mut Vec<Option<&'a str>>, gid: u16, text: &'a str) {
    let gid = usize::from(gid);
    if face.len() <= gid {
        face.resize(gid + 1, None);
    }
    let slot = &mut face[gid];
    if slot.is_none_or(str::is_empty) {
        *slot = Some(text);
    }
}
