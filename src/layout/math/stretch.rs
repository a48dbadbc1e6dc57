//! Glyphs that grow: big operators, delimiters (`\left`, `\big`),
//! radicals and wide accents, from the MATH table's size variants, or
//! built from its assembly parts when no variant is big enough.

use compact_str::CompactString;

use super::boxes::{MBox, Piece};
use super::lay::{glyphs, node, St};
use crate::math::Node;

fn glyph_box(gid: u16, text: &str, st: St<'_, '_>) -> MBox {
    let size = st.size();
    let (up, down) = st.font.extent(gid);
    MBox {
        width: st.font.advance(gid) * size,
        ascent: up * size,
        descent: down * size,
        italic: st.font.italic(gid) * size,
        pieces: vec![Piece::Glyph {
            face: st.font.id,
            gid,
            size,
            x: 0.0,
            y: 0.0,
            text: text.into(),
            color: None,
        }],
    }
}

/// `c` at least `target` points tall (or wide): the first variant that
/// is, else an assembly, else the largest variant.
fn stretched(c: char, target: f32, vertical: bool, st: St<'_, '_>) -> Option<MBox> {
    let gid = st.font.glyph(c)?;
    let variants = st.font.variants(gid, vertical);
    let measure = |b: &MBox| {
        if vertical {
            b.ascent + b.descent
        } else {
            b.width
        }
    };
    let mut last = None;
    for (v, _) in &variants {
        let b = glyph_box(*v, &c.to_string(), st);
        if measure(&b) >= target {
            return Some(b);
        }
        last = Some(b);
    }
    if let Some(b) = assemble(gid, c, target, vertical, st) {
        return Some(b);
    }
    last
}

/// Builds `gid` from its assembly parts to `target`.
fn assemble(gid: u16, c: char, target: f32, vertical: bool, st: St<'_, '_>) -> Option<MBox> {
    let (parts, overlap) = st.font.assembly(gid, vertical)?;
    let size = st.size();
    let overlap = overlap * size;
    let fixed: f32 = parts
        .iter()
        .filter(|p| !p.extender)
        .map(|p| p.advance * size - overlap)
        .sum();
    let ext: f32 = parts
        .iter()
        .filter(|p| p.extender)
        .map(|p| p.advance * size - overlap)
        .sum();
    let mut repeats = 0usize;
    if ext > 0.0 {
        while fixed + ext * repeats as f32 + overlap < target && repeats < 200 {
            repeats += 1;
        }
    }
    let mut b = MBox::default();
    let mut pos = 0.0f32;
    let mut first = true;
    for p in &parts {
        let n = if p.extender { repeats } else { 1 };
        for _ in 0..n {
            if !first {
                pos -= overlap;
            }
            first = false;
            let text = if b.pieces.is_empty() {
                CompactString::from(c.to_string())
            } else {
                CompactString::default()
            };
            let (x, y) = if vertical { (0.0, pos) } else { (pos, 0.0) };
            let (up, down) = st.font.extent(p.gid);
            b.pieces.push(Piece::Glyph {
                face: st.font.id,
                gid: p.gid,
                size,
                x,
                y,
                text,
                color: None,
            });
            if vertical {
                b.width = b.width.max(st.font.advance(p.gid) * size);
            } else {
                b.ascent = b.ascent.max(up * size);
                b.descent = b.descent.max(down * size);
            }
            pos += p.advance * size;
        }
    }
    if vertical {
        // Parts are stacked from the baseline up: the box's extent is the
        // whole stack (its bottom at the first part's depth).
        b.ascent = pos;
        b.descent = 0.0;
    } else {
        b.width = pos;
    }
    Some(b)
}

/// A vertical box centred on the math axis.
fn centre_on_axis(mut b: MBox, st: St<'_, '_>) -> MBox {
    let h = b.ascent + b.descent;
    let shift = st.axis() + h / 2.0 - b.ascent;
    let mut out = MBox {
        width: b.width,
        italic: b.italic,
        ..MBox::default()
    };
    b.italic = 0.0;
    out.place(b, 0.0, shift);
    out
}

pub fn big_operator(text: &str, st: St<'_, '_>) -> MBox {
    let c = text.chars().next().unwrap_or('∑');
    let Some(gid) = st.font.glyph(c) else {
        return glyphs(text, text, st);
    };
    let b = if st.display {
        let min = st.font.units(st.font.c().display_operator_min_height()) * st.size();
        stretched(c, min, true, st).unwrap_or_else(|| glyph_box(gid, text, st))
    } else {
        glyph_box(gid, text, st)
    };
    centre_on_axis(b, st)
}

