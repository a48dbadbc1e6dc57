//! Styled runs into shaped clusters and line-filling slots.
//!
//! A cluster is the smallest unit a line may break before: one shaped glyph
//! cluster (a character, a ligature), a space, an inline image. Each cluster
//! carries the exact source text it stands for, so copying from the PDF
//! gives the manuscript text back; the spacing folio adds (the quarter em
//! between Han and Latin, justification) is geometry only.

use crate::fonts::FaceId;

use super::env::Env;
use super::inline::{Run, RunKind};
use super::line::{Brk, Slot};
use super::linebreak;
use super::script::{
    is_cjk_wide, is_closing_half_blank, is_ideographic, is_latin_alnum, is_opening_half_blank,
    is_punctuation_mark,
};

/// One glyph of a cluster, offsets in points from the cluster's origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub gid: u16,
    pub dx: f32,
    pub dy: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Index of the run the cluster belongs to.
    pub run: usize,
    pub glyphs: Vec<Glyph>,
    /// The source text of the cluster (for ToUnicode).
    pub text: String,
    /// An inline image: asset, width, height in points.
    pub image: Option<(usize, f32, f32)>,
}

/// A paragraph ready to be broken into lines.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub runs: Vec<Run>,
    pub clusters: Vec<Cluster>,
    pub slots: Vec<Slot>,
}

/// How to cut a paragraph into slots.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrepOptions {
    /// Code blocks: spaces are kept as visible boxes and a line may break
    /// before any character.
    pub code: bool,
}

/// Shapes `runs` and cuts them into clusters and slots.
pub fn prepare(env: &Env<'_>, runs: Vec<Run>, opts: PrepOptions) -> Prepared {
    let mut global = String::new();
    let mut run_starts = Vec::with_capacity(runs.len());
    for run in &runs {
        run_starts.push(global.len());
        match &run.kind {
            RunKind::Text(t) => global.push_str(t),
            RunKind::Image { .. } => global.push('\u{FFFC}'),
            RunKind::Break | RunKind::Soft => global.push('\n'),
        }
    }
    let opportunities = if opts.code {
        Vec::new()
    } else {
        linebreak::opportunities(&global)
    };
    let mut opp = opportunities.iter().peekable();
    let quarter = if env.config.cjk_latin_spacing {
        0.25
    } else {
        0.0
    };

    let mut clusters = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    let mut prev_char: Option<char> = None;
    // Whether the previous cluster is full width (a CJK mark with a blank
    // half, not a narrow Latin-font glyph).
    let mut prev_full = false;
    let mut forced = false;
    for (r, run) in runs.iter().enumerate() {
        let start = run_starts[r];
        let mut pieces: Vec<(usize, Cluster, f32)> = Vec::new();
        match &run.kind {
            RunKind::Text(text) => {
                let size = run.style.glyph_size();
                let text = if opts.code {
                    text.replace('\t', "    ")
                } else {
                    text.clone()
                };
                for (offset, cluster, width) in shape_clusters(env, &text, run, r, size) {
                    pieces.push((start + offset, cluster, width));
                }
            }
            RunKind::Image {
                asset,
                width,
                height,
            } => pieces.push((
                start,
                Cluster {
                    run: r,
                    glyphs: Vec::new(),
                    text: String::new(),
                    image: Some((*asset, *width, *height)),
                },
                *width,
            )),
            RunKind::Break | RunKind::Soft => {
                clusters.push(Cluster {
                    run: r,
                    glyphs: Vec::new(),
                    text: String::new(),
                    image: None,
                });
                slots.push(Slot::boxed(0.0, if forced { Brk::Forced } else { Brk::No }));
                forced = true;
                prev_char = None;
                continue;
            }
        }
        for (k, (offset, cluster, width)) in pieces.into_iter().enumerate() {
            while opp.peek().is_some_and(|&&o| o < offset) {
                opp.next();
            }
            let at_opportunity = opp.peek().is_some_and(|&&o| o == offset);
            let first = cluster.text.chars().next().unwrap_or('\u{FFFC}');
            let glue = !opts.code
                && !cluster.text.is_empty()
                && cluster.text.chars().all(|c| c == ' ' || c == '\t');
            let brk = if forced {
                Brk::Forced
            } else if slots.is_empty() || (k == 0 && run.glue_before) {
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
            let full = width >= 0.9 * em && cluster.text.chars().count() == 1;
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
            prev_char = cluster.text.chars().last().or(Some('\u{FFFC}'));
            prev_full = full;
            slots.push(Slot {
                width,
                glue,
                brk,
                gap,
                stretch,
            });
            clusters.push(cluster);
        }
    }
    Prepared {
        runs,
        clusters,
        slots,
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

/// Shapes one text run into clusters: (byte offset in the run, cluster,
/// width in points). Each cluster's text runs to the next cluster's start,
/// so no source character is lost even if the shaper skips one.
fn shape_clusters(
    env: &Env<'_>,
    text: &str,
    run: &super::inline::Run,
    r: usize,
    size: f32,
) -> Vec<(usize, Cluster, f32)> {
    let glyphs = env.shape(text, run.style.role);
    let mut out: Vec<(usize, Cluster, f32)> = Vec::new();
    for g in glyphs {
        let starts_new =
            !g.cluster.is_empty() && out.last().is_none_or(|(s, _, _)| g.cluster.start > *s);
        if starts_new || out.is_empty() {
            let start = if out.is_empty() { 0 } else { g.cluster.start };
            out.push((
                start,
                Cluster {
                    run: r,
                    glyphs: Vec::new(),
                    text: String::new(),
                    image: None,
                },
                0.0,
            ));
        }
        let (_, cluster, width) = out.last_mut().expect("pushed above");
        cluster.glyphs.push(Glyph {
            face: g.face,
            gid: g.gid,
            dx: *width + g.x_offset * size,
            dy: g.y_offset * size,
        });
        *width += g.advance * size;
    }
    for k in 0..out.len() {
        let end = out.get(k + 1).map_or(text.len(), |n| n.0);
        let start = out[k].0;
        out[k].1.text = text.get(start..end).unwrap_or("").to_string();
    }
    out
}

impl Prepared {
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
