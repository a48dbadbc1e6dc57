//! Sub- and superscripts beside a base (or as limits of a big operator in
//! display style), shifted by the MATH table's constants.

use super::boxes::MBox;
use super::frac::stack;
use super::lay::{limits_here, node, St};
use crate::math::Node;

pub fn scripts(base: &Node, sub: Option<&Node>, sup: Option<&Node>, st: St<'_, '_>) -> MBox {
    let b = node(base, st);
    let script = st.script();
    if limits_here(base, st) {
        let under = sub.map(|s| node(s, script.cramped()));
        let over = sup.map(|s| node(s, script));
        return stack(b, under, over, st);
    }
    let c = st.font.c();
    let size = st.size();
    let sup_box = sup.map(|s| node(s, script));
    let sub_box = sub.map(|s| node(s, script.cramped()));
    // A letter's scripts sit at the standard shifts; a taller base (a
    // group, a display-size operator) carries them by its own height.
    let is_glyph = match base {
        Node::Atom { .. } => true,
        Node::Op { large, .. } => !(*large && st.display),
        _ => false,
    };
    let mut sup_shift = 0.0;
    let mut sub_shift = 0.0;
    if let Some(p) = &sup_box {
        let std = if st.cramped {
            st.pt(c.superscript_shift_up_cramped())
        } else {
            st.pt(c.superscript_shift_up())
        };
        let drop = if is_glyph {
            0.0
        } else {
            b.ascent - st.pt(c.superscript_baseline_drop_max())
        };
        sup_shift = std
            .max(drop)
            .max(p.descent + st.pt(c.superscript_bottom_min()));
    }
    if let Some(s) = &sub_box {
        let drop = if is_glyph {
            0.0
        } else {
            b.descent + st.pt(c.subscript_baseline_drop_min())
        };
        sub_shift = st
            .pt(c.subscript_shift_down())
            .max(drop)
            .max(s.ascent - st.pt(c.subscript_top_max()));
    }
    if let (Some(p), Some(s)) = (&sup_box, &sub_box) {
        let gap = (sup_shift - p.descent) - (s.ascent - sub_shift);
        let min = st.pt(c.sub_superscript_gap_min());
        if gap < min {
            sub_shift += min - gap;
        }
    }
    let italic = b.italic;
    let base_w = b.width;
    let mut out = MBox {
        width: base_w,
        ..MBox::default()
    };
    out.place(b, 0.0, 0.0);
    let after = st.pt(c.space_after_script());
    let mut end = base_w;
    if let Some(p) = sup_box {
        end = end.max(base_w + italic + p.width);
        out.place(p, base_w + italic, sup_shift);
    }
    if let Some(s) = sub_box {
        // Subscripts tuck under an italic base: no italic correction.
        let w = s.width;
        let x = if matches!(base, Node::Op { large: true, .. }) {
            base_w - italic
        } else {
            base_w
        };
        end = end.max(x + w);
        out.place(s, x, -sub_shift);
    }
    out.width = end + after.min(0.1 * size);
    out
}
