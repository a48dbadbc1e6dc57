//! What the layout engine needs from fonts, as a trait.
//!
//! The engine only measures and maps text to glyphs; putting that behind
//! [`Shaper`] lets the unit tests lay out pages with fixed-width fake glyphs
//! (every Han 1 em, Latin 0.5 em) whose geometry is known exactly, while the
//! real build uses [`FontSet`].

use crate::fonts::{FaceId, FontKey, FontSet, Role, ShapedGlyph};

pub trait Shaper: Sync {
    /// Glyphs of `text` for `key`, advances in em (see [`FontSet::shape`]).
    fn shape(&self, text: &str, key: FontKey) -> Vec<ShapedGlyph>;
    /// Characters of `text` no face of `key`'s chain covers.
    fn missing(&self, text: &str, key: FontKey) -> Vec<char>;
    /// True when `face` is a real bold face: bold text in it is drawn as
    /// it is, not emboldened.
    fn is_bold(&self, face: FaceId) -> bool;
    /// Ascender and descender of `role`'s first face, in em (descender
    /// negative).
    fn extents(&self, role: Role) -> (f32, f32);
    /// The advance of glyph `gid` of `face` set alone, in em, without the
    /// kerning shaping adds beside a neighbour; `None` when unknown.
    fn nominal_advance(&self, _face: FaceId, _gid: u16) -> Option<f32> {
        None
    }
    /// The vertical form (`vert`/`vrt2`) of glyph `gid` of `face`, for a
    /// glyph standing upright in a vertical column; `None`: it has none.
    fn vertical_form(&self, _face: FaceId, _gid: u16) -> Option<u16> {
        None
    }
    /// The OpenType MATH face formulas are set in; `None`: formulas are
    /// set as their source.
    fn math_face(&self) -> Option<(FaceId, &ttf_parser::Face<'_>)> {
        None
    }
}

impl Shaper for FontSet {
    fn shape(&self, text: &str, key: FontKey) -> Vec<ShapedGlyph> {
        FontSet::shape(self, text, key)
    }

    fn missing(&self, text: &str, key: FontKey) -> Vec<char> {
        FontSet::missing(self, text, key)
    }

    fn is_bold(&self, face: FaceId) -> bool {
        FontSet::is_bold(self, face)
    }

    fn extents(&self, role: Role) -> (f32, f32) {
        let face = self.chain(role).first().copied().unwrap_or(FaceId(0));
        let m = self.metrics(face);
        (m.ascender, m.descender)
    }

    fn nominal_advance(&self, face: FaceId, gid: u16) -> Option<f32> {
        Some(FontSet::nominal_advance(self, face, gid))
    }

    fn math_face(&self) -> Option<(FaceId, &ttf_parser::Face<'_>)> {
        FontSet::math_face(self)
    }

    fn vertical_form(&self, face: FaceId, gid: u16) -> Option<u16> {
        FontSet::vertical_form(self, face, gid)
    }
}

/// Fixed-width glyphs for tests: CJK-wide characters 1 em, everything else
/// 0.5 em, spaces 0.25 em; glyph id = code point (truncated). Characters in
/// `missing` are reported missing.
#[cfg(test)]
pub struct FakeShaper {
    pub missing: Vec<char>,
}

#[cfg(test)]
impl FakeShaper {
    pub fn new() -> Self {
        FakeShaper {
            missing: Vec::new(),
        }
    }

    pub fn advance(c: char) -> f32 {
        if crate::text::script::is_cjk_wide(c) {
            1.0
        } else if c == ' ' {
            0.25
        } else {
            0.5
        }
    }
}

#[cfg(test)]
impl Shaper for FakeShaper {
    fn shape(&self, text: &str, key: FontKey) -> Vec<ShapedGlyph> {
        let face = match key.role {
            Role::Body => FaceId(0),
            Role::Heading => FaceId(1),
            Role::Mono => FaceId(2),
        };
        text.char_indices()
            .map(|(i, c)| ShapedGlyph {
                face,
                // Missing characters get .notdef, as with real fonts.
                gid: if self.missing.contains(&c) {
                    0
                } else {
                    (c as u32 & 0xFFFF).max(1) as u16
                },
                advance: Self::advance(c),
                x_offset: 0.0,
                y_offset: 0.0,
                cluster: i..i + c.len_utf8(),
            })
            .collect()
    }

    fn missing(&self, text: &str, _key: FontKey) -> Vec<char> {
        text.chars().filter(|c| self.missing.contains(c)).collect()
    }

    fn is_bold(&self, _face: FaceId) -> bool {
        false
    }

    fn extents(&self, _role: Role) -> (f32, f32) {
        (0.88, -0.12)
    }
}
