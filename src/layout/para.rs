//! Styled runs into shaped clusters and line-filling slots.
//!
//! A cluster is the smallest unit a line may break before: one shaped glyph
//! cluster (a character, a ligature), a space, an inline image. Each cluster
//! carries the exact source text it stands for, so copying from the PDF
//! gives the manuscript text back; the spacing folio adds (the quarter em
//! between Han and Latin, justification) is geometry only.

use std::ops::Range;

use crate::fonts::FaceId;

use super::env::Env;
use super::inline::{Run, RunKind};
use super::line::{Brk, Slot};
use super::linebreak;
use crate::text::punct::{is_closing_half_blank, is_opening_half_blank, is_punctuation_mark};
use crate::text::script::{is_cjk_wide, is_ideographic, is_latin_alnum};

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
}

/// How to cut a paragraph into slots.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrepOptions {
    /// Code blocks: spaces are kept as visible boxes and a line may break
    /// before any character.
    pub code: bool,
}

/// Shapes `runs` and cuts them into clusters and slots.
pub fn prepare(env: &Env<'_>, mut runs: Vec<Run>, opts: PrepOptions) -> Prepared {
    if opts.code {
        for run in &mut runs {
            if let RunKind::Text(t) = &mut run.kind {
                if t.contains('\t') {
                    *t = t.replace('\t', "    ");
                }
            }
        }
    }
    let mut text = String::new();
    let mut run_starts = Vec::with_capacity(runs.len());
    for run in &runs {
        run_starts.push(text.len());
        match &run.kind {
            RunKind::Text(t) => text.push_str(t),
            RunKind::Image { .. } => text.push('\u{FFFC}'),
            RunKind::Break | RunKind::Soft => text.push('\n'),
        }
    }
    let opportunities = if opts.code {
        Vec::new()
    } else {
        linebreak::opportunities(&text)
    };
    let mut opp = opportunities.iter().peekable();
    let quarter = if env.config.cjk_latin_spacing {
        0.25
    } else {
        0.0
    };

    let mut glyphs = Vec::new();
    let mut clusters = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut rubies = Vec::new();
    let mut prev_char: Option<char> = None;
    // Whether the previous cluster is full width (a CJK mark with a blank
    // half, not a narrow Latin-font glyph).
    let mut prev_full = false;
    let mut forced = false;
    for (r, run) in runs.iter().enumerate() {
        let start = run_starts[r];
        let first_cluster = clusters.len();
        let mut widths: Vec<f32> = Vec::new();
        match &run.kind {
            RunKind::Text(t) => {
                let size = run.style.glyph_size();
                shape_clusters(
                    env,
                    t,
                    run,
                    r,
                    size,
                    start,
                    &mut glyphs,
                    &mut clusters,
                    &mut widths,
                );
                let base = (&mut glyphs[..], &clusters[first_cluster..], &mut widths[..]);
                rubies.extend(super::ruby::prepare(env, &runs, r, &text, start, base));
            }
            RunKind::Image { width, .. } => {
                clusters.push(Cluster {
                    run: r,
                    glyphs: glyphs.len()..glyphs.len(),
                    text: start..start,
                });
                widths.push(*width);
            }
            RunKind::Break | RunKind::Soft => {
                clusters.push(Cluster {
                    run: r,
                    glyphs: glyphs.len()..glyphs.len(),
                    text: start..start,
                });
                slots.push(Slot::boxed(0.0, if forced { Brk::Forced } else { Brk::No }));
                forced = true;
                prev_char = None;
                continue;
            }
        }
        for (k, width) in widths.into_iter().enumerate() {
            let range = clusters[first_cluster + k].text.clone();
            let offset = range.start;
            let ctext = text.get(range).unwrap_or("");
            while opp.peek().is_some_and(|&&o| o < offset) {
                opp.next();
            }
            let at_opportunity = opp.peek().is_some_and(|&&o| o == offset);
            let first = ctext.chars().next().unwrap_or('\u{FFFC}');
            let glue =
                !opts.code && !ctext.is_empty() && ctext.chars().all(|c| c == ' ' || c == '\t');
            let brk = if forced {
                Brk::Forced
            } else if slots.is_empty()
                || (k == 0 && run.glue_before)
                || (k > 0 && run.ruby.is_some())
            {
                Brk::No
            } else if opts.code || at_opportunity {
                Brk::Allowed
            } else {
                Brk::No
            };
            forced = false;
            let mut gap = 0.0;
            let mut stretch = false;
            let em = run.style.glyph_size();
            let full = width >= 0.9 * em && ctext.chars().count() == 1;
            if let Some(a) = prev_char {
                if (is_ideographic(a) && is_latin_alnum(first))
                    || (is_latin_alnum(a) && is_ideographic(first))
                {
                    gap = quarter * run.style.size;
                }
                if !opts.code {
                    gap -= compression(a, prev_full, first, full) * em;
                }
                stretch = is_cjk_wide(a) || is_cjk_wide(first) || gap > 0.0;
            }
            prev_char = ctext.chars().last().or(Some('\u{FFFC}'));
            prev_full = full;
            slots.push(Slot {
                width,
                glue,
                brk,
                gap,
                stretch,
            });
        }
    }
    Prepared {
        runs,
        text,
        glyphs,
        clusters,
        slots,
        rubies,
    }
}

/// Punctuation compression (标点挤压), in em: two adjacent marks share
/// one blank half, so `”。`, `。“`, `），` and `“「` take 1.5 em, not 2.
/// Applied as a negative gap before the second mark, which vanishes when
/// the second mark starts a line (a mark at a line end keeps its width).
fn compression(a: char, a_full: bool, b: char, b_full: bool) -> f32 {
    let closing_then_mark = a_full && is_closing_half_blank(a) && is_punctuation_mark(b);
    let opening_pair = b_full && is_opening_half_blank(b) && is_opening_half_blank(a);
    if closing_then_mark || opening_pair {
        0.5
    } else {
        0.0
    }
}

/// Shapes one text run (starting at byte `base` of the paragraph text)
/// into clusters, appending glyphs, clusters and their widths in points.
/// Each cluster's text runs to the next cluster's start, so no source
/// character is lost even if the shaper skips one.
#[allow(clippy::too_many_arguments)]
pub(super) fn shape_clusters(
    env: &Env<'_>,
    text: &str,
    run: &Run,
    r: usize,
    size: f32,
    base: usize,
    glyphs: &mut Vec<Glyph>,
    clusters: &mut Vec<Cluster>,
    widths: &mut Vec<f32>,
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
