//! Fonts: discovery (fontdb), the built-in default CJK font, fallback chains
//! per role, shaping and subsetting.
//!
//! Everything that reads font files lives behind [`FontSet`]; the layout
//! engine and the renderers only see face ids, glyph ids and advances.
//!
//! The PDF layout engine and the EPUB renderer code against this API.
//!
//! Each role has a fallback chain: the fonts `[folio.fonts]` names for it,
//! then the built-in fonts (see [`FontSet::load`]). Files: `default.rs`
//! (the built-in fonts), `discover.rs` (finding named fonts), `loader.rs`
//! (reading them once), `face.rs` (a parsed face), `fallback.rs` (which
//! face sets which character), `shape.rs` (rustybuzz), `subset.rs` +
//! `cmap.rs` + `sfnt.rs` (subsets for PDF and EPUB), `outline.rs` (glyph
//! outlines as SVG paths).

mod cmap;
pub mod default;
mod discover;
mod face;
pub mod fallback;
mod loader;
mod outline;
mod sfnt;
mod shape;
mod subset;

pub use discover::FontSpec;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::FontsConfig;
use crate::error::{Error, Result};

use discover::Finder;
use face::{FontData, LoadedFace};
use loader::Loader;

/// Index of a loaded face inside a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// What a run of text is set in. Each role has its own fallback chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Body,
    Heading,
    Mono,
}

/// One glyph out of the shaper, in font-independent units.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedGlyph {
    pub face: FaceId,
    pub gid: u16,
    /// Horizontal advance in em (multiply by the font size for points).
    pub advance: f32,
    /// Offsets from the pen position, in em.
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte range of the source text this glyph stands for (a ligature
    /// covers several characters; the following glyphs of one cluster have
    /// an empty range at the cluster's end). Used for ToUnicode and for
    /// line breaking.
    pub cluster: std::ops::Range<usize>,
}

/// Vertical metrics of a face, in em. Ascender and descender are the
/// typographic ones (`OS/2` sTypo, the ideographic em box in CJK fonts:
/// 0.88 / -0.12 for Noto CJK) when the font has them, else `hhea`'s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMetrics {
    pub ascender: f32,
    pub descender: f32,
    pub units_per_em: u16,
}

/// A subset font program ready to embed.
///
/// `data` is always a complete single-face sfnt file:
/// - TrueType (`is_cff == false`): `0x00010000` with `glyf`/`loca`. PDF:
///   embed `data` as `/FontFile2` of a `/CIDFontType2` with
///   `/CIDToGIDMap /Identity` (codes = new glyph ids).
/// - CFF (`is_cff == true`): `OTTO` with a CID-keyed `CFF ` table whose
///   charset is the identity (CID = new glyph id). PDF: either embed
///   [`Subset::cff_table`] as `/FontFile3 /Subtype /CIDFontType0C` (any PDF
///   version), or `data` as `/FontFile3 /Subtype /OpenType` (PDF 1.6+), of
///   a `/CIDFontType0`.
///
/// From [`FontSet::subset`] (PDF) the file has no `cmap` and no `OS/2`: the
/// PDF's own CMap and ToUnicode do that job. From
/// [`FontSet::subset_for_text`] (EPUB) it has both, so browsers and
/// reading systems accept it as an `@font-face` source (`font/ttf` or
/// `font/otf`). Neither keeps `GSUB`/`GPOS`: glyphs are positioned by
/// folio (PDF) or need no shaping beyond the cmap (CJK body text).
#[derive(Debug, Clone, PartialEq)]
pub struct Subset {
    /// The subset font, glyph ids renumbered.
    pub data: Vec<u8>,
    /// Old glyph id → new glyph id (glyph 0 stays 0).
    pub remap: std::collections::BTreeMap<u16, u16>,
    /// True for CFF outlines (`/FontFile3`), false for `glyf` (`/FontFile2`).
    pub is_cff: bool,
}

/// The fonts of one build, parsed once.
///
/// Faces are shared between roles: the built-in serif is one face however
/// many chains end with it. [`FontSet::default`] is the built-in fonts
/// only, for tests and for books that name no font.
pub struct FontSet {
    faces: Vec<LoadedFace>,
    body: Vec<FaceId>,
    heading: Vec<FaceId>,
    mono: Vec<FaceId>,
}

/// The built-in serif and mono, always faces 0 and 1.
const SERIF: FaceId = FaceId(0);
const MONO: FaceId = FaceId(1);

impl Default for FontSet {
    fn default() -> Self {
        FontSet::builtin()
    }
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field("faces", &self.faces)
            .field("body", &self.body)
            .field("heading", &self.heading)
            .field("mono", &self.mono)
            .finish()
    }
}

