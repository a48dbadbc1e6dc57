//! Code blocks: monospace, smaller, on a light gray background, each token
//! coloured by the `code-theme` when the block is highlighted.
//!
//! A source line too long for the column wraps where a reader expects it:
//! after a space or between two tokens, never inside a word while such a
//! place exists on the line (only a word longer than the line is cut). The
//! continuation lines hang under the line's own indentation, two columns
//! further in, with a `↪` in front that is drawn but not copied (its glyph
//! stands for no text, so the code copies back whole).

use crate::fonts::{FaceId, FontKey, Role};
use crate::highlight::Span;

use super::block::{BlockLayout, Ctx};
use super::code_style::{look, PLAIN};
use super::emit::{set, ParaSpec};
use super::flow::FlowLine;
use super::inline::Run;
use super::line::{Align, Brk};
use super::page::{Color, GlyphRun, Item, PositionedGlyph};
use super::para::{prepare, PrepOptions, Prepared};
use super::style::Style;
use super::tag::Tag;

/// What a code block's lines share.
struct Frame {
    left: f32,
    width: f32,
    size: f32,
    /// The continuation mark: face, glyph and advance in points.
    mark: Option<(FaceId, u16, f32)>,
}

impl BlockLayout<'_, '_> {
    /// A code block of language `lang`, highlighted when the book's
    /// [`crate::book::Book::code`] has its tokens.
    pub(super) fn code_block(&mut self, lang: Option<&str>, text: &str, ctx: &Ctx) {
        let size = self.size() * 0.85;
        let pad = 4.0;
        let bg = |height: f32| Item::Rect {
            x: ctx.left,
            y: 0.0,
            width: ctx.width,
            height,
            color: Color::Gray(0.93),
        };
        self.space(self.pitch() * 0.4);
        let mut top = FlowLine::space(pad);
        top.discardable = false;
        top.keep_with_next = true;
        top.items.push(bg(pad));
        self.push(top, ctx);
        let first = self.lines.len();
        let spans = self.env.book.code.get(lang, text).unwrap_or(&[]);
        let text = text.strip_suffix('\n').unwrap_or(text);
        let frame = Frame {
            left: ctx.left + pad,
            width: ctx.width - 2.0 * pad,
            size,
            mark: mark_glyph(self.env.shaper, size),
        };
        let mut offset = 0;
        let mut next_span = 0;
        for source_line in text.split('\n') {
            let line = source_line.trim_end_matches('\r');
            let runs = self.line_runs(line, offset, spans, &mut next_span, size);
            offset += source_line.len() + 1;
            for mut line in self.code_line(runs, &frame) {
                line.items.insert(0, bg(line.height));
                // Tags, where the line has any yet, stay beside their items.
                if !line.tags.is_empty() {
                    line.tags.insert(0, Tag::Artifact);
                }
                // Source lines are not paragraphs: the block's own first
                // and last two lines are what must stay together.
                line.keep_with_next = false;
                self.push(line, ctx);
            }
        }
        let mut bottom = FlowLine::space(pad);
        bottom.discardable = false;
        bottom.items.push(bg(pad));
        self.push(bottom, ctx);
        let end = self.lines.len();
        let body = first..end - 1;
        if body.len() >= 2 {
            self.lines[body.start].keep_with_next = true;
            self.lines[body.end - 2].keep_with_next = true;
        }
        self.lines[end - 2].keep_with_next = true;
        self.space(self.pitch() * 0.4);
    }

    /// The runs of one source line at byte `base` of the block: one per
    /// token, in the theme's look, and plain text between them.
    fn line_runs(
        &self,
        line: &str,
        base: usize,
        spans: &[Span],
        next: &mut usize,
        size: f32,
    ) -> Vec<Run> {
        let theme = self.env.config.code_theme();
        let plain = Style {
            color: PLAIN,
            ..Style::new(Role::Mono, size)
        };
        let end = base + line.len();
        let mut runs = Vec::new();
        let mut at = base;
        while let Some(span) = spans.get(*next).filter(|s| s.start < end) {
            let (start, stop) = (span.start.max(at), span.end.min(end));
            if let (Some(gap), Some(token)) = (
                line.get(at - base..start - base),
                line.get(start - base..stop - base),
            ) {
                if !gap.is_empty() {
                    runs.push(Run::text(gap, plain.clone()));
                }
                let (color, bold) = look(theme, span.class);
                let style = Style {
                    color,
                    bold,
                    ..plain.clone()
                };
                runs.push(Run::text(token, style));
                at = stop;
            }
            if span.end > end {
                break;
            }
            *next += 1;
        }
        if let Some(rest) = line.get(at - base..).filter(|r| !r.is_empty()) {
            runs.push(Run::text(rest, plain));
        }
        if runs.is_empty() {
            runs.push(Run::text("", Style::new(Role::Mono, size)));
        }
        runs
    }

