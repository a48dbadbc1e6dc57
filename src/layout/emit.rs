//! Broken lines of a prepared paragraph into positioned flow lines.

use compact_str::CompactString;

use crate::fonts::FaceId;

use super::flow::{FlowLine, PendingLink};
use super::line::{fill, fits, place, Align, Brk, LineRange};
use super::linefit::{self, Widths};
use super::page::{Color, GlyphRun, Item, PositionedGlyph};
use super::para::{Cluster, Prepared};
use super::style::{AnchorKey, LinkRef, Style};
use super::tag::{InlineTag, Tag};
use crate::text::punct::no_line_start;
use crate::text::script::is_ideographic;

/// Where and how a paragraph is set.
#[derive(Debug, Clone, Copy)]
pub struct ParaSpec {
    /// Left edge, from the text area's left edge.
    pub left: f32,
    pub width: f32,
    /// First-line indent.
    pub indent: f32,
    pub align: Align,
    /// Font size the line pitch is computed from.
    pub size: f32,
    /// Line pitch as a multiple of `size`.
    pub line_height: f32,
}

/// Fraction of the font size from the em box's centre down to the
/// baseline, for an em box spanning 0.88 above and 0.12 below it.
const BASELINE_BELOW_CENTRE: f32 = 0.38;

/// The stretch per gap, in em, past which a line is loose: the filler then
/// tries to end the line before it later, by shrinking it (clreq wants the
/// space between characters even).
const LOOSE: f32 = 0.1;

/// Sets `p` in lines. A paragraph of two or more lines keeps its first two
/// and its last two lines together (no orphan at a page foot, no widow at a
/// page head).
pub fn set(p: &Prepared, spec: &ParaSpec) -> Vec<FlowLine> {
    let mut spec = *spec;
    if spec.align == Align::Center {
        balance(p, &mut spec);
    }
    let spec = &spec;
    let first = (spec.width - spec.indent).max(spec.size);
    let ranges = if spec.align == Align::Justify {
        let widths = Widths {
            first,
            rest: spec.width,
            em: spec.size,
        };
        let lone = |r: std::ops::Range<usize>| lone_character(p, r);
        let mut ranges = linefit::fit(&p.slots, widths, &lone)
            .unwrap_or_else(|| fill(&p.slots, first, spec.width, LOOSE * spec.size));
        no_lone_last_character(p, &mut ranges, spec.width);
        ranges
    } else {
        fill(&p.slots, first, spec.width, LOOSE * spec.size)
    };
    let mut out = Vec::with_capacity(ranges.len());
    for (n, range) in ranges.iter().enumerate() {
        let indent = if n == 0 { spec.indent } else { 0.0 };
        let avail = if n == 0 { first } else { spec.width };
        let xs = place(&p.slots, range, avail, spec.align);
        let x0 = spec.left + indent;
        let mut pitch = spec.size * spec.line_height;
        let mut baseline = pitch / 2.0 + BASELINE_BELOW_CENTRE * spec.size;
        for i in range.slots.clone() {
            if let Some((_, _, h)) = p.image_of(&p.clusters[i]) {
                baseline = baseline.max(h + (pitch - spec.size) / 2.0);
                pitch = pitch.max(baseline + 0.12 * spec.size + (pitch - spec.size) / 2.0);
            }
            if let Some(b) = p.math_of(&p.clusters[i]) {
                let lead = (pitch - spec.size) / 2.0;
                baseline = baseline.max(b.ascent + lead.min(0.2 * spec.size));
                pitch = pitch.max(baseline + b.descent + lead.min(0.2 * spec.size));
            }
        }
        if !super::ruby::on_line(p, range.slots.clone()).is_empty() {
            let lift = super::ruby::room_above(spec.size, baseline, pitch);
            baseline += lift;
            pitch += lift;
        }
        let mut line = FlowLine {
            height: pitch,
            baseline,
            text: true,
            ..FlowLine::default()
        };
        emit(p, range.slots.clone(), &xs, x0, x0 + avail, &mut line);
        out.push(line);
    }
    let n = out.len();
    if n >= 2 {
        out[0].keep_with_next = true;
        out[n - 2].keep_with_next = true;
    }
    out
}

