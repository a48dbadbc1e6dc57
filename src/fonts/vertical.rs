//! Vertical writing (縦書き) from a face's own tables: the `vert`/`vrt2`
//! alternates (brackets and dashes turned, `ー` standing, small kana and
//! `、。` moved to the upper right of their cell) and the vertical
//! advances (`vmtx`, else 1 em).
//!
//! The substitutions are single glyph to glyph, so they are looked up by
//! glyph id in the GSUB lookups of the two features, without shaping the
//! text again: the layout shapes once, horizontally, and the glyphs that
//! stand upright in a column take their vertical forms when the page is
//! turned (`layout::vertical`).

use ttf_parser::gsub::{SingleSubstitution, SubstitutionSubtable};
use ttf_parser::{GlyphId, Tag};

/// The vertical form of `gid`, or `None` when the face has none: the
/// `vert` feature first, then `vrt2` (which a font may have alone).
pub fn vertical_form(face: &ttf_parser::Face<'_>, gid: u16) -> Option<u16> {
    let gsub = face.tables().gsub?;
    for tag in [b"vert", b"vrt2"] {
        let tag = Tag::from_bytes(tag);
        for feature in gsub.features.into_iter().filter(|f| f.tag == tag) {
            for index in feature.lookup_indices {
                let Some(lookup) = gsub.lookups.get(index) else {
                    continue;
                };
                for sub in lookup.subtables.into_iter::<SubstitutionSubtable>() {
                    if let SubstitutionSubtable::Single(single) = sub {
                        if let Some(out) = substitute(&single, gid) {
                            return Some(out);
                        }
                    }
                }
            }
        }
    }
    None
}

fn substitute(single: &SingleSubstitution<'_>, gid: u16) -> Option<u16> {
    let index = single.coverage().get(GlyphId(gid))?;
    match single {
        SingleSubstitution::Format1 { delta, .. } => Some(gid.wrapping_add_signed(*delta)),
        SingleSubstitution::Format2 { substitutes, .. } => substitutes.get(index).map(|g| g.0),
    }
}

/// The vertical advance of `gid` in thousandths of an em: `vmtx`, or
/// 1000 for a face without vertical metrics.
pub fn vertical_advance(face: &ttf_parser::Face<'_>, gid: u16) -> i64 {
    let upem = f32::from(face.units_per_em().max(1));
    face.glyph_ver_advance(GlyphId(gid))
        .map_or(1000, |a| (f32::from(a) * 1000.0 / upem) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::default::SERIF;

    #[test]
    fn brackets_and_the_full_stop_have_vertical_forms() {
        let face = ttf_parser::Face::parse(SERIF, 0).unwrap();
        for c in ['「', '。', '（'] {
            let gid = face.glyph_index(c).unwrap().0;
            let vert = vertical_form(&face, gid);
            assert!(vert.is_some_and(|v| v != gid && v != 0), "{c}: {vert:?}");
        }
        let han = face.glyph_index('中').unwrap().0;
        assert_eq!(vertical_form(&face, han), None);
        // This face's em dash has no vertical form: it is turned instead.
        let dash = face.glyph_index('—').unwrap().0;
        assert_eq!(vertical_form(&face, dash), None);
        assert_eq!(vertical_advance(&face, han), 1000);
    }
}
