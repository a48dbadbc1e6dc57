//! Ruby (furigana) in the PDF: the reading set at half size above its base
//! (jlreq 3.3), never in the text line.
//!
//! A ruby base is one run ([`Run::ruby`]): a group ruby's whole word, or
//! one character of a mono-ruby. A line never breaks inside such a run, so
//! a group ruby stays whole while mono-ruby may break between characters.
//!
//! Placement, decided when the paragraph is prepared:
//!
//! - a reading no wider than its base is centred on it; a group ruby's
//!   reading is spread over the word (the space shared 1:2:1 between the
//!   ends and the gaps between its characters);
//! - a longer reading may overhang a neighbouring kana by up to half a
//!   ruby character on each side (never a kanji, nor another ruby);
//!   whatever is still missing spaces the base out, each base character
//!   centred in its widened cell.
//!
//! The line box: the ruby sits on the base's em box, in the leading shared
//! with the line above. A line whose leading is too thin for it is moved
//! down by the difference ([`room_above`]).

use compact_str::CompactString;

use super::env::Env;
use super::inline::Run;
use super::page::{Color, GlyphRun, Item, PositionedGlyph};
use super::para::{self, Cluster, Glyph, Prepared};
use crate::fonts::FaceId;
use crate::text::script::{ruby_may_overhang, user_chars};

/// Ruby size as a fraction of the base size.
pub const SCALE: f32 = 0.5;

/// Height of the em box above the baseline, as a fraction of the size (the
/// em box of every face folio uses spans 0.88 above, 0.12 below).
const ASCENT: f32 = 0.88;

/// The shaped reading of one ruby base.
#[derive(Debug, Clone, PartialEq)]
pub struct RubyMark {
    /// The run of the base.
    pub run: usize,
    /// Ruby font size in points.
    size: f32,
    reading: String,
    glyphs: Vec<Glyph>,
    clusters: Vec<Cluster>,
    widths: Vec<f32>,
    /// How far the reading may reach past the base on the left and right
    /// (over neighbouring kana).
    overhang: (f32, f32),
    /// Spread the reading over the base (group ruby of several characters).
    spread: bool,
}

/// Shapes the reading of `runs[r]` (whose base was shaped into the
/// clusters from `first` on, with `widths`) and spaces the base out when
/// the reading needs more room than the base and its neighbours give.
/// `text` is the paragraph text, the run starting at byte `start`.
pub fn prepare(
    env: &Env<'_>,
    runs: &[Run],
    r: usize,
    text: &str,
    start: usize,
    base: (&mut [Glyph], &[Cluster], &mut [f32]),
) -> Option<RubyMark> {
    let run = &runs[r];
    let reading = run.ruby.as_deref()?;
    let (glyphs, base_clusters, widths) = base;
    let size = run.style.glyph_size() * SCALE;
    let mut mark = RubyMark {
        run: r,
        size,
        reading: reading.to_string(),
        glyphs: Vec::new(),
        clusters: Vec::new(),
        widths: Vec::new(),
        overhang: (0.0, 0.0),
        spread: false,
    };
    let out = (&mut mark.glyphs, &mut mark.clusters, &mut mark.widths);
    para::shape_clusters(env, reading, run, r, size, 0, out);
    let end = (start + run_len(run)).min(text.len());
    let half = size / 2.0;
    let kana_before = r > 0
        && runs[r - 1].ruby.is_none()
        && text
            .get(..start)
            .and_then(|t| t.chars().next_back())
            .is_some_and(ruby_may_overhang);
    let kana_after = runs.get(r + 1).is_some_and(|n| n.ruby.is_none())
        && text
            .get(end..)
            .and_then(|t| t.chars().next())
            .is_some_and(ruby_may_overhang);
    mark.overhang = (
        if kana_before { half } else { 0.0 },
        if kana_after { half } else { 0.0 },
    );
    let base_text = text.get(start..end).unwrap_or("");
    mark.spread = user_chars(base_text).len() > 1;
    let reading_width: f32 = mark.widths.iter().sum();
    let base_width: f32 = widths.iter().sum();
    let missing = reading_width - base_width - mark.overhang.0 - mark.overhang.1;
    if missing > 0.001 && !widths.is_empty() {
        // Space the base out: each character gets an equal share, half on
        // either side of it.
        let share = missing / widths.len() as f32;
        for (cluster, width) in base_clusters.iter().zip(widths.iter_mut()) {
            *width += share;
            for g in glyphs.get_mut(cluster.glyphs.clone()).unwrap_or(&mut []) {
                g.dx += share / 2.0;
            }
        }
    }
    Some(mark)
}

fn run_len(run: &Run) -> usize {
    match &run.kind {
        super::inline::RunKind::Text(t) => t.len(),
        _ => 0,
    }
}

/// The marks of the runs with clusters in `slots` (marks are in run order,
/// and a line holds a contiguous range of runs: a binary search, so a huge
/// paragraph full of ruby stays linear).
pub fn on_line(p: &Prepared, slots: std::ops::Range<usize>) -> &[RubyMark] {
    let (Some(first), Some(last)) = (
        p.clusters.get(slots.start),
        slots.end.checked_sub(1).and_then(|i| p.clusters.get(i)),
    ) else {
        return &[];
    };
    let from = p.rubies.partition_point(|m| m.run < first.run);
    let to = p.rubies.partition_point(|m| m.run <= last.run);
    p.rubies.get(from..to.max(from)).unwrap_or(&[])
}