/// A paragraph should not end on a line holding a single ideograph (and
/// its punctuation): clreq calls it out as poor. The line before gives up
/// its last break-separated piece instead, when the new last line fits;
/// that line is then spread a little more.
fn no_lone_last_character(p: &Prepared, ranges: &mut [LineRange], width: f32) {
    let n = ranges.len();
    if n < 2 || !lone_character(p, ranges[n - 1].slots.clone()) {
        return;
    }
    let last = ranges[n - 1].slots.clone();
    let prev = ranges[n - 2].slots.clone();
    let Some(b) = (prev.start + 2..prev.end)
        .rev()
        .find(|&b| p.slots[b].brk == Brk::Allowed)
    else {
        return;
    };
    let mut start = b;
    while start < last.end && p.slots[start].glue {
        start += 1;
    }
    let moved = LineRange {
        slots: start..last.end,
        last: true,
    };
    if !fits(&p.slots, &moved, width) {
        return;
    }
    let mut stop = b;
    while stop > prev.start && p.slots[stop - 1].glue {
        stop -= 1;
    }
    ranges[n - 2].slots = prev.start..stop;
    ranges[n - 1] = moved;
}

/// Whether the slots `range` of `p` hold a single ideograph and its
/// punctuation.
fn lone_character(p: &Prepared, range: std::ops::Range<usize>) -> bool {
    let mut content = range.map(|i| p.text_of(&p.clusters[i])).filter(|t| {
        t.chars()
            .next()
            .is_some_and(|c| !no_line_start(c) && !c.is_whitespace())
    });
    let first = content.next();
    content.next().is_none() && first.is_some_and(|t| t.chars().next().is_some_and(is_ideographic))
}

