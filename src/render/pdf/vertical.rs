//! Vertical writing in the PDF: the faces whose glyphs stand upright in
//! columns are also embedded as vertical fonts (`/Identity-V`, ISO 32000-1
//! 9.7.4.3 and 9.7.5.2), whose pen moves down by the `/W2` advances.
//! Viewers and text extractors then know the writing mode: `pdftotext`
//! reads the columns in order, top to bottom and right to left. The
//! content stream's side is in `glyphs`.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Object};

use crate::fonts::{FaceId, Subset};
use crate::layout::page::{Document, Item, Orientation};

/// Where a glyph's vertical origin is, in thousandths of an em above its
/// baseline: the foot of the em box that the layout centres in the column
/// (0.88 above the baseline, 0.12 below), so that the glyph stands in the
/// em above the pen. Text extractors (poppler) place an upright glyph in
/// that em whatever the font says; with the origin at the top of the box
/// they put every upright glyph an em above where it is drawn, and the
/// words turned in its column (drawn where they are) out of order.
const ORIGIN_Y: i64 = -120;

/// The faces the document draws upright in vertical columns.
pub fn upright_faces(doc: &Document) -> BTreeSet<FaceId> {
    doc.pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text(run) if run.orientation == Orientation::Upright => Some(run.face),
            _ => None,
        })
        .collect()
}

/// The vertical advance of each of the `count` glyphs of `subset`, by
/// subset id, from `advance` of the original ids.
pub fn subset_advances(subset: &Subset, count: usize, advance: impl Fn(u16) -> i64) -> Vec<i64> {
    let mut out = vec![1000; count];
    for (&original, &new) in &subset.remap {
        if let Some(slot) = out.get_mut(usize::from(new)) {
            *slot = advance(original);
        }
    }
    out
}

/// The vertical twin of a CID font dictionary: the same font with
/// `/DW2` (the origin at the foot of the em box, centred, 1 em down) and a
/// `/W2` entry for each glyph of another advance.
pub fn vertical_cid_font(mut dict: Dictionary, advances: &[i64], widths: &[i64]) -> Dictionary {
    dict.set(
        "DW2",
        Object::Array(vec![Object::Integer(ORIGIN_Y), Object::Integer(-1000)]),
    );
    let mut w2 = Vec::new();
    for (cid, &advance) in advances.iter().enumerate() {
        if advance == 1000 {
            continue;
        }
        let half = widths.get(cid).copied().unwrap_or(1000) / 2;
        w2.push(Object::Integer(cid as i64));
        w2.push(Object::Integer(cid as i64));
        w2.push(Object::Integer(-advance));
        w2.push(Object::Integer(half));
        w2.push(Object::Integer(ORIGIN_Y));
    }
    if !w2.is_empty() {
        dict.set("W2", Object::Array(w2));
    }
    dict
}
