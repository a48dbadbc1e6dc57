//! Styled runs into shaped clusters and line-filling slots.
//!
//! A cluster is the smallest unit a line may break before: one shaped glyph
//! cluster (a character, a ligature), a space, an inline image. Each cluster
//! carries the exact source text it stands for, so copying from the PDF
//! gives the manuscript text back; the spacing folio adds (the quarter em
//! between Han and Latin, justification) is geometry only.

mod marks;

use std::ops::Range;

use crate::fonts::FaceId;

use super::env::Env;
use super::inline::{Run, RunKind};
use super::line::{Brk, Slot};
use super::linebreak;
use super::spacing::{Gap, Mark, Spacing};

/// One glyph of a cluster, offsets in points from the cluster's origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    pub dx: f32,
    pub dy: f32,
    /// Bold text in a face that has no bold weight: drawn filled and
    /// stroked.
    pub embolden: bool,
}

/// One cluster. Its glyphs and text are ranges into the paragraph's flat
/// [`Prepared::glyphs`] and [`Prepared::text`]: a paragraph of millions of
/// characters then costs a few dozen bytes per character, not a heap
/// allocation or two each.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Index of the run the cluster belongs to (an inline image when the
    /// run is one).
    pub run: usize,
    pub glyphs: Range<usize>,
    /// The source text of the cluster (for ToUnicode), in `text`.
    pub text: Range<usize>,
}

/// A paragraph ready to be broken into lines.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub runs: Vec<Run>,
    /// The paragraph's text (`\n` for hard breaks, U+FFFC for images).
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub clusters: Vec<Cluster>,
    pub slots: Vec<Slot>,
    /// The ruby readings over runs of the paragraph.
    pub rubies: Vec<super::ruby::RubyMark>,
    /// The hyphen drawn after a slot when a line ends there (by slot, in
    /// order).
    pub hyphens: Vec<(usize, Glyph)>,
}

/// How to cut a paragraph into slots.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrepOptions {
    /// Code blocks: spaces are kept as visible boxes and a line may break
    /// before any character.
    pub code: bool,
    /// Body text: an English word may end a line with a hyphen (see
    /// [`crate::text::hyphen`]). Headings, captions and code never do.
    pub hyphenate: bool,
}

/// Shapes `runs` and cuts them into clusters and slots.
pub fn prepare(env: &Env<'_>, mut runs: Vec<Run>, opts: PrepOptions) -> Prepared {
    if opts.code {
        expand_tabs(&mut runs);
    }
    super::math::prepare_runs(env, &mut runs);
    let (text, run_starts) = joined_text(&runs);
    let hyphens = if opts.hyphenate && !opts.code {
        crate::text::hyphen::points(&text)
    } else {
        Vec::new()
    };
    let opportunities = if opts.code {
        Vec::new()
    } else {
        merge_sorted(linebreak::opportunities(&text), &hyphens)
    };
    let mut b = Builder {
        spacing: Spacing::new(env),
        code: opts.code,
        opp: &opportunities,
        next_opp: 0,
        hyphens: &hyphens,
        next_hyphen: 0,
        hyphen_slots: Vec::new(),
        run: 0,
        slots: Vec::new(),
        prev: None,
        forced: false,
        pull: 0.0,
    };
    let mut out = Prepared {
        text,
        ..Prepared::default()
    };
    for (r, run) in runs.iter().enumerate() {
        let start = run_starts[r];
        b.run = r;
        let first = out.clusters.len();
        let Some((widths, kerns)) = out.run_clusters(env, (&runs, r), start, (&b.spacing, b.code))
        else {
            b.hard_break();
            continue;
        };
        let next = run
            .style
            .superscript
            .then(|| char_after_superscripts(&runs, r));
        for (k, width) in widths.into_iter().enumerate() {
            let range = out.clusters[first + k].text.clone();
            let ctext = out.text.get(range.clone()).unwrap_or("");
            let marker = next.filter(|_| k == 0);
            b.push(run, k, range.start, ctext, width, marker);
            if let (Some(&kern), Some(slot)) = (kerns.get(k), b.slots.last_mut()) {
                slot.gap += kern;
            }
        }
    }
    out.hyphens = hyphen_glyphs(env, &runs, &b.hyphen_slots, &mut b.slots);
    out.slots = b.slots;
    out.runs = runs;
    out
}

