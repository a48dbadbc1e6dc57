//! Laid-out pieces of a formula: glyphs and rules in a box measured from
//! its origin on the baseline (y up), in points.

use compact_str::CompactString;

use crate::fonts::FaceId;
use crate::layout::page::{Color, GlyphRun, Item, PositionedGlyph};

#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Glyph {
        face: FaceId,
        gid: u16,
        size: f32,
        x: f32,
        y: f32,
        text: CompactString,
        /// `None`: the formula's colour (see [`MBox::paint`]).
        color: Option<Color>,
    },
    /// A filled rectangle whose bottom-left corner is (x, y).
    Rule {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Option<Color>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MBox {
    pub width: f32,
    pub ascent: f32,
    pub descent: f32,
    /// The italic correction of the last glyph (scripts move by it).
    pub italic: f32,
    pub pieces: Vec<Piece>,
}

impl Piece {
    /// The piece scaled by `f` about the origin, then moved by (dx, dy).
    fn transformed(self, f: f32, dx: f32, dy: f32) -> Piece {
        match self {
            Piece::Glyph {
                face,
                gid,
                size,
                x,
                y,
                text,
                color,
            } => Piece::Glyph {
                face,
                gid,
                size: size * f,
                x: x * f + dx,
                y: y * f + dy,
                text,
                color,
            },
            Piece::Rule { x, y, w, h, color } => Piece::Rule {
                x: x * f + dx,
                y: y * f + dy,
                w: w * f,
                h: h * f,
                color,
            },
        }
    }
}

impl MBox {
    /// Adds `other` with its origin at (dx, dy) of this box, growing the
    /// extents (not the width).
    pub fn place(&mut self, other: MBox, dx: f32, dy: f32) {
        self.ascent = self.ascent.max(other.ascent + dy);
        self.descent = self.descent.max(other.descent - dy);
        self.pieces
            .extend(other.pieces.into_iter().map(|p| p.transformed(1.0, dx, dy)));
    }

    /// Appends `other` at the right end, `gap` after it.
    pub fn append(&mut self, other: MBox, gap: f32) {
        let x = self.width + gap;
        self.width = x + other.width;
        self.italic = other.italic;
        self.place(other, x, 0.0);
    }

    /// The box drawn `f` times as large.
    pub fn scaled(&self, f: f32) -> MBox {
        let pieces = self
            .pieces
            .iter()
            .map(|p| p.clone().transformed(f, 0.0, 0.0))
            .collect();
        MBox {
            width: self.width * f,
            ascent: self.ascent * f,
            descent: self.descent * f,
            italic: self.italic * f,
            pieces,
        }
    }

    pub fn rule(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.ascent = self.ascent.max(y + h);
        self.descent = self.descent.max(-y);
        self.pieces.push(Piece::Rule {
            x,
            y,
            w,
            h,
            color: None,
        });
    }

    /// Gives `color` to every piece that has none yet (`\color` around
    /// parts that already have their own keeps theirs).
    pub fn paint(&mut self, color: Color) {
        for p in &mut self.pieces {
            let (Piece::Glyph { color: c, .. } | Piece::Rule { color: c, .. }) = p;
            c.get_or_insert(color);
        }
    }

    /// The pieces as page items with the origin at (x, baseline) of a
    /// line (page y grows downwards).
    pub fn items(&self, x0: f32, baseline: f32, color: Color, out: &mut Vec<Item>) {
        let mut run: Option<GlyphRun> = None;
        for p in &self.pieces {
            match p {
                Piece::Glyph {
                    face,
                    gid,
                    size,
                    x,
                    y,
                    text,
                    color: own,
                } => {
                    let color = own.unwrap_or(color);
                    let glyph = PositionedGlyph {
                        gid: *gid,
                        x: x0 + x,
                        y_offset: *y,
                        text: text.clone(),
                    };
                    match &mut run {
                        Some(r) if r.face == *face && r.size == *size && r.color == color => {
                            r.glyphs.push(glyph)
                        }
                        _ => {
                            out.extend(run.take().map(Item::Text));
                            run = Some(GlyphRun {
                                orientation: Default::default(),
                                face: *face,
                                size: *size,
                                y: baseline,
                                glyphs: vec![glyph],
                                synthetic_bold: false,
                                color,
                            });
                        }
                    }
                }
                Piece::Rule {
                    x,
                    y,
                    w,
                    h,
                    color: own,
                } => out.push(Item::Rect {
                    x: x0 + x,
                    y: baseline - y - h,
                    width: *w,
                    height: *h,
                    color: own.unwrap_or(color),
                }),
            }
        }
        out.extend(run.map(Item::Text));
    }
}
