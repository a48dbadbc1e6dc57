//! Shaping one run of text in one face with rustybuzz.
//!
//! Shaping gives real advances, Latin kerning and ligatures (`fi`), and the
//! contextual forms of other scripts. Each run is shaped with the text
//! around it as context, so a run boundary does not break contextual
//! shaping more than it must.

use std::ops::Range;

use super::face::LoadedFace;
use super::{FaceId, ShapedGlyph};

/// Shapes `text[range]` in `face`. Clusters come back as byte ranges of
/// `text`: the first glyph of a cluster covers the cluster's characters, the
/// following glyphs of the same cluster have an empty range at its end.
pub fn shape_run(
    face: &LoadedFace,
    id: FaceId,
    text: &str,
    range: Range<usize>,
) -> Vec<ShapedGlyph> {
    let run = &text[range.clone()];
    if run.is_empty() {
        return Vec::new();
    }
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(run);
    buffer.set_pre_context(context_before(text, range.start));
    buffer.set_post_context(context_after(text, range.end));
    buffer.guess_segment_properties();
    let rb = face.rb();
    let out = match face.plan_for(&buffer) {
        Some(plan) => rustybuzz::shape_with_plan(rb, &plan, buffer),
        None => rustybuzz::shape(rb, &[], buffer),
    };
    let upem = f32::from(face.units_per_em().max(1));

    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // Cluster starts in ascending order: a cluster ends where the next one
    // starts, whatever the visual order of the glyphs. A sorted vector, not
    // a set: no allocation per glyph.
    let mut starts: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut seen = vec![false; starts.len()];
    infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let k = starts.partition_point(|&s| s < start);
            let end = starts.get(k + 1).copied().unwrap_or(run.len());
            let first = seen.get_mut(k).is_some_and(|s| !std::mem::replace(s, true));
            let cluster = if first {
                range.start + start..range.start + end
            } else {
                range.start + end..range.start + end
            };
            ShapedGlyph {
                face: id,
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster,
            }
        })
        .collect()
}

/// Glyph 0 of `face` for each character of `text[range]`, one glyph per
/// character: what a character no font has is drawn as (the "tofu" box,
/// never silent: the caller reports it).
pub fn notdef_run(
    face: &LoadedFace,
    id: FaceId,
    text: &str,
    range: Range<usize>,
) -> Vec<ShapedGlyph> {
    let advance = face.advance_em(0);
    text[range.clone()]
        .char_indices()
        .map(|(i, c)| {
            let start = range.start + i;
            ShapedGlyph {
                face: id,
                gid: 0,
                advance,
                x_offset: 0.0,
                y_offset: 0.0,
                cluster: start..start + c.len_utf8(),
            }
        })
        .collect()
}

/// Up to a few characters before `at`, as shaping context.
fn context_before(text: &str, at: usize) -> &str {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(4)
        .map(|(i, _)| i)
        .unwrap_or(0);
    &text[start..at]
}

fn context_after(text: &str, at: usize) -> &str {
    let end = text[at..]
        .char_indices()
        .nth(5)
        .map(|(i, _)| at + i)
        .unwrap_or(text.len());
    &text[at..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::default::{MONO, SERIF};
    use crate::fonts::face::FontData;

    fn serif() -> LoadedFace {
        LoadedFace::parse(FontData::Static(SERIF), 0, "serif").unwrap()
    }

    #[test]
    fn han_is_one_em_and_clusters_are_byte_ranges() {
        let text = "中文";
        let glyphs = shape_run(&serif(), FaceId(0), text, 0..text.len());
        assert_eq!(glyphs.len(), 2);
        assert!(glyphs
            .iter()
            .all(|g| (g.advance - 1.0).abs() < 1e-6 && g.gid != 0));
        assert_eq!(glyphs[0].cluster, 0..3);
        assert_eq!(glyphs[1].cluster, 3..6);
    }

    #[test]
    fn latin_has_real_proportional_advances() {
        let text = "OpenAI";
        let glyphs = shape_run(&serif(), FaceId(0), text, 0..text.len());
        assert_eq!(glyphs.len(), 6);
        assert!(glyphs.iter().all(|g| g.advance > 0.2 && g.advance < 1.0));
        let i = glyphs[4].advance;
        let a = glyphs[5].advance;
        assert!(glyphs[0].advance > i && a > 0.0);
    }

    #[test]
    fn a_run_in_the_middle_keeps_absolute_offsets() {
        let text = "ab中c";
        let glyphs = shape_run(&serif(), FaceId(3), text, 2..5);
        assert_eq!(glyphs.len(), 1);
        assert_eq!(glyphs[0].cluster, 2..5);
        assert_eq!(glyphs[0].face, FaceId(3));
    }

    #[test]
    fn notdef_run_has_one_glyph_zero_per_char() {
        let mono = LoadedFace::parse(FontData::Static(MONO), 0, "mono").unwrap();
        let text = "x😀𗀀";
        let glyphs = notdef_run(&mono, FaceId(1), text, 1..text.len());
        assert_eq!(glyphs.len(), 2);
        assert!(glyphs.iter().all(|g| g.gid == 0 && g.advance > 0.0));
        assert_eq!(glyphs[1].cluster, 5..9);
    }
}
