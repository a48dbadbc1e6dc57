//! Fonts: discovery (fontdb), the built-in default CJK font, fallback chains
//! per role, shaping and subsetting.
//!
//! Everything that reads font files lives behind [`FontSet`]; the layout
//! engine and the renderers only see face ids, glyph ids and advances.
//!
//! The PDF layout engine and the EPUB renderer code against this API.
//!
//! Text asks for a [`FontKey`]: a role (body, heading, mono), a weight and
//! the language of the run. Each key has a fallback chain (see
//! `chains.rs`): the fonts `[folio.fonts]` names for the role, then the
//! built-in faces in the order the language wants (its own region's CJK
//! forms first), then installed fonts, found only for characters no
//! earlier face has. Files: `default.rs` (the built-in fonts), `chains.rs`
//! (the chain of each key), `system.rs` (installed fonts for what the
//! rest lacks), `discover.rs` (finding named fonts), `loader.rs` (reading
//! them once), `face.rs` (a parsed face), `fallback.rs` (which face sets
//! which character), `shape.rs` (rustybuzz), `subset.rs` + `cmap.rs` +
//! `sfnt.rs` (subsets for PDF and EPUB), `outline.rs` (glyph outlines as
//! SVG paths), `plan.rs` (the EPUB's subset plan by pieces of the
//! text), `report.rs` (`folio fonts`: which face sets what).

mod cache;
mod chains;
mod cmap;
pub mod default;
mod discover;
mod face;
pub mod fallback;
mod loader;
mod outline;
mod plan;
pub mod report;
mod sfnt;
mod shape;
mod subset;
mod system;
pub mod vertical;

pub use cache::FontCache;
pub use discover::FontSpec;
pub use plan::PlanPart;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::config::FontsConfig;
use crate::error::{Error, Result};
use crate::text::Locale;

use discover::Finder;
use face::{FontData, LoadedFace};
use loader::Loader;

/// Index of a loaded face inside a [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// What a run of text is set in. Each role has its own fallback chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Body,
    Heading,
    Mono,
}

/// What a run of text asks the fonts for: its role, its weight and its
/// language (`None`: the book's). Each key has its own fallback chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontKey {
    pub role: Role,
    pub bold: bool,
    pub locale: Option<Locale>,
}

impl From<Role> for FontKey {
    fn from(role: Role) -> FontKey {
        FontKey {
            role,
            bold: false,
            locale: None,
        }
    }
}

impl FontKey {
    pub fn bold(self) -> FontKey {
        FontKey { bold: true, ..self }
    }

    pub fn locale(self, locale: Locale) -> FontKey {
        FontKey {
            locale: Some(locale),
            ..self
        }
    }
}

/// What the book needs from its fonts, known before anything is laid out.
#[derive(Debug, Clone, Copy, Default)]
pub struct FontRequest<'a> {
    /// The book's language: whose CJK forms come first.
    pub locale: Locale,
    /// All the text of the book ([`crate::book::text::book_text`]):
    /// installed fonts are looked for only when the named and built-in
    /// faces lack some of its characters.
    pub text: &'a str,
    /// Look at installed fonts at all (`--no-system-fonts` turns it off).
    pub system: bool,
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
/// Faces are shared between chains: the built-in serif is one face however
/// many chains hold it. The built-in faces come first, in the order of
/// [`default::BUILTINS`]. [`FontSet::default`] is the built-in fonts
/// only, for tests and for books that name no font.
pub struct FontSet {
    faces: Vec<LoadedFace>,
    chains: chains::Chains,
    /// The book's language: the chains of keys without a locale.
    locale: Locale,
    /// Characters of the book no face has (after looking at the installed
    /// fonts when that was allowed).
    uncovered: Vec<char>,
    /// Installed font files that could not be read, with why.
    skipped: Vec<String>,
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
            .field("chains", &self.chains)
            .field("locale", &self.locale)
            .finish()
    }
}

impl FontSet {
    /// The built-in fonts alone, for a Simplified Chinese book.
    pub fn builtin() -> FontSet {
        FontSet::builtin_for(Locale::Hans)
    }