/// Code keeps its tabs as four spaces (a tab has no width of its own).
fn expand_tabs(runs: &mut [Run]) {
    for run in runs {
        if let RunKind::Text(t) = &mut run.kind {
            if t.contains('\t') {
                *t = t.replace('\t', "    ");
            }
        }
    }
}

/// The paragraph's text, and where each run starts in it.
fn joined_text(runs: &[Run]) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut run_starts = Vec::with_capacity(runs.len());
    for run in runs {
        run_starts.push(text.len());
        match &run.kind {
            RunKind::Text(t) => text.push_str(t),
            RunKind::Image { .. } => text.push('\u{FFFC}'),
            // A formula spaces and breaks like a Latin word.
            RunKind::Math(..) => text.push('x'),
            RunKind::Break | RunKind::Soft => text.push('\n'),
        }
    }
    (text, run_starts)
}

impl Prepared {
    /// The clusters of run `r` (at byte `start` of the text), appended,
    /// with their widths and the kerning before each; `None` for a break.
    /// Code (`code`) keeps its marks' full widths.
    fn run_clusters(
        &mut self,
        env: &Env<'_>,
        (runs, r): (&[Run], usize),
        start: usize,
        (spacing, code): (&Spacing, bool),
    ) -> Option<(Vec<f32>, Vec<f32>)> {
        let run = &runs[r];
        let first = self.clusters.len();
        let mut widths: Vec<f32> = Vec::new();
        let mut kerns: Vec<f32> = Vec::new();
        let empty = Cluster {
            run: r,
            glyphs: self.glyphs.len()..self.glyphs.len(),
            text: start..start,
        };
        match &run.kind {
            RunKind::Text(t) => {
                let size = run.style.glyph_size();
                let out = (&mut self.glyphs, &mut self.clusters, &mut widths);
                shape_clusters(env, t, run, r, size, start, out);
                let new = &self.clusters[first..];
                kerns = marks::unkern(env, &self.glyphs, new, &mut widths, size);
                let base = (&mut self.glyphs[..], new, &mut widths[..]);
                let text = &self.text;
                self.rubies
                    .extend(super::ruby::prepare(env, runs, r, text, start, base));
                marks::fit_doubled_marks(text, new, &mut widths, &mut self.glyphs, size);
                if !code {
                    marks::cut_kaiming(spacing, text, new, &mut widths, size);
                }
            }
            RunKind::Image { width, .. } => {
                self.clusters.push(empty);
                widths.push(*width);
            }
            RunKind::Math(_, laid) => {
                // Its text is the placeholder `x`: the formula spaces as
                // a Latin word beside Han.
                self.clusters.push(Cluster {
                    text: start..start + 1,
                    ..empty
                });
                widths.push(laid.as_ref().map_or(0.0, |b| b.width));
            }
            RunKind::Break | RunKind::Soft => {
                self.clusters.push(empty);
                return None;
            }
        }
        Some((widths, kerns))
    }
}

/// `a` and `b` (both ascending) as one ascending list without repeats.
fn merge_sorted(mut a: Vec<usize>, b: &[usize]) -> Vec<usize> {
    if b.is_empty() {
        return a;
    }
    a.extend_from_slice(b);
    a.sort_unstable();
    a.dedup();
    a
}

/// The hyphen each of `at` (slot, run) draws when a line ends there, and
/// its width as the slot's negative `trim` (the line is that much longer
/// when it ends at the slot). U+2010, the hyphen proper, taken as Latin
/// text (CJK faces draw U+2010 an em wide, and share their narrow hyphen's
/// glyph with `-`); it stands for U+00AD, the soft hyphen, and no other
/// glyph of the book uses it, so copying or searching the PDF can find the
/// word whole.
fn hyphen_glyphs(
    env: &Env<'_>,
    runs: &[Run],
    at: &[(usize, usize)],
    slots: &mut [Slot],
) -> Vec<(usize, Glyph)> {
    let mut out = Vec::with_capacity(at.len());
    let mut shaped: Option<(usize, Glyph, f32)> = None;
    for &(slot, r) in at {
        if shaped.as_ref().is_none_or(|s| s.0 != r) {
            let style = &runs[r].style;
            let size = style.glyph_size();
            let latin = style.font_key().locale(crate::text::Locale::Other);
            let narrow = |g: &crate::fonts::ShapedGlyph| g.gid != 0 && g.advance < 0.6;
            let glyph = env
                .shape("\u{2010}", latin)
                .into_iter()
                .next()
                .filter(narrow)
                .or_else(|| env.shape("-", style.font_key()).into_iter().next());
            shaped = glyph.filter(|g| g.gid != 0).map(|g| {
                let glyph = Glyph {
                    face: g.face,
                    gid: g.gid,
                    dx: 0.0,
                    dy: 0.0,
                    embolden: style.bold && !env.is_bold_face(g.face),
                };
                (r, glyph, g.advance * size)
            });
        }
        if let (Some((_, glyph, width)), Some(s)) = (&shaped, slots.get_mut(slot)) {
            s.trim = -width;
            out.push((slot, glyph.clone()));
        }
    }
    out
}

