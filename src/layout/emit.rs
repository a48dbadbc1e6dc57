//! Broken lines of a prepared paragraph into positioned flow lines.

use compact_str::CompactString;

use crate::fonts::FaceId;

use super::flow::{FlowLine, PendingLink};
use super::line::{fill, fits, place, Align, Brk, LineRange};
use super::linefit::{self, Widths};
use super::page::{Color, GlyphRun, Item, PositionedGlyph};
use super::para::Prepared;
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
    let baseline = line.baseline;
    let mut under: Vec<Item> = Vec::new();
    let mut over: Vec<Item> = Vec::new();
    let mut runs: Vec<(Item, Tag)> = Vec::new();
    let mut current: Option<(GlyphKey, GlyphRun)> = None;
    // The inline element (another language, a formula, a note reference)
    // the cluster being drawn is part of, as an index into `line.inlines`.
    let mut inline: Option<(InlineTag, u16, usize)> = None;
    let mut last_run: Option<usize> = None;
    // Decorated spans: (start x, end x, style) per attribute.
    let mut spans: Vec<(f32, f32, Style)> = Vec::new();
    for (k, i) in range.clone().enumerate() {
        let c = &p.clusters[i];
        let run = &p.runs[c.run];
        let style = &run.style;
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
            Some((_, end, s)) if same_decoration(s, style) => *end = x + w,
            _ => spans.push((x, x + w, style.clone())),
        }
        let tag = inline_tag(p, c, &mut inline, line);
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
            runs.extend(items.into_iter().map(|i| (i, tag)));
            continue;
        }
        if let Some((asset, mut width, mut height)) = p.image_of(c) {
            if x + width > right && width > 0.0 {
                let fit = ((right - x) / width).max(0.0);
                width *= fit;
                height *= fit;
            }
            let image = Item::Image {
                asset,
                x,
                y: baseline - height,
                width,
                height,
            };
            runs.push((image, tag));
            continue;
        }
        let size = style.glyph_size();
        let ctext = p.text_of(c);
        if style.dots && ctext.chars().next().is_some_and(is_ideographic) {
            let d = 0.14 * size;
            over.push(Item::Rect {
                x: x + w / 2.0 - d / 2.0,
                y: if style.dots_over {
                    baseline - 1.0 * size - d
                } else {
                    baseline + 0.2 * size
                },
                width: d,
                height: d,
                color: style.color,
            });
        }
        for (g_index, g) in p.glyphs_of(c).iter().enumerate() {
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
                text: if g_index == 0 {
                    ctext.into()
                } else {
                    CompactString::default()
                },
            };
            push_glyph(&mut current, &mut runs, key, glyph, baseline);
        }
    }
    // A line that ends inside a hyphenated word ends with the hyphen.
    if let Some((last, k)) = range.clone().last().zip(range.len().checked_sub(1)) {
        if let Ok(h) = p.hyphens.binary_search_by_key(&last, |(slot, _)| *slot) {
            let g = &p.hyphens[h].1;
            let style = &p.runs[p.clusters[last].run].style;
            let key = GlyphKey {
                face: g.face,
                size: style.glyph_size(),
                bold: g.embolden,
                color: style.color,
                tag: current.as_ref().map_or(Tag::Unset, |(k, _)| k.tag),
            };
            let glyph = PositionedGlyph {
                gid: g.gid,
                x: x0 + xs[k] + p.slots[last].width,
                y_offset: style.rise(),
                // A soft hyphen: text extraction and search may drop it
                // and find the word whole.
                text: CompactString::const_new("\u{AD}"),
            };
            push_glyph(&mut current, &mut runs, key, glyph, baseline);
        }
    }
    if let Some((key, run)) = current.take() {
        runs.push((Item::Text(run), key.tag));
    }
    for (x1, x2, style) in spans {
        let size = style.size;
        if style.code {
            let gs = style.glyph_size();
            under.push(Item::Rect {
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
            let gs = style.glyph_size();
            under.push(Item::Rect {
                x: x1,
                y: baseline - 0.88 * gs,
                width: x2 - x1,
                height: 1.1 * gs,
                color: Color::Rgb(1.0, 0.95, 0.6),
            });
        }
        if style.underline {
            over.push(Item::Line {
                from: (x1, baseline + 0.12 * size),
                to: (x2, baseline + 0.12 * size),
                width: 0.05 * size,
                color: style.color,
            });
        }
        if style.strike {
            over.push(Item::Line {
                from: (x1, baseline - 0.3 * size),
                to: (x2, baseline - 0.3 * size),
                width: 0.05 * size,
                color: style.color,
            });
        }
        if let Some(target) = &style.link {
            if matches!(target, LinkRef::Uri(_)) && !style.superscript {
                // External links are underlined in a light rule, so they are
                // recognisable on paper too.
                over.push(Item::Line {
                    from: (x1, baseline + 0.1 * size),
                    to: (x2, baseline + 0.1 * size),
                    width: 0.04 * size,
                    color: Color::Gray(0.5),
                });
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
    }
    if !p.rubies.is_empty() {
        let rubies = super::ruby::items(p, range, xs, x0, right, baseline);
        runs.extend(rubies.into_iter().map(|i| (i, Tag::Unset)));
    }
    // Decorations (code backgrounds, underlines, emphasis dots) are not
    // read: artifacts.
    line.tags.resize(line.items.len(), Tag::Unset);
    line.tags.extend(under.iter().map(|_| Tag::Artifact));
    line.items.extend(under);
    for (item, tag) in runs {
        line.items.push(item);
        line.tags.push(tag);
    }
    line.tags.extend(over.iter().map(|_| Tag::Artifact));
    line.items.extend(over);
}

/// The tag of cluster `c`: [`Tag::Inline`] for a cluster of a formula, a
/// span in another language or a note reference (one entry of
/// `line.inlines` for consecutive clusters of the same element), else
/// [`Tag::Unset`] (the block's).
fn inline_tag(
    p: &Prepared,
    c: &super::para::Cluster,
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

/// Adds `glyph` to the current run when it has `key`, else starts a new
/// run (glyphs of one face, size, weight and gray on one baseline).
fn push_glyph(
    current: &mut Option<(GlyphKey, GlyphRun)>,
    runs: &mut Vec<(Item, Tag)>,
    key: GlyphKey,
    glyph: PositionedGlyph,
    baseline: f32,
) {
    match current {
        Some((k, run)) if *k == key => run.glyphs.push(glyph),
        _ => {
            if let Some((k, run)) = current.take() {
                runs.push((Item::Text(run), k.tag));
            }
            *current = Some((
                key,
                GlyphRun {
                    orientation: Default::default(),
                    face: key.face,
                    size: key.size,
                    y: baseline,
                    glyphs: vec![glyph],
                    synthetic_bold: key.bold,
                    color: key.color,
                },
            ));
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