    /// One source line as set lines: wrapped at a space or token boundary,
    /// continuation lines hanging with the mark in front.
    fn code_line(&self, runs: Vec<Run>, frame: &Frame) -> Vec<FlowLine> {
        let opts = PrepOptions {
            code: true,
            hyphenate: false,
        };
        let mut p = prepare(self.env, runs, opts);
        let hang = if p.natural_width() > frame.width {
            let hang = hang(&p, frame);
            wrap_at_boundaries(&mut p, frame.width - hang);
            hang
        } else {
            0.0
        };
        let spec = ParaSpec {
            left: frame.left + hang,
            width: frame.width - hang,
            indent: -hang,
            align: Align::Left,
            size: frame.size,
            line_height: 1.45,
        };
        let mut lines = set(&p, &spec);
        if lines.is_empty() {
            lines.push(FlowLine {
                height: frame.size * 1.45,
                text: true,
                ..FlowLine::default()
            });
        }
        for line in lines.iter_mut().skip(1) {
            if let Some((face, gid, advance)) = frame.mark {
                let x = (frame.left + hang - advance - 0.2 * frame.size).max(frame.left);
                line.items.push(Item::Text(GlyphRun {
                    orientation: Default::default(),
                    face,
                    size: frame.size,
                    y: line.baseline,
                    glyphs: vec![PositionedGlyph {
                        gid,
                        x,
                        y_offset: 0.0,
                        text: Default::default(),
                    }],
                    synthetic_bold: false,
                    color: Color::Gray(0.45),
                }));
                // The mark is no part of the code: an artifact, as it is
                // no part of the text copied.
                line.tags.resize(line.items.len() - 1, Tag::Unset);
                line.tags.push(Tag::Artifact);
            }
        }
        lines
    }
}

/// A line may break only where a reader expects code to: before the first
/// character after a space, and after `,` or `;`; with `tokens`, also
/// between two tokens (`call(` | `argument`). The line filler still cuts a
/// piece longer than the line where it must.
fn allow_breaks(p: &mut Prepared, original: &[Brk], tokens: bool) {
    let blank = |s: &str| !s.is_empty() && s.chars().all(char::is_whitespace);
    for (i, &brk) in original.iter().enumerate().skip(1) {
        if brk != Brk::Allowed {
            continue;
        }
        let (prev, this) = (&p.clusters[i - 1], &p.clusters[i]);
        let (a, b) = (p.text_of(prev), p.text_of(this));
        let boundary =
            !blank(b) && (blank(a) || a.ends_with([',', ';']) || (tokens && prev.run != this.run));
        p.slots[i].brk = if boundary { Brk::Allowed } else { Brk::No };
    }
}

/// Breaks at spaces where every piece between them fits in `width`, else
/// at token boundaries too.
fn wrap_at_boundaries(p: &mut Prepared, width: f32) {
    if p.slots.len() != p.clusters.len() {
        return;
    }
    let original: Vec<Brk> = p.slots.iter().map(|s| s.brk).collect();
    allow_breaks(p, &original, false);
    if p.min_width() > width {
        allow_breaks(p, &original, true);
    }
}

/// How far continuation lines hang: the line's own indentation and two
/// columns more, at most half the line.
fn hang(p: &Prepared, frame: &Frame) -> f32 {
    let indent: f32 = p
        .clusters
        .iter()
        .zip(&p.slots)
        .take_while(|(c, _)| p.text_of(c).chars().all(char::is_whitespace))
        .map(|(_, s)| s.width + s.gap)
        .sum();
    let column = frame.size * 0.6;
    (indent + 2.0 * column).min(frame.width / 2.0)
}

/// The continuation mark's glyph: `↪` in the mono role's fonts, else `»`
/// (which the built-in mono face has), else none.
fn mark_glyph(shaper: &dyn super::shape::Shaper, size: f32) -> Option<(FaceId, u16, f32)> {
    let key = FontKey {
        role: Role::Mono,
        bold: false,
        locale: None,
    };
    ["\u{21AA}", "\u{BB}"].iter().find_map(|m| {
        let g = shaper.shape(m, key).into_iter().next()?;
        (g.gid != 0).then_some((g.face, g.gid, g.advance * size))
    })
}