/// The slots of a paragraph as they are cut, with what the spacing of the
/// next one depends on.
struct Builder<'o> {
    spacing: Spacing,
    code: bool,
    opp: &'o [usize],
    next_opp: usize,
    /// The opportunities that are inside a word, which a hyphen ends.
    hyphens: &'o [usize],
    next_hyphen: usize,
    /// (slot, run) of each slot a hyphenated line may end with.
    hyphen_slots: Vec<(usize, usize)>,
    /// The run being cut.
    run: usize,
    slots: Vec<Slot>,
    /// The cluster before (its last character).
    prev: Option<Mark>,
    /// The next slot starts a line (after a hard break).
    forced: bool,
    /// How far the first cluster after a note marker moves back (see
    /// [`Spacing::before_marker`]), in points.
    pull: f32,
}

impl Builder<'_> {
    fn hard_break(&mut self) {
        let brk = if self.forced { Brk::Forced } else { Brk::No };
        self.slots.push(Slot::boxed(0.0, brk));
        self.forced = true;
        self.prev = None;
        self.pull = 0.0;
    }

    /// Appends the slot of cluster `k` of `run`, its text `ctext` at byte
    /// `offset`. `marker`: the first cluster of a note marker, with the
    /// character after the marker.
    fn push(
        &mut self,
        run: &Run,
        k: usize,
        offset: usize,
        ctext: &str,
        width: f32,
        marker: Option<Option<char>>,
    ) {
        while self.opp.get(self.next_opp).is_some_and(|&o| o < offset) {
            self.next_opp += 1;
        }
        let at_opportunity = self.opp.get(self.next_opp) == Some(&offset);
        let first = ctext.chars().next().unwrap_or('\u{FFFC}');
        let glue = !self.code && !ctext.is_empty() && ctext.chars().all(|c| c == ' ' || c == '\t');
        let brk = if self.forced {
            Brk::Forced
        } else if self.slots.is_empty()
            || (k == 0 && run.glue_before)
            || (k > 0 && run.ruby.is_some())
        {
            Brk::No
        } else if self.code || at_opportunity {
            Brk::Allowed
        } else {
            Brk::No
        };
        while self
            .hyphens
            .get(self.next_hyphen)
            .is_some_and(|&o| o < offset)
        {
            self.next_hyphen += 1;
        }
        if brk == Brk::Allowed && self.hyphens.get(self.next_hyphen) == Some(&offset) {
            self.hyphen_slots.push((self.slots.len() - 1, self.run));
        }
        self.forced = false;
        let em = run.style.glyph_size();
        let full = width >= 0.9 * em && ctext.chars().count() == 1;
        let this = Mark { c: first, full, em };
        let gap = match (self.prev, marker) {
            (Some(a), Some(next)) => self.spacing.before_marker(a, next),
            _ => None,
        };
        let pull = std::mem::take(&mut self.pull);
        let mut gap = match (self.prev, gap) {
            (Some(_), Some((gap, pull))) => {
                self.pull = pull;
                gap
            }
            (Some(a), None) => self.spacing.between(a, this, run.style.size, self.code),
            (None, _) => Gap::default(),
        };
        if run.style.superscript {
            // Further clusters of the marker: the pull waits for the mark.
            self.pull += pull;
        } else {
            gap.gap -= pull;
        }
        let last = ctext.chars().last().unwrap_or('\u{FFFC}');
        let end = Mark { c: last, ..this };
        let trim = if self.code {
            0.0
        } else {
            self.spacing.line_end_trim(end)
        };
        self.prev = Some(end);
        self.slots.push(Slot {
            width,
            glue,
            brk,
            gap: gap.gap,
            stretch: gap.stretch,
            shrink: gap.shrink,
            boost: gap.boost,
            trim,
        });
    }
}

