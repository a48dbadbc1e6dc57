//! The MATH table of the built-in math face, in em: constants, glyphs,
//! italic corrections and the size variants of stretchy glyphs.

use ttf_parser::math::{Constants, MathValue};
use ttf_parser::GlyphId;

use crate::fonts::FaceId;

pub struct MathFont<'f> {
    pub id: FaceId,
    pub face: &'f ttf_parser::Face<'f>,
    pub table: ttf_parser::math::Table<'f>,
    upem: f32,
}

impl<'f> MathFont<'f> {
    pub fn new(id: FaceId, face: &'f ttf_parser::Face<'f>) -> Option<MathFont<'f>> {
        let table = face.tables().math?;
        table.constants?;
        Some(MathFont {
            id,
            face,
            table,
            upem: f32::from(face.units_per_em()),
        })
    }

    pub fn c(&self) -> Constants<'f> {
        self.table.constants.expect("checked in new")
    }

    pub fn v(&self, value: MathValue<'_>) -> f32 {
        f32::from(value.value) / self.upem
    }

    pub fn units(&self, value: impl Into<f32>) -> f32 {
        value.into() / self.upem
    }

    pub fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|&g| g != 0)
    }

    pub fn advance(&self, gid: u16) -> f32 {
        self.face
            .glyph_hor_advance(GlyphId(gid))
            .map_or(0.5, |a| self.units(a))
    }

    /// Height above and depth below the baseline (both positive upwards
    /// and downwards).
    pub fn extent(&self, gid: u16) -> (f32, f32) {
        match self.face.glyph_bounding_box(GlyphId(gid)) {
            Some(b) => (self.units(b.y_max), -self.units(b.y_min)),
            None => (0.0, 0.0),
        }
    }

    /// Left and right ink edges.
    pub fn ink_x(&self, gid: u16) -> (f32, f32) {
        match self.face.glyph_bounding_box(GlyphId(gid)) {
            Some(b) => (self.units(b.x_min), self.units(b.x_max)),
            None => (0.0, self.advance(gid)),
        }
    }

    pub fn italic(&self, gid: u16) -> f32 {
        self.table
            .glyph_info
            .and_then(|i| i.italic_corrections)
            .and_then(|c| c.get(GlyphId(gid)))
            .map_or(0.0, |v| self.v(v))
    }

    /// Size variants of `gid` (itself first) with their advance in the
    /// direction of growth, and its assembly parts when it has one.
    pub fn variants(&self, gid: u16, vertical: bool) -> Vec<(u16, f32)> {
        let mut out = vec![(gid, 0.0)];
        let Some(variants) = self.table.variants else {
            return out;
        };
        let constructions = if vertical {
            variants.vertical_constructions
        } else {
            variants.horizontal_constructions
        };
        if let Some(c) = constructions.get(GlyphId(gid)) {
            out.clear();
            for v in c.variants {
                out.push((v.variant_glyph.0, self.units(v.advance_measurement)));
            }
            if out.is_empty() {
                out.push((gid, 0.0));
            }
        }
        out
    }

    /// The parts of `gid`'s assembly: (glyph, full advance, extender), bottom (or left) first.
    pub fn assembly(&self, gid: u16, vertical: bool) -> Option<(Vec<Part>, f32)> {
        let variants = self.table.variants?;
        let constructions = if vertical {
            variants.vertical_constructions
        } else {
            variants.horizontal_constructions
        };
        let assembly = constructions.get(GlyphId(gid))?.assembly?;
        let parts = assembly
            .parts
            .into_iter()
            .map(|p| Part {
                gid: p.glyph_id.0,
                advance: self.units(p.full_advance),
                extender: p.part_flags.extender(),
            })
            .collect();
        Some((parts, self.units(variants.min_connector_overlap)))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Part {
    pub gid: u16,
    pub advance: f32,
    pub extender: bool,
}
