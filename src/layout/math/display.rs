//! Display math as a block: centred in the column, its `\tag` at the
//! right margin, scaled down (to 60% at most) when wider than the column.
//! A formula taller than the page (a long `aligned`) is cut between its
//! rows into lines of their own, which may go on different pages (its
//! `\tag` then on the last row, as amsmath's `tbtags` sets right-hand
//! numbers: a number centred on rows that span pages would sit on none of
//! them); one row taller than the page is scaled down to fit it.

use super::boxes::{MBox, Piece};
use crate::layout::block::{BlockLayout, Ctx};
use crate::layout::flow::FlowLine;
use crate::layout::page::Color;
use crate::math::{Math, Node};

impl BlockLayout<'_, '_> {
    /// Display math standing alone.
    pub(in crate::layout) fn display_math(&mut self, m: &Math, ctx: &Ctx) {
        let size = self.size();
        let tag = |s: f32| {
            let t = Math {
                display: false,
                tex: String::new(),
                tree: m.tag.as_ref().map(|t| Node::Text(t.clone())),
                tag: None,
            };
            super::lay_out(self.env, &t, s, false)
        };
        let Some(mut b) = super::lay_out(self.env, m, size, true) else {
            self.code_block(None, m.tex.trim(), ctx);
            return;
        };
        let mut used = size;
        let mut tag_box = tag(size);
        let room =
            |t: &Option<MBox>| ctx.width - t.as_ref().map_or(0.0, |t| 2.0 * (t.width + size));
        if b.width > room(&tag_box) && b.width > 0.0 {
            let scale = (room(&tag_box) / b.width).max(0.6);
            if let Some(small) = super::lay_out(self.env, m, size * scale, true) {
                b = small;
                used = size * scale;
                tag_box = tag(used);
            }
        }
        let pad = self.pitch() * 0.35;
        let limit = (self.area_height - 2.0 * pad).max(size);
        if b.ascent + b.descent > limit {
            let bands = split(b, used);
            if bands.len() > 1 {
                return self.display_bands(bands, tag_box, pad, ctx);
            }
            let Some(one) = bands.into_iter().next() else {
                return;
            };
            b = one;
            let scale = limit / (b.ascent + b.descent);
            if let Some(small) = super::lay_out(self.env, m, used * scale, true) {
                b = small;
            }
        }
        let x = ctx.left + ((ctx.width - b.width) / 2.0).max(0.0);
        let baseline = pad + b.ascent;
        let mut line = FlowLine {
            height: b.ascent + b.descent + 2.0 * pad,
            baseline,
            ..FlowLine::default()
        };
        b.items(x, baseline, Color::BLACK, &mut line.items);
        if let Some(t) = tag_box {
            t.items(
                ctx.left + ctx.width - t.width,
                baseline,
                Color::BLACK,
                &mut line.items,
            );
        }
        self.push(line, ctx);
    }

    /// The rows of a formula cut by [`split`], each on a line of its own,
    /// all at the x of the whole (so aligned columns stay aligned); the
    /// tag on the last.
    fn display_bands(&mut self, bands: Vec<MBox>, tag: Option<MBox>, pad: f32, ctx: &Ctx) {
        let width = bands.iter().map(|b| b.width).fold(0.0, f32::max);
        let x = ctx.left + ((ctx.width - width) / 2.0).max(0.0);
        let n = bands.len();
        let mut tag = tag;
        for (i, b) in bands.into_iter().enumerate() {
            let top = if i == 0 { pad } else { 0.0 };
            let bottom = if i + 1 == n { pad } else { 0.0 };
            let baseline = top + b.ascent;
            let mut line = FlowLine {
                height: top + b.ascent + b.descent + bottom,
                baseline,
                ..FlowLine::default()
            };
            b.items(x, baseline, Color::BLACK, &mut line.items);
            if let Some(t) = tag.take_if(|_| i + 1 == n) {
                let tx = ctx.left + ctx.width - t.width;
                t.items(tx, baseline, Color::BLACK, &mut line.items);
            }
            self.push(line, ctx);
        }
    }
}

/// `b` cut between its rows: the baselines of its glyphs at the formula's
/// own `size` (not scripts), each piece going with the row it sits on.
/// Each band's origin is its row's baseline.
fn split(b: MBox, size: f32) -> Vec<MBox> {
    let mut rows: Vec<f32> = b
        .pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Glyph { size: s, y, .. } if *s >= 0.99 * size => Some(*y),
            _ => None,
        })
        .collect();
    rows.sort_by(|a, b| b.total_cmp(a));
    rows.dedup_by(|a, b| (*a - *b).abs() < 0.3 * size);
    if rows.len() < 2 {
        return vec![b];
    }
    let cuts: Vec<f32> = rows.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    let mut bands: Vec<MBox> = rows
        .iter()
        .map(|_| MBox {
            width: b.width,
            ..MBox::default()
        })
        .collect();
    for p in b.pieces {
        let y = match &p {
            Piece::Glyph { y, .. } => *y,
            Piece::Rule { y, h, .. } => y + h / 2.0,
        };
        let i = cuts.iter().filter(|&&c| y < c).count();
        let mut one = MBox::default();
        one.pieces.push(p);
        let (up, down) = extent(&one.pieces[0], size);
        one.ascent = up;
        one.descent = down;
        bands[i].place(one, 0.0, -rows[i]);
    }
    bands
}

/// A piece's reach above and below its own y (glyphs: an em's worth).
fn extent(p: &Piece, size: f32) -> (f32, f32) {
    match p {
        Piece::Glyph { y, size: s, .. } => (y + 0.75 * s.max(size * 0.5), 0.25 * s - y),
        Piece::Rule { y, h, .. } => (y + h, -y),
    }
}
