//! Fractions, accents and limits stacked over and under a base, with the
//! MATH table's shifts and gaps.

use super::boxes::MBox;
use super::lay::{glyphs, node, St};
use crate::math::Node;

/// `\frac`: numerator over a rule on the math axis over denominator.
pub fn fraction(num: &Node, den: &Node, rule: bool, st: St<'_, '_>) -> MBox {
    let c = st.font.c();
    let part = st.frac_part();
    let n = node(num, part);
    let d = node(den, part.cramped());
    let axis = st.axis();
    let t = if rule {
        st.pt(c.fraction_rule_thickness())
    } else {
        0.0
    };
    let (mut up, mut down, gap_n, gap_d) = if st.display {
        (
            st.pt(c.fraction_numerator_display_style_shift_up()),
            st.pt(c.fraction_denominator_display_style_shift_down()),
            st.pt(c.fraction_num_display_style_gap_min()),
            st.pt(c.fraction_denom_display_style_gap_min()),
        )
    } else {
        (
            st.pt(c.fraction_numerator_shift_up()),
            st.pt(c.fraction_denominator_shift_down()),
            st.pt(c.fraction_numerator_gap_min()),
            st.pt(c.fraction_denominator_gap_min()),
        )
    };
    if !rule {
        let (su, sd, gap) = if st.display {
            (
                st.pt(c.stack_top_display_style_shift_up()),
                st.pt(c.stack_bottom_display_style_shift_down()),
                st.pt(c.stack_display_style_gap_min()),
            )
        } else {
            (
                st.pt(c.stack_top_shift_up()),
                st.pt(c.stack_bottom_shift_down()),
                st.pt(c.stack_gap_min()),
            )
        };
        up = su;
        down = sd;
        let actual = (up - n.descent) - (d.ascent - down);
        if actual < gap {
            up += (gap - actual) / 2.0;
            down += (gap - actual) / 2.0;
        }
    } else {
        // Keep the gaps to the rule.
        up = up.max(axis + t / 2.0 + gap_n + n.descent);
        down = down.max(d.ascent + gap_d + t / 2.0 - axis);
    }
    let pad = 0.1 * st.size();
    let width = n.width.max(d.width) + 2.0 * pad;
    let mut b = MBox {
        width,
        ..MBox::default()
    };
    let (nw, dw) = (n.width, d.width);
    b.place(n, (width - nw) / 2.0, up);
    b.place(d, (width - dw) / 2.0, -down);
    if rule {
        b.rule(pad / 2.0, axis - t / 2.0, width - pad, t);
    }
    b
}

/// An accent over (or under) its base.
pub fn accent(body: &Node, mark: char, under: bool, stretchy: bool, st: St<'_, '_>) -> MBox {
    let c = st.font.c();
    let base = node(body, if under { st } else { st.cramped() });
    let w = base.width;
    let mut b = MBox {
        width: w,
        italic: base.italic,
        ..MBox::default()
    };
    let (asc, desc) = (base.ascent, base.descent);
    b.place(base, 0.0, 0.0);
    if stretchy && matches!(mark, '‾' | '_') {
        let t = st.pt(c.overbar_rule_thickness());
        if under {
            let gap = st.pt(c.underbar_vertical_gap());
            b.rule(0.0, -desc - gap - t, w, t);
        } else {
            let gap = st.pt(c.overbar_vertical_gap());
            b.rule(0.0, asc + gap, w, t);
        }
        return b;
    }
    let mark = match mark {
        '^' => '\u{302}',
        '~' => '\u{303}',
        'ˇ' => '\u{30C}',
        '´' => '\u{301}',
        '`' => '\u{300}',
        '˙' => '\u{307}',
        '¨' => '\u{308}',
        '˘' => '\u{306}',
        '¯' => '\u{304}',
        '→' if !stretchy => '\u{20D7}',
        c => c,
    };
    let m = if stretchy {
        super::stretch::horizontal(mark, w, st)
    } else {
        glyphs(&mark.to_string(), "", st)
    };
    // Centre the mark's ink, not its advance: combining marks have none.
    let ink = match m.pieces.as_slice() {
        [super::boxes::Piece::Glyph { gid, .. }] if !stretchy => {
            let (l, r) = st.font.ink_x(*gid);
            Some((l + r) / 2.0 * st.size())
        }
        _ => None,
    };
    let accent_base = st.pt(c.accent_base_height());
    // Combining marks are drawn above the x-height: lower them onto the
    // base's actual top.
    let mw = m.width;
    let x = match ink {
        // Over an italic letter, a little to the right.
        Some(centre) => w / 2.0 - centre + b.italic / 2.0,
        None => (w - mw) / 2.0,
    };
    if under {
        let gap = 0.1 * st.size();
        let dy = -desc - gap - m.ascent;
        b.place(m, x, dy);
    } else {
        let dy = (asc - accent_base).max(0.0)
            + if stretchy {
                asc + 0.1 * st.size() + m.descent
            } else {
                0.0
            };
        b.place(m, x, dy);
    }
    b
}

/// A base with limits (or labels) centred over and under it.
pub fn under_over(base: &Node, under: Option<&Node>, over: Option<&Node>, st: St<'_, '_>) -> MBox {
    let b = node(base, st);
    stack(
        b,
        under.map(|u| node(u, st.script())),
        over.map(|o| node(o, st.script())),
        st,
    )
}

/// `base` with `under` and `over` centred on it.
pub fn stack(base: MBox, under: Option<MBox>, over: Option<MBox>, st: St<'_, '_>) -> MBox {
    let c = st.font.c();
    let width = base
        .width
        .max(under.as_ref().map_or(0.0, |u| u.width))
        .max(over.as_ref().map_or(0.0, |o| o.width));
    let mut b = MBox {
        width,
        ..MBox::default()
    };
    let (asc, desc, bw) = (base.ascent, base.descent, base.width);
    b.place(base, (width - bw) / 2.0, 0.0);
    if let Some(o) = over {
        let gap = st.pt(c.upper_limit_gap_min());
        let rise = st.pt(c.upper_limit_baseline_rise_min());
        let dy = (asc + gap + o.descent).max(asc + rise);
        let ow = o.width;
        b.place(o, (width - ow) / 2.0, dy);
    }
    if let Some(u) = under {
        let gap = st.pt(c.lower_limit_gap_min());
        let drop = st.pt(c.lower_limit_baseline_drop_min());
        let dy = (desc + gap + u.ascent).max(desc + drop);
        let uw = u.width;
        b.place(u, (width - uw) / 2.0, -dy);
    }
    b
}

/// `\boxed{…}`: the body framed, as LaTeX's `\fbox` (3 pt apart at 10 pt,
/// the rule as thick as a fraction's).
pub fn boxed(body: &Node, st: St<'_, '_>) -> MBox {
    let inner = node(body, st);
    let t = st.pt(st.font.c().fraction_rule_thickness());
    let sep = 0.3 * st.size();
    let width = inner.width + 2.0 * (sep + t);
    let top = inner.ascent + sep;
    let bottom = inner.descent + sep;
    let mut b = MBox {
        width,
        ..MBox::default()
    };
    b.place(inner, sep + t, 0.0);
    let height = top + bottom + 2.0 * t;
    b.rule(0.0, -bottom - t, width, t);
    b.rule(0.0, top, width, t);
    b.rule(0.0, -bottom - t, t, height);
    b.rule(width - t, -bottom - t, t, height);
    b
}