impl FontSet {
    /// The built-in fonts alone: body and headings in Folio Serif SC, code
    /// in Folio Mono then Folio Serif SC.
    pub fn builtin() -> FontSet {
        let parse = |data, origin| {
            LoadedFace::parse(FontData::Static(data), 0, origin)
                .expect("the built-in fonts are valid (tested)")
        };
        FontSet {
            faces: vec![
                parse(default::SERIF, default::SERIF_ORIGIN),
                parse(default::MONO, default::MONO_ORIGIN),
            ],
            body: vec![SERIF],
            heading: vec![SERIF],
            mono: vec![MONO, SERIF],
        }
    }

    /// Loads the fonts named by `config` (file paths relative to
    /// `book_root`, or family names found with fontdb in `fonts/`, the book
    /// folder and the system), each role falling back to the built-in font.
    ///
    /// Chains: body = the body fonts, then the built-in serif; headings =
    /// the heading fonts, or the body's when none are named; mono = the
    /// mono fonts, the built-in mono, then the body chain (Han in code is
    /// set like the body). A font that cannot be found or read is an error
    /// saying what was looked for and where.
    pub fn load(config: &FontsConfig, book_root: &Path) -> Result<FontSet> {
        let mut set = FontSet::builtin();
        let mut loader = Loader::new(Finder::new(book_root));
        let mut named = |entries: &[String], set: &mut FontSet| -> Result<Vec<FaceId>> {
            entries
                .iter()
                .map(|entry| loader.face(entry, set))
                .collect()
        };
        let body = named(&config.body, &mut set)?;
        let heading = named(&config.heading, &mut set)?;
        let mono = named(&config.mono, &mut set)?;

        set.body = chain([&body[..], &[SERIF]]);
        set.heading = if heading.is_empty() {
            set.body.clone()
        } else {
            chain([&heading[..], &[SERIF]])
        };
        set.mono = chain([&mono[..], &[MONO], &set.body]);
        Ok(set)
    }

    /// Shapes `text` in `role`, taking each character from the first face of
    /// the role's chain that has it. Characters no face has come out as
    /// glyph 0 of the first face (and are listed by [`FontSet::missing`]).
    pub fn shape(&self, text: &str, role: Role) -> Vec<ShapedGlyph> {
        let chain = self.chain(role);
        let mut out = Vec::new();
        for run in self.runs(text, role) {
            match run.slot {
                Some(slot) => {
                    let id = chain[slot];
                    for range in fallback::script_runs(text, run.range) {
                        out.extend(shape::shape_run(self.face(id), id, text, range));
                    }
                }
                None => {
                    let id = chain[0];
                    out.extend(shape::notdef_run(self.face(id), id, text, run.range));
                }
            }
        }
        out
    }