/// Centered text (titles) in several lines is balanced: set in the
/// narrowest width that needs no more lines, so a two-line title breaks
/// near its middle (at `,` in `…争议,中国科技…`) rather than leaving a
/// short tail.
fn balance(p: &Prepared, spec: &mut ParaSpec) {
    let lines = |w: f32| fill(&p.slots, w, w, LOOSE * spec.size).len();
    let full = lines(spec.width);
    if !(2..=8).contains(&full) {
        return;
    }
    let (mut lo, mut hi) = (spec.width / full as f32 * 0.8, spec.width);
    for _ in 0..14 {
        let mid = (lo + hi) / 2.0;
        if lines(mid) > full {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    spec.left += (spec.width - hi) / 2.0;
    spec.width = hi;
}

/// Draws the clusters `range` of `p` at `xs` (+ `x0`) into `line`.
/// `right` is the line's right edge: an inline image wider than the whole
/// line (it then stands alone on it) is scaled down to fit.
fn emit(
    p: &Prepared,
    range: std::ops::Range<usize>,
    xs: &[f32],
    x0: f32,
    right: f32,
    line: &mut FlowLine,
) {
    let mut layers = Layers::new(line.baseline);
    // The inline element (another language, a formula, a note reference)
    // the cluster being drawn is part of, as an index into `line.inlines`.
    let mut inline: Option<(InlineTag, u16, usize)> = None;
    let mut last_run: Option<usize> = None;
    // Decorated spans: (start x, end x, style) per attribute.
    let mut spans: Vec<(f32, f32, Style)> = Vec::new();
    for (k, i) in range.clone().enumerate() {
        let c = &p.clusters[i];
        let run = &p.runs[c.run];
        let x = x0 + xs[k];
        // Decorations end at the right edge even after an oversized inline
        // image (which is scaled down below).
        let w = p.slots[i].width.min((right - x).max(0.0));
        if last_run != Some(c.run) {
            if let Some(a) = &run.anchor {
                if !line.anchors.contains(a) {
                    line.anchors.push(a.clone());
                }
            }
            last_run = Some(c.run);
        }
        match spans.last_mut() {
            Some((_, end, s)) if same_decoration(s, &run.style) => *end = x + w,
            _ => spans.push((x, x + w, run.style.clone())),
        }
        let tag = inline_tag(p, c, &mut inline, line);
        layers.cluster(p, c, (x, w, right), tag);
    }
    if let Some((last, k)) = range.clone().last().zip(range.len().checked_sub(1)) {
        layers.hyphen(p, last, x0 + xs[k] + p.slots[last].width);
    }
    layers.end_run();
    for span in spans {
        layers.decorate(span, line);
    }
    if !p.rubies.is_empty() {
        let rubies = super::ruby::items(p, range, xs, x0, right, layers.baseline);
        layers
            .runs
            .extend(rubies.into_iter().map(|i| (i, Tag::Unset)));
    }
    layers.finish(line);
}

/// What [`emit`] draws of a line, in three layers: backgrounds under the
/// text (code, highlights), the text (glyph runs, formulas, images) and
/// decorations over it (rules, emphasis dots).
struct Layers {
    baseline: f32,
    under: Vec<Item>,
    runs: Vec<(Item, Tag)>,
    over: Vec<Item>,
    /// The glyph run being filled: glyphs of one face, size and tag.
    current: Option<(GlyphKey, GlyphRun)>,
}

impl Layers {
    fn new(baseline: f32) -> Layers {
        Layers {
            baseline,
            under: Vec::new(),
            runs: Vec::new(),
            over: Vec::new(),
            current: None,
        }
    }

    /// Cluster `c` at `x`, `w` wide, on a line ending at `right`.
    fn cluster(&mut self, p: &Prepared, c: &Cluster, (x, w, right): (f32, f32, f32), tag: Tag) {
        let baseline = self.baseline;
        let style = &p.runs[c.run].style;
        if let Some(b) = p.math_of(c) {
            // A formula wider than the whole line (it then stands alone
            // on it) is drawn smaller to fit, as an image is.
            let mut items = Vec::new();
            if x + b.width > right && b.width > 0.0 {
                let fit = ((right - x) / b.width).max(0.0);
                b.scaled(fit).items(x, baseline, style.color, &mut items);
            } else {
                b.items(x, baseline, style.color, &mut items);
            }
            self.runs.extend(items.into_iter().map(|i| (i, tag)));
            return;
        }
        if let Some((asset, mut width, mut height)) = p.image_of(c) {
            if x + width > right && width > 0.0 {
                let fit = ((right - x) / width).max(0.0);
                width *= fit;
                height *= fit;
            }
            let y = baseline - height;
            let image = Item::Image {
                asset,
                x,
                y,
                width,
                height,
            };
            self.runs.push((image, tag));
            return;
        }
        let size = style.glyph_size();
        let text = p.text_of(c);
        if style.dots && text.chars().next().is_some_and(is_ideographic) {
            let d = 0.14 * size;
            let y = match style.dots_over {
                true => baseline - 1.0 * size - d,
                false => baseline + 0.2 * size,
            };
            let (width, height, color) = (d, d, style.color);
            let x = x + w / 2.0 - d / 2.0;
            self.over.push(Item::Rect {
                x,
                y,
                width,
                height,
                color,
            });
        }
        for (n, g) in p.glyphs_of(c).iter().enumerate() {
            let key = GlyphKey {
                face: g.face,
                size,
                bold: g.embolden,
                color: style.color,
                tag,
            };
            let glyph = PositionedGlyph {
                gid: g.gid,
                x: x + g.dx,
                y_offset: style.rise() + g.dy,
                text: match n {
                    0 => text.into(),
                    _ => CompactString::default(),
                },
            };
            self.push_glyph(key, glyph);
        }
    }

    /// A line that ends inside a hyphenated word (its last cluster is
    /// `last`) ends with the hyphen, at `x`.
    fn hyphen(&mut self, p: &Prepared, last: usize, x: f32) {
        let Ok(h) = p.hyphens.binary_search_by_key(&last, |(slot, _)| *slot) else {
            return;
        };
        let g = &p.hyphens[h].1;
        let style = &p.runs[p.clusters[last].run].style;
        let key = GlyphKey {
            face: g.face,
            size: style.glyph_size(),
            bold: g.embolden,
            color: style.color,
            tag: self.current.as_ref().map_or(Tag::Unset, |(k, _)| k.tag),
        };
        let glyph = PositionedGlyph {
            gid: g.gid,
            x,
            y_offset: style.rise(),
            // A soft hyphen: text extraction and search may drop it
            // and find the word whole.
            text: CompactString::const_new("\u{AD}"),
        };
        self.push_glyph(key, glyph);
    }

    /// Adds `glyph` to the current run, or starts a new one when its face,
    /// size, colour or tag differ.
    fn push_glyph(&mut self, key: GlyphKey, glyph: PositionedGlyph) {
        match &mut self.current {
            Some((k, run)) if *k == key => run.glyphs.push(glyph),
            _ => {
                self.end_run();
                let run = GlyphRun {
                    orientation: Default::default(),
                    face: key.face,
                    size: key.size,
                    y: self.baseline,
                    glyphs: vec![glyph],
                    synthetic_bold: key.bold,
                    color: key.color,
                };
                self.current = Some((key, run));
            }
        }
    }

    fn end_run(&mut self) {
        if let Some((k, run)) = self.current.take() {
            self.runs.push((Item::Text(run), k.tag));
        }
    }

    /// The decorations of a span of one style from `x1` to `x2`: code
    /// and highlight backgrounds, underline, strike-through, a link's
    /// rule and its area in `line`.
    fn decorate(&mut self, (x1, x2, style): (f32, f32, Style), line: &mut FlowLine) {
        let (size, gs, baseline) = (style.size, style.glyph_size(), self.baseline);
        let rect = |y: f32, height: f32, color: Color| Item::Rect {
            x: x1,
            y,
            width: x2 - x1,
            height,
            color,
        };
        if style.code {
            // A point wider than the text on each side.
            self.under.push(Item::Rect {
                x: x1 - 1.0,
                y: baseline - 0.88 * gs - 1.0,
                width: x2 - x1 + 2.0,
                height: gs + 2.0,
                color: Color::Gray(0.9),
            });
        }
        if style.mark {
            // A pale yellow behind the text; on a gray printer a light
            // gray, like a highlighter's.
            let yellow = Color::Rgb(1.0, 0.95, 0.6);
            self.under
                .push(rect(baseline - 0.88 * gs, 1.1 * gs, yellow));
        }
        let rule = |dy: f32, width: f32, color: Color| Item::Line {
            from: (x1, baseline + dy),
            to: (x2, baseline + dy),
            width,
            color,
        };
        if style.underline {
            self.over.push(rule(0.12 * size, 0.05 * size, style.color));
        }
        if style.strike {
            self.over.push(rule(-0.3 * size, 0.05 * size, style.color));
        }
        let Some(target) = &style.link else {
            return;
        };
        if matches!(target, LinkRef::Uri(_)) && !style.superscript {
            // External links are underlined in a light rule, so they are
            // recognisable on paper too.
            self.over
                .push(rule(0.1 * size, 0.04 * size, Color::Gray(0.5)));
        }
        line.links.push(PendingLink {
            x: x1,
            y: baseline - 0.88 * size,
            width: x2 - x1,
            height: size,
            target: target.clone(),
            node: None,
        });
    }

    /// Appends the layers to `line`. Decorations (code backgrounds,
    /// underlines, emphasis dots) are not read: artifacts.
    fn finish(self, line: &mut FlowLine) {
        line.tags.resize(line.items.len(), Tag::Unset);
        line.tags.extend(self.under.iter().map(|_| Tag::Artifact));
        line.items.extend(self.under);
        for (item, tag) in self.runs {
            line.items.push(item);
            line.tags.push(tag);
        }
        line.tags.extend(self.over.iter().map(|_| Tag::Artifact));
        line.items.extend(self.over);
    }
}

/// The tag of cluster `c`: [`Tag::Inline`] for a cluster of a formula, a
/// span in another language or a note reference (one entry of
/// `line.inlines` for consecutive clusters of the same element), else
/// [`Tag::Unset`] (the block's).
fn inline_tag(
    p: &Prepared,
    c: &Cluster,
    current: &mut Option<(InlineTag, u16, usize)>,
    line: &mut FlowLine,
) -> Tag {
    let run = &p.runs[c.run];
    let style = &run.style;
    let kind = if let super::inline::RunKind::Math(m, Some(_)) = &run.kind {
        Some(InlineTag::Formula(m.tex.trim().into()))
    } else if matches!(style.link, Some(LinkRef::Anchor(AnchorKey::Note(_)))) {
        Some(InlineTag::Reference)
    } else if style.link.is_some() {
        Some(InlineTag::Link)
    } else {
        style.lang.clone().map(InlineTag::Lang)
    };
    let Some(kind) = kind else {
        *current = None;
        return Tag::Unset;
    };
    // Two formulas side by side are two elements; a span runs on.
    let same = current.as_ref().is_some_and(|(k, _, r)| {
        *k == kind && (*r == c.run || !matches!(kind, InlineTag::Formula(_)))
    });
    match current {
        Some((_, i, _)) if same => Tag::Inline(*i),
        _ => {
            let i = line.inlines.len().min(usize::from(u16::MAX)) as u16;
            line.inlines.push(kind.clone());
            *current = Some((kind, i, c.run));
            Tag::Inline(i)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct GlyphKey {
    face: FaceId,
    size: f32,
    bold: bool,
    color: Color,
    /// Runs end where the element they are part of changes.
    tag: Tag,
}

fn same_decoration(a: &Style, b: &Style) -> bool {
    a.code == b.code
        && a.strike == b.strike
        && a.underline == b.underline
        && a.mark == b.mark
        && a.link == b.link
        && a.size == b.size
        && a.superscript == b.superscript
        && a.subscript == b.subscript
}
