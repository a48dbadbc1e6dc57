//! The widths of a run's clusters after shaping, by the rules of CJK
//! punctuation: doubled dashes and ellipses (`——` `……`) take whole ems,
//! kerning goes between clusters rather than into one, and in 开明式 the
//! marks other than `。！？` lose their blank half.

use super::super::env::Env;
use super::super::spacing::{Mark, Spacing};
use super::{Cluster, Glyph};
use crate::text::punct::is_doubled_mark;

/// The clusters of `clusters` that are one character, with it.
pub(super) fn single_char(text: &str, c: &Cluster) -> Option<char> {
    let mut chars = text.get(c.text.clone())?.chars();
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

/// Moves the glyphs of `c` right by `dx` points.
fn shift(glyphs: &mut [Glyph], c: &Cluster, dx: f32) {
    if let Some(gs) = glyphs.get_mut(c.glyphs.clone()) {
        gs.iter_mut().for_each(|g| g.dx += dx);
    }
}

/// `——` and `……` take exactly two ems (clreq): a font's U+2014 is often
/// narrower than an em (0.89 em in Noto CJK and the built-in font), which
/// made the pair 1.78 em. Each mark of a doubled run gets a full em, its
/// glyph set towards its partner, so the pair reads as one line centred in
/// its two ems. Line breaking already keeps the pair together.
pub(super) fn fit_doubled_marks(
    text: &str,
    clusters: &[Cluster],
    widths: &mut [f32],
    glyphs: &mut [Glyph],
    em: f32,
) {
    for (k, c) in clusters.iter().enumerate() {
        // A font may draw `——` as one ligature (the built-in font does, 1.69
        // em wide): the cluster then gets its ems, the glyph centred.
        let t = text.get(c.text.clone()).unwrap_or("");
        let n = t.chars().count();
        let first = t.chars().next().unwrap_or(' ');
        if n >= 2 && is_doubled_mark(first) && t.chars().all(|x| x == first) {
            let target = n as f32 * em;
            if widths[k] > 0.0 && widths[k] < target {
                shift(glyphs, c, (target - widths[k]) / 2.0);
                widths[k] = target;
            }
        }
    }
    let doubled = |k: usize| single_char(text, &clusters[k]).filter(|&c| is_doubled_mark(c));
    let mut k = 0;
    while k < clusters.len() {
        let Some(c) = doubled(k) else {
            k += 1;
            continue;
        };
        let mut end = k + 1;
        while end < clusters.len() && doubled(end) == Some(c) {
            end += 1;
        }
        for (j, i) in (k..end).enumerate() {
            let w = widths[i];
            if end - k < 2 || w <= 0.0 || w > em {
                continue;
            }
            if j % 2 == 0 {
                shift(glyphs, &clusters[i], em - w);
            }
            widths[i] = em;
        }
        k = end;
    }
}

/// Kerning belongs between two clusters, not to the first one: shaping
/// puts it into the first's advance (`,` before `Y` is 1.3 pt narrower),
/// which a line ending there kept, so the line ran past the margin. Each
/// one-glyph cluster gets its glyph's own advance back, and the difference
/// is returned as a gap before the next cluster (dropped, like every gap,
/// at a line start). `widths` are the clusters' widths in points.
pub(super) fn unkern(
    env: &Env<'_>,
    glyphs: &[Glyph],
    clusters: &[Cluster],
    widths: &mut [f32],
    size: f32,
) -> Vec<f32> {
    let mut kerns = vec![0.0; clusters.len()];
    for k in 0..clusters.len().saturating_sub(1) {
        let [g] = &glyphs[clusters[k].glyphs.clone()] else {
            continue;
        };
        let Some(nominal) = env.nominal_advance(g.face, g.gid) else {
            continue;
        };
        let kern = widths[k] - nominal * size;
        if kern != 0.0 {
            widths[k] -= kern;
            kerns[k + 1] = kern;
        }
    }
    kerns
}

/// 开明式: full-width marks other than `。！？` lose their blank half.
pub(super) fn cut_kaiming(
    spacing: &Spacing,
    text: &str,
    clusters: &[Cluster],
    widths: &mut [f32],
    em: f32,
) {
    for (k, c) in clusters.iter().enumerate() {
        let Some(ch) = single_char(text, c) else {
            continue;
        };
        let mark = Mark {
            c: ch,
            full: widths[k] >= 0.9 * em,
            em,
        };
        if let Some(cut) = spacing.kaiming_cut(mark) {
            widths[k] -= cut;
        }
    }
}