    /// Characters of `text` that no face of `role`'s chain covers, each
    /// once, in order of first appearance. Invisible characters (controls,
    /// zero-width spaces, variation selectors) are never missing.
    pub fn missing(&self, text: &str, role: Role) -> Vec<char> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for run in self
            .runs(text, role)
            .into_iter()
            .filter(|r| r.slot.is_none())
        {
            for c in text[run.range].chars() {
                if !crate::text::script::is_ignorable(c) && seen.insert(c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// The face of `role`'s chain that sets `c` alone (no neighbours), if
    /// any: for renderers that pick fonts per character (the EPUB CSS).
    pub fn face_for(&self, c: char, role: Role) -> Option<FaceId> {
        self.chain(role)
            .iter()
            .copied()
            .find(|&id| self.face(id).covers(c))
    }

    /// PostScript name of a face (`FolioSerifSC-Regular`): no spaces, fit
    /// for the PDF `/BaseFont` and as an EPUB `@font-face` family.
    pub fn family(&self, face: FaceId) -> &str {
        self.faces
            .get(face.0)
            .map(|f| f.postscript.as_str())
            .unwrap_or("")
    }

    /// The family name as people write it (`Folio Serif SC`).
    pub fn family_name(&self, face: FaceId) -> &str {
        self.faces
            .get(face.0)
            .map(|f| f.family.as_str())
            .unwrap_or("")
    }

    /// Where a face came from (`built-in Folio Serif SC`, a file path and
    /// face index), for messages and the colophon.
    pub fn origin(&self, face: FaceId) -> &str {
        self.faces
            .get(face.0)
            .map(|f| f.origin.as_str())
            .unwrap_or("")
    }

    /// True when the face has CFF outlines (`.otf`/`.ttc` Noto CJK).
    pub fn is_cff(&self, face: FaceId) -> bool {
        self.faces.get(face.0).is_some_and(LoadedFace::is_cff)
    }

    pub fn metrics(&self, face: FaceId) -> FaceMetrics {
        let Some(f) = self.faces.get(face.0) else {
            return FaceMetrics {
                ascender: 0.88,
                descender: -0.12,
                units_per_em: 1000,
            };
        };
        let ttf = f.ttf();
        let upem = f.units_per_em().max(1);
        let asc = ttf.typographic_ascender().unwrap_or(ttf.ascender());
        let desc = ttf.typographic_descender().unwrap_or(ttf.descender());
        FaceMetrics {
            ascender: f32::from(asc) / f32::from(upem),
            descender: f32::from(desc) / f32::from(upem),
            units_per_em: upem,
        }
    }

    /// The nominal advance of `gid` in `face` (`hmtx`), in em: for the PDF
    /// `/W` array, which wants the font's own widths, not shaped advances
    /// (those include kerning). 0 for an unknown face.
    pub fn glyph_advance(&self, face: FaceId, gid: u16) -> f32 {
        self.faces.get(face.0).map_or(0.0, |f| f.advance_em(gid))
    }

    /// The faces of `role`'s chain, first preferred.
    pub fn chain(&self, role: Role) -> &[FaceId] {
        match role {
            Role::Body => &self.body,
            Role::Heading => &self.heading,
            Role::Mono => &self.mono,
        }
    }

    /// Every loaded face, in id order.
    pub fn faces(&self) -> impl Iterator<Item = FaceId> + '_ {
        (0..self.faces.len()).map(FaceId)
    }

    /// Subsets `face` to `glyphs` (glyph 0 is always kept), for the PDF.
    pub fn subset(&self, face: FaceId, glyphs: &BTreeSet<u16>) -> Result<Subset> {
        subset::pdf_subset(self.try_face(face)?, glyphs)
    }

    /// The first face of `role`'s chain subset to the characters of `text`:
    /// what the EPUB embeds. A standalone font with `cmap` and `OS/2`.
    pub fn subset_for_text(&self, role: Role, text: &str) -> Result<Subset> {
        let id = self.chain(role)[0];
        let chars: BTreeSet<char> = text.chars().collect();
        subset::web_subset(self.face(id), &chars)
    }

    /// Every face of `role`'s chain that sets some character of `text`,
    /// each subset to the characters it sets (as fallback picks them): for
    /// an EPUB whose book font is a Latin font backed by the CJK default.
    /// In chain order, faces with nothing to set left out.
    pub fn subsets_for_text(&self, role: Role, text: &str) -> Result<Vec<(FaceId, Subset)>> {
        let chain = self.chain(role);
        let mut per_slot: BTreeMap<usize, BTreeSet<char>> = BTreeMap::new();
        for run in self.runs(text, role) {
            if let Some(slot) = run.slot {
                per_slot
                    .entry(slot)
                    .or_default()
                    .extend(text[run.range].chars());
            }
        }
        per_slot
            .into_iter()
            .map(|(slot, chars)| {
                let id = chain[slot];
                Ok((id, subset::web_subset(self.face(id), &chars)?))
            })
            .collect()
    }

    /// The outline of glyph `gid` of `face` as SVG path data, in em, y down,
    /// origin on the baseline: scale by the font size and translate to the
    /// pen position. Empty for a blank glyph or an unknown face.
    pub fn glyph_outline_svg(&self, face: FaceId, gid: u16) -> String {
        let Some(f) = self.faces.get(face.0) else {
            return String::new();
        };
        let mut path = outline::SvgPath::new(f.units_per_em());
        match f.rb().outline_glyph(ttf_parser::GlyphId(gid), &mut path) {
            Some(_) => path.finish(),
            None => String::new(),
        }
    }

    fn runs(&self, text: &str, role: Role) -> Vec<fallback::Run> {
        let chain = self.chain(role);
        fallback::runs(text, chain.len(), |slot, c| {
            self.face(chain[slot]).covers(c)
        })
    }

    /// A face by id. Ids come from this set, so they are always in range.
    fn face(&self, id: FaceId) -> &LoadedFace {
        &self.faces[id.0]
    }

    fn try_face(&self, id: FaceId) -> Result<&LoadedFace> {
        self.faces
            .get(id.0)
            .ok_or_else(|| Error::Font(format!("no face {} in this font set", id.0)))
    }
}

/// Concatenates chain parts, keeping the first occurrence of each face.
fn chain<const N: usize>(parts: [&[FaceId]; N]) -> Vec<FaceId> {
    let mut out: Vec<FaceId> = Vec::new();
    for id in parts.into_iter().flatten() {
        if !out.contains(id) {
            out.push(*id);
        }
    }
    out
}

#[cfg(test)]
mod tests;