    /// The built-in fonts alone, for a book in `locale`.
    pub fn builtin_for(locale: Locale) -> FontSet {
        let faces = default::BUILTINS
            .iter()
            .map(|b| {
                let mut face = LoadedFace::parse(FontData::Static(b.data), 0, b.origin)
                    .expect("the built-in fonts are valid (tested)");
                face.bold = b.bold;
                face
            })
            .collect();
        let mut set = FontSet {
            faces,
            chains: chains::Chains::default(),
            locale,
            uncovered: Vec::new(),
            skipped: Vec::new(),
        };
        set.chains = chains::Chains::build(&chains::Named::default(), &[]);
        set
    }

    /// Loads the fonts named by `config` for a Simplified Chinese book,
    /// without looking for installed fonts: see [`FontSet::load_for`].
    pub fn load(config: &FontsConfig, book_root: &Path) -> Result<FontSet> {
        FontSet::load_for(config, book_root, &FontRequest::default())
    }

    /// Loads the fonts named by `config` (file paths relative to
    /// `book_root`, or family names found with fontdb in `fonts/`, the book
    /// folder and the system) and builds every chain (see `chains.rs`).
    ///
    /// When `request.system` is set and some character of `request.text`
    /// is in none of the named and built-in faces, the installed fonts are
    /// searched for it (those that suit `request.locale` first) and the
    /// faces found join the end of every chain. A font that is named but
    /// cannot be found or read is an error saying what was looked for and
    /// where; an installed font that cannot be read is skipped (see
    /// [`FontSet::skipped`]).
    pub fn load_for(
        config: &FontsConfig,
        book_root: &Path,
        request: &FontRequest<'_>,
    ) -> Result<FontSet> {
        let mut set = FontSet::builtin_for(request.locale);
        let mut loader = Loader::new(Finder::new(book_root));
        let named = chains::Named::load(config, &mut loader, &mut set)?;
        // One cmap look-up per character for most of them (the first face
        // has it, and answers from its coverage cache).
        let uncovered: Vec<char> = request
            .text
            .chars()
            .filter(|&c| !crate::text::script::is_ignorable(c) && !set.any_covers(c))
            .collect::<BTreeSet<char>>()
            .into_iter()
            .collect();
        let mut extra = Vec::new();
        if request.system && !uncovered.is_empty() {
            let found = system::cover(&uncovered, request.locale, &mut loader, &mut set);
            extra = found.faces;
            set.skipped = found.skipped;
        }
        set.uncovered = uncovered
            .into_iter()
            .filter(|&c| !extra.iter().any(|&id| set.face(id).covers(c)))
            .collect();
        set.chains = chains::Chains::build(&named, &extra);
        Ok(set)
    }

    /// Characters of the requested text that no face has: each is drawn
    /// as glyph 0 of the first face, a box.
    pub fn uncovered(&self) -> &[char] {
        &self.uncovered
    }

    /// Installed font files that were skipped because they could not be
    /// read, each with the reason.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The built-in OpenType MATH face (Folio Math) and its parsed tables.
    pub fn math_face(&self) -> Option<(FaceId, &ttf_parser::Face<'_>)> {
        let i = default::BUILTINS
            .iter()
            .position(|b| b.coverage == default::Coverage::Math)?;
        self.faces.get(i).map(|f| (FaceId(i), f.ttf()))
    }