/// How much lower a line's baseline must sit so that ruby on it clears the
/// line above: the ruby stands on the base's em box and may use the
/// leading below the line above (the same `pitch` assumed there), but not
/// its em box. Zero at the default 1.7 line height.
pub fn room_above(size: f32, baseline: f32, pitch: f32) -> f32 {
    let needed = (ASCENT + SCALE) * size;
    let available = baseline + (pitch - size).max(0.0) / 2.0;
    (needed - available).max(0.0)
}

/// The ruby over the clusters `range` of `p`, set at `xs` (+ `x0`) on a
/// line that ends at `right`.
pub fn items(
    p: &Prepared,
    range: std::ops::Range<usize>,
    xs: &[f32],
    x0: f32,
    right: f32,
    baseline: f32,
) -> Vec<Item> {
    let mut out = Vec::new();
    for mark in on_line(p, range.clone()) {
        // The part of the base on this line (a base never breaks, but
        // take what is there).
        let mut span: Option<(f32, f32)> = None;
        for (k, i) in range.clone().enumerate() {
            if p.clusters.get(i).is_some_and(|c| c.run == mark.run) {
                let x = x0 + xs.get(k).copied().unwrap_or(0.0);
                let w = p.slots.get(i).map_or(0.0, |s| s.width);
                span = Some(span.map_or((x, x + w), |(a, _)| (a, x + w)));
            }
        }
        let (Some((x1, x2)), Some(run)) = (span, p.runs.get(mark.run)) else {
            continue;
        };
        out.extend(mark.draw(x1, x2, (x0, right), baseline, run.style.color));
    }
    out
}

impl RubyMark {
    /// The glyph runs of the reading over the base spanning `x1..x2`.
    fn draw(
        &self,
        x1: f32,
        x2: f32,
        (left, right): (f32, f32),
        baseline: f32,
        color: Color,
    ) -> Vec<Item> {
        let width: f32 = self.widths.iter().sum();
        let base = x2 - x1;
        let n = self.widths.len().max(1) as f32;
        let (mut start, gap) = if width <= base {
            if self.spread && n > 1.0 {
                let gap = (base - width) / n;
                (x1 + gap / 2.0, gap)
            } else {
                (x1 + (base - width) / 2.0, 0.0)
            }
        } else {
            // Overhang evenly, within what each neighbour allows.
            let over = width - base;
            // What the neighbours cannot take (the base was spaced out for
            // it, so only at a line edge) is shared evenly.
            let excess = (over - self.overhang.0 - self.overhang.1).max(0.0) / 2.0;
            let (l, r) = (self.overhang.0 + excess, self.overhang.1 + excess);
            let before = (over / 2.0).max(over - r).min(l);
            (x1 - before, 0.0)
        };
        // Never past the line's edges (a line-start neighbour is not there).
        let end = start + width + gap * (n - 1.0);
        if end > right {
            start -= end - right;
        }
        start = start.max(left);
        let base_size = self.size / SCALE;
        let rise = ASCENT * base_size + (1.0 - ASCENT) * self.size;
        let mut runs: Vec<GlyphRun> = Vec::new();
        let mut x = start;
        for (cluster, w) in self.clusters.iter().zip(&self.widths) {
            let text = self.reading.get(cluster.text.clone()).unwrap_or("");
            let glyphs = self.glyphs.get(cluster.glyphs.clone()).unwrap_or(&[]);
            for (k, g) in glyphs.iter().enumerate() {
                let glyph = PositionedGlyph {
                    gid: g.gid,
                    x: x + g.dx,
                    y_offset: rise + g.dy,
                    text: if k == 0 {
                        CompactString::from(text)
                    } else {
                        CompactString::default()
                    },
                };
                match runs.last_mut() {
                    Some(run) if run.face == g.face => run.glyphs.push(glyph),
                    _ => runs.push(self.glyph_run(g.face, baseline, color, glyph)),
                }
            }
            x += w + gap;
        }
        runs.into_iter().map(Item::Text).collect()
    }

    fn glyph_run(&self, face: FaceId, y: f32, color: Color, first: PositionedGlyph) -> GlyphRun {
        GlyphRun {
            orientation: Default::default(),
            face,
            size: self.size,
            y,
            glyphs: vec![first],
            synthetic_bold: false,
            color,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_leading_holds_ruby_and_thin_leading_makes_room() {
        // At 1.7 the line's baseline sits 0.85 + 0.38 sizes below its top.
        let s = 10.0;
        assert_eq!(room_above(s, 1.23 * s, 1.7 * s), 0.0);
        // At 1.2 the ruby (1.38 sizes above the baseline) needs more than
        // the 0.98 + 0.1 the leading gives.
        let lift = room_above(s, 0.98 * s, 1.2 * s);
        assert!((lift - 0.3 * s).abs() < 1e-3, "{lift}");
    }
}