/// The first character after the note markers (superscript runs) from run
/// `r` on.
fn char_after_superscripts(runs: &[Run], r: usize) -> Option<char> {
    runs[r..]
        .iter()
        .find(|run| !run.style.superscript)
        .and_then(|run| match &run.kind {
            RunKind::Text(t) => t.chars().next(),
            _ => None,
        })
}

/// Shapes one text run (starting at byte `base` of the paragraph text)
/// into clusters, appending glyphs, clusters and their widths in points.
/// Each cluster's text runs to the next cluster's start, so no source
/// character is lost even if the shaper skips one.
pub(super) fn shape_clusters(
    env: &Env<'_>,
    text: &str,
    run: &Run,
    r: usize,
    size: f32,
    base: usize,
    (glyphs, clusters, widths): (&mut Vec<Glyph>, &mut Vec<Cluster>, &mut Vec<f32>),
) {
    let first = clusters.len();
    let mut last_start: Option<usize> = None;
    let bold = run.style.bold;
    for g in env.shape(text, run.style.font_key()) {
        let starts_new = !g.cluster.is_empty() && last_start.is_none_or(|s| g.cluster.start > s);
        if starts_new || last_start.is_none() {
            let start = if last_start.is_none() {
                0
            } else {
                g.cluster.start
            };
            last_start = Some(start);
            clusters.push(Cluster {
                run: r,
                glyphs: glyphs.len()..glyphs.len(),
                text: base + start..base + start,
            });
            widths.push(0.0);
        }
        let (Some(cluster), Some(width)) = (clusters.last_mut(), widths.last_mut()) else {
            continue;
        };
        glyphs.push(Glyph {
            face: g.face,
            gid: g.gid,
            dx: *width + g.x_offset * size,
            dy: g.y_offset * size,
            embolden: bold && !env.is_bold_face(g.face),
        });
        cluster.glyphs.end = glyphs.len();
        *width += g.advance * size;
    }
    // Each cluster's text ends where the next one starts.
    let end = base + text.len();
    for k in first..clusters.len() {
        let next = clusters.get(k + 1).map_or(end, |c| c.text.start);
        clusters[k].text.end = next.max(clusters[k].text.start);
    }
}

impl Prepared {
    /// The source text of `c`.
    pub fn text_of(&self, c: &Cluster) -> &str {
        self.text.get(c.text.clone()).unwrap_or("")
    }

    /// The glyphs of `c`.
    pub fn glyphs_of(&self, c: &Cluster) -> &[Glyph] {
        self.glyphs.get(c.glyphs.clone()).unwrap_or(&[])
    }

    /// The inline image `c` stands for: asset, width, height in points.
    pub fn image_of(&self, c: &Cluster) -> Option<(usize, f32, f32)> {
        match self.runs.get(c.run)?.kind {
            RunKind::Image {
                asset,
                width,
                height,
            } => Some((asset, width, height)),
            _ => None,
        }
    }

    /// The laid-out formula `c` stands for.
    pub fn math_of(&self, c: &Cluster) -> Option<&super::math::MBox> {
        match &self.runs.get(c.run)?.kind {
            RunKind::Math(_, Some(b)) => Some(b),
            _ => None,
        }
    }

    /// Width of the paragraph set on one line.
    pub fn natural_width(&self) -> f32 {
        let n = self.slots.len();
        let line = super::line::LineRange {
            slots: 0..n,
            last: true,
        };
        super::line::natural_width(&self.slots, &line)
    }

    /// Width of the widest piece between break opportunities: the narrowest
    /// column the paragraph fits without emergency breaks.
    pub fn min_width(&self) -> f32 {
        let mut best = 0.0f32;
        let mut cur = 0.0f32;
        for s in &self.slots {
            if s.brk != Brk::No {
                cur = 0.0;
            }
            if !s.glue {
                cur += s.width + s.gap;
            }
            best = best.max(cur);
        }
        best
    }
}
