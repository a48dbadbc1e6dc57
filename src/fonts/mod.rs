//! Fonts: discovery (fontdb), the built-in default CJK font, fallback chains
//! per role, shaping and subsetting.
//!
//! Everything that reads font files lives behind [`FontSet`]; the layout
//! engine and the renderers only see face ids, glyph ids and advances.
//!
//! API CONTRACT (stub; the implementation lands with issue 3). The PDF
//! layout engine and the EPUB renderer code against these signatures.

use std::collections::BTreeSet;
use std::path::Path;

use crate::config::FontsConfig;
use crate::error::Result;

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

/// Vertical metrics of a face, in em.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceMetrics {
    pub ascender: f32,
    pub descender: f32,
    pub units_per_em: u16,
}

/// A subset font program ready to embed.
#[derive(Debug, Clone, PartialEq)]
pub struct Subset {
    /// The subset font (TrueType or bare OpenType/CFF), glyph ids renumbered.
    pub data: Vec<u8>,
    /// Old glyph id → new glyph id.
    pub remap: std::collections::BTreeMap<u16, u16>,
    /// True for CFF outlines (`/FontFile3`), false for `glyf` (`/FontFile2`).
    pub is_cff: bool,
}

/// The fonts of one build, parsed once.
#[derive(Debug, Default)]
pub struct FontSet {}

impl FontSet {
    /// Loads the fonts named by `config` (file paths relative to
    /// `book_root`, or family names found with fontdb in `fonts/`, the book
    /// folder and the system), each role falling back to the built-in font.
    pub fn load(_config: &FontsConfig, _book_root: &Path) -> Result<FontSet> {
        Ok(FontSet {})
    }

    /// Shapes `text` in `role`, taking each character from the first face of
    /// the role's chain that has it. Characters no face has come out as
    /// glyph 0 of the first face (and are listed by [`FontSet::missing`]).
    pub fn shape(&self, _text: &str, _role: Role) -> Vec<ShapedGlyph> {
        Vec::new()
    }

    /// Characters of `text` that no face of `role`'s chain covers.
    pub fn missing(&self, _text: &str, _role: Role) -> Vec<char> {
        Vec::new()
    }

    /// PostScript / family name of a face (for the PDF `/BaseFont`, the
    /// EPUB `@font-face`).
    pub fn family(&self, _face: FaceId) -> &str {
        ""
    }

    pub fn metrics(&self, _face: FaceId) -> FaceMetrics {
        FaceMetrics {
            ascender: 0.88,
            descender: -0.12,
            units_per_em: 1000,
        }
    }

    /// The faces of `role`'s chain, first preferred.
    pub fn chain(&self, _role: Role) -> &[FaceId] {
        &[]
    }

    /// Subsets `face` to `glyphs` (glyph 0 is always kept).
    pub fn subset(&self, _face: FaceId, _glyphs: &BTreeSet<u16>) -> Result<Subset> {
        Err(crate::Error::Font("not implemented".into()))
    }

    /// The first face of `role`'s chain subset to the characters of `text`:
    /// what the EPUB embeds.
    pub fn subset_for_text(&self, _role: Role, _text: &str) -> Result<Subset> {
        Err(crate::Error::Font("not implemented".into()))
    }
}