    /// The book's language, which keys without a locale are set in.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    fn any_covers(&self, c: char) -> bool {
        self.faces.iter().any(|f| f.covers(c))
    }

    /// Shapes `text` for `key`, taking each character from the first face
    /// of the key's chain that has it. Characters no face has come out as
    /// glyph 0 of the first face (and are listed by [`FontSet::missing`]).
    pub fn shape(&self, text: &str, key: impl Into<FontKey>) -> Vec<ShapedGlyph> {
        let chain = self.chain(key);
        let mut out = Vec::new();
        for run in self.runs(text, chain) {
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

    /// The advance of `gid` in `face` from its metrics, in em: what the
    /// glyph takes with no neighbour to kern with.
    pub fn nominal_advance(&self, face: FaceId, gid: u16) -> f32 {
        self.face(face).advance_em(gid)
    }

    /// Characters of `text` that no face of `key`'s chain covers, each
    /// once, in order of first appearance. Invisible characters (controls,
    /// zero-width spaces, variation selectors) are never missing.
    pub fn missing(&self, text: &str, key: impl Into<FontKey>) -> Vec<char> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for run in self
            .runs(text, self.chain(key))
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
    pub fn face_for(&self, c: char, key: impl Into<FontKey>) -> Option<FaceId> {
        self.chain(key)
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

    /// True when the face is a real bold one (no synthetic emboldening).
    pub fn is_bold(&self, face: FaceId) -> bool {
        self.faces.get(face.0).is_some_and(|f| f.bold)
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

    /// The vertical form of `gid` in `face` (see [`vertical::vertical_form`]).
    pub fn vertical_form(&self, face: FaceId, gid: u16) -> Option<u16> {
        vertical::vertical_form(self.faces.get(face.0)?.ttf(), gid)
    }

    /// The vertical advance of `gid` in `face`, in thousandths of an em
    /// (see [`vertical::vertical_advance`]).
    pub fn vertical_advance(&self, face: FaceId, gid: u16) -> i64 {
        self.faces
            .get(face.0)
            .map_or(1000, |f| vertical::vertical_advance(f.ttf(), gid))
    }

    /// The faces of `key`'s chain, first preferred. Never empty.
    pub fn chain(&self, key: impl Into<FontKey>) -> &[FaceId] {
        let key = key.into();
        self.chains.get(key, self.locale)
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
    pub fn subset_for_text(&self, key: impl Into<FontKey>, text: &str) -> Result<Subset> {
        let id = self.chain(key)[0];
        let chars: BTreeSet<char> = text.chars().collect();
        subset::web_subset(self.face(id), &chars)
    }

    /// Every face of `role`'s chain that sets some character of `text`,
    /// each subset to the characters it sets (as fallback picks them): for
    /// an EPUB whose book font is a Latin font backed by the CJK default.
    /// In chain order, faces with nothing to set left out.
    pub fn subsets_for_text(
        &self,
        key: impl Into<FontKey>,
        text: &str,
    ) -> Result<Vec<(FaceId, Subset)>> {
        self.subset_plan(key, text)
            .into_iter()
            .map(|(id, chars)| Ok((id, self.web_subset(id, &chars)?)))
            .collect()
    }

    /// What [`FontSet::subsets_for_text`] subsets: each face of `key`'s
    /// chain that sets some of `text`, with the characters it sets (a
    /// watch session keeps the subsets by it).
    pub fn subset_plan(
        &self,
        key: impl Into<FontKey>,
        text: &str,
    ) -> Vec<(FaceId, BTreeSet<char>)> {
        let chain = self.chain(key);
        // A bit per code point while walking the (long) text: a book's
        // hundreds of thousands of characters are of a few thousand kinds.
        let mut per_slot: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
        for run in self.runs(text, chain) {
            if let Some(slot) = run.slot {
                let bits = per_slot
                    .entry(slot)
                    .or_insert_with(|| vec![0; (char::MAX as usize >> 6) + 1]);
                for c in text[run.range].chars() {
                    bits[c as usize >> 6] |= 1 << (c as u32 & 63);
                }
            }
        }
        per_slot
            .into_iter()
            .map(|(slot, bits)| {
                let chars = plan::chars(&bits);
                (chain[slot], chars)
            })
            .collect()
    }

    /// Face `id` subset to `chars` for the web (see [`subset::web_subset`]).
    pub fn web_subset(&self, id: FaceId, chars: &BTreeSet<char>) -> Result<Subset> {
        subset::web_subset(self.face(id), chars)
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

    fn runs(&self, text: &str, chain: &[FaceId]) -> Vec<fallback::Run> {
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

#[cfg(test)]
mod tests;
