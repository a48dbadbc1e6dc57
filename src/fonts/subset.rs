//! Font subsets: for the PDF (glyph ids in, a CID font out) and for the
//! EPUB (characters in, a standalone web font out).
//!
//! Both start from typst's `subsetter`, which handles `glyf` and CFF
//! (including the CID-keyed CFF of Noto CJK and faces inside a `.ttc`).
//! What it writes is an sfnt (`0x00010000` + `glyf`/`loca`, or `OTTO` +
//! `CFF `) with `head`, `hhea`, `hmtx`, `maxp`, `name`, `post` and the
//! hinting tables, but, by design, no `cmap`, `OS/2` or layout tables: a
//! PDF CID font maps codes itself. Browsers need `cmap` and `OS/2`, so the
//! web subset adds them back (see [`web_subset`]).

use std::collections::{BTreeMap, BTreeSet};

use super::cmap::build_cmap;
use super::face::LoadedFace;
use super::sfnt::Sfnt;
use super::Subset;
use crate::error::{Error, Result};

/// Subsets `face` to `glyphs` (plus glyph 0), new ids in ascending order of
/// the old ones.
pub fn pdf_subset(face: &LoadedFace, glyphs: &BTreeSet<u16>) -> Result<Subset> {
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut remap = BTreeMap::new();
    remap.insert(0, 0);
    for &gid in glyphs {
        if gid < face.rb().number_of_glyphs() {
            remap.insert(gid, remapper.remap(gid));
        }
    }
    let data = subsetter::subset(face.data(), face.index, &remapper).map_err(|e| {
        Error::Font(format!(
            "cannot subset {} ({}): {e}",
            face.postscript, face.origin
        ))
    })?;
    Ok(Subset {
        data,
        remap,
        is_cff: face.is_cff(),
    })
}

/// Subsets `face` to the characters of `chars` it has, as a font a browser
/// or reading system accepts on its own: the PDF subset plus a `cmap`
/// (formats 4 and 12) and the face's `OS/2` table.
pub fn web_subset(face: &LoadedFace, chars: &BTreeSet<char>) -> Result<Subset> {
    // Glyph ids assigned in character order, so that runs of consecutive
    // characters get consecutive glyphs and the cmap stays small.
    let mut by_char: Vec<(char, u16)> = Vec::new();
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut remap = BTreeMap::new();
    remap.insert(0, 0);
    for &c in chars {
        if let Some(gid) = face.rb().glyph_index(c) {
            let new = remapper.remap(gid.0);
            remap.insert(gid.0, new);
            by_char.push((c, new));
        }
    }
    let data = subsetter::subset(face.data(), face.index, &remapper).map_err(|e| {
        Error::Font(format!(
            "cannot subset {} ({}): {e}",
            face.postscript, face.origin
        ))
    })?;
    let mut font = Sfnt::parse(&data)?;
    font.set(*b"cmap", build_cmap(&by_char));
    if let Some(os2) = face
        .rb()
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))
    {
        font.set(*b"OS/2", patch_os2(os2, &by_char));
    }
    Ok(Subset {
        data: font.write(),
        remap,
        is_cff: face.is_cff(),
    })
}

/// The face's `OS/2` with its first and last character fields made true
/// for the subset.
fn patch_os2(os2: &[u8], by_char: &[(char, u16)]) -> Vec<u8> {
    let mut out = os2.to_vec();
    let bmp = |c: char| u16::try_from(u32::from(c)).unwrap_or(0xFFFF);
    let first = by_char.first().map(|&(c, _)| bmp(c)).unwrap_or(0);
    let last = by_char.last().map(|&(c, _)| bmp(c)).unwrap_or(0);
    if out.len() >= 68 {
        out[64..66].copy_from_slice(&first.to_be_bytes());
        out[66..68].copy_from_slice(&last.to_be_bytes());
    }
    out
}

impl Subset {
    /// The bare CFF program of a CFF subset, for PDF `/FontFile3` with
    /// `/Subtype /CIDFontType0C` (the subsetter makes it CID-keyed with an
    /// identity charset, so CID = new glyph id). `None` for TrueType.
    pub fn cff_table(&self) -> Option<Vec<u8>> {
        if !self.is_cff {
            return None;
        }
        let font = Sfnt::parse(&self.data).ok()?;
        font.table(b"CFF ").map(<[u8]>::to_vec)
    }
}