/// A delimiter covering `ascent` and `descent` around the axis.
fn delimiter(text: &str, height: f32, st: St<'_, '_>) -> MBox {
    let Some(c) = text.chars().next() else {
        return MBox::default();
    };
    match stretched(c, height, true, st) {
        Some(b) => centre_on_axis(b, st),
        None => glyphs(text, text, st),
    }
}

/// `\left( … \right)`.
pub fn fenced(open: &str, close: &str, body: &Node, st: St<'_, '_>) -> MBox {
    let inner = node(body, St { middle: 0.0, ..st });
    let has_middle = matches!(body, Node::Row(nodes)
        if nodes.iter().any(|n| matches!(n, Node::Delim { size: 0, .. })));
    if !has_middle {
        return fenced_box(open, close, inner, st);
    }
    // Again, with the `\middle` delimiters as tall as the fence.
    let height = fence_height(&inner, st);
    fenced_box(
        open,
        close,
        node(
            body,
            St {
                middle: height,
                ..st
            },
        ),
        st,
    )
}

/// `\middle|` at the height its fence set (as the text outside one).
pub fn middle(text: &str, st: St<'_, '_>) -> MBox {
    if st.middle > 0.0 {
        delimiter(text, st.middle, st)
    } else {
        glyphs(text, text, st)
    }
}

/// How tall delimiters around `inner` are. TeX: at least 90% of the
/// body, and within 5 pt (half an em) of it.
fn fence_height(inner: &MBox, st: St<'_, '_>) -> f32 {
    let axis = st.axis();
    let half = (inner.ascent - axis).max(inner.descent + axis);
    (2.0 * half * 0.901).max(2.0 * half - 0.5 * st.size())
}

/// `inner` between delimiters as tall as it.
pub fn fenced_box(open: &str, close: &str, inner: MBox, st: St<'_, '_>) -> MBox {
    let height = fence_height(&inner, st);
    let mut b = delimiter(open, height, st);
    b.append(inner, 0.0);
    let right = delimiter(close, height, st);
    b.append(right, 0.0);
    b
}

/// `\big(` and its siblings: 1.2, 1.8, 2.4 and 3 em.
pub fn sized(text: &str, size: u8, st: St<'_, '_>) -> MBox {
    let em = [1.2, 1.8, 2.4, 3.0][usize::from(size.clamp(1, 4) - 1)];
    delimiter(text, em * st.size(), st)
}

/// `\sqrt[index]{body}`.
pub fn root(body: &Node, index: Option<&Node>, st: St<'_, '_>) -> MBox {
    let c = st.font.c();
    let inner = node(body, st.cramped());
    let t = st.pt(c.radical_rule_thickness());
    let gap = if st.display {
        st.pt(c.radical_display_style_vertical_gap())
    } else {
        st.pt(c.radical_vertical_gap())
    };
    let target = inner.ascent + inner.descent + gap + t;
    let Some(mut sign) = stretched('√', target, true, st) else {
        return inner;
    };
    // The sign's top carries the rule.
    let sign_h = sign.ascent + sign.descent;
    let shift = inner.ascent + gap + t - sign.ascent;
    let extra = (sign_h - target).max(0.0) / 2.0;
    let mut b = MBox::default();
    if let Some(ix) = index {
        let ix = node(ix, st.script().script());
        let before = st.pt(c.radical_kern_before_degree());
        let after = st.pt(c.radical_kern_after_degree());
        let raise = f32::from(c.radical_degree_bottom_raise_percent()) / 100.0 * sign_h;
        let w = ix.width;
        b.place(ix, before, raise - sign.descent + shift + extra);
        b.width = (before + w + after).max(0.0);
    }
    sign.italic = 0.0;
    let sw = sign.width;
    let x = b.width;
    b.place(sign, x, shift + extra);
    let top = inner.ascent + gap + extra;
    let iw = inner.width;
    b.place(inner, x + sw, 0.0);
    b.rule(x + sw, top, iw, t);
    b.width = x + sw + iw + 0.05 * st.size();
    b
}

/// A wide accent as wide as `width`.
pub fn horizontal(mark: char, width: f32, st: St<'_, '_>) -> MBox {
    stretched(mark, width, false, st).unwrap_or_else(|| glyphs(&mark.to_string(), "", st))
}
