//! Matrices, `cases`, `aligned`, `gathered` and `array`: cells in columns,
//! rows on baselines, the whole centred on the math axis, with stretched
//! delimiters around it.

use super::boxes::MBox;
use super::lay::{node, St};
use crate::math::{AtomKind, Class, ColAlign, Node, Table};

pub fn table(t: &Table, st: St<'_, '_>) -> MBox {
    let cell_st = St {
        display: t.display,
        ..st
    };
    let aligned = t.column_gap == 0.0;
    let cells: Vec<Vec<MBox>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    if aligned && i % 2 == 1 {
                        // `&=`: the relation spaces as after an empty
                        // atom, as in TeX's `aligned`.
                        let empty = Node::Atom {
                            text: String::new(),
                            class: Class::Ord,
                            kind: AtomKind::Ident,
                            variant: None,
                        };
                        let mut nodes = vec![empty];
                        match c {
                            Node::Row(inner) => nodes.extend(inner.iter().cloned()),
                            other => nodes.push(other.clone()),
                        }
                        node(&Node::Row(nodes), cell_st)
                    } else {
                        node(c, cell_st)
                    }
                })
                .collect()
        })
        .collect();
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0.0f32; ncols];
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width);
        }
    }
    let size = st.size();
    let strut_up = 0.7 * size;
    let strut_down = 0.3 * size;
    let row_gap = if t.display { 0.35 * size } else { 0.2 * size };
    let gap_after = |i: usize| {
        if t.column_gap == 0.0 {
            if i.is_multiple_of(2) {
                0.0
            } else {
                2.0 * size
            }
        } else {
            t.column_gap * size
        }
    };
    let mut b = MBox::default();
    let mut y = 0.0f32;
    for (ri, r) in cells.into_iter().enumerate() {
        let up = r.iter().map(|c| c.ascent).fold(strut_up, f32::max);
        let down = r.iter().map(|c| c.descent).fold(strut_down, f32::max);
        if ri > 0 {
            y -= up + row_gap;
        }
        let mut x = 0.0;
        for (i, c) in r.into_iter().enumerate() {
            let align = if t.column_gap == 0.0 {
                if i.is_multiple_of(2) {
                    ColAlign::Right
                } else {
                    ColAlign::Left
                }
            } else {
                t.columns
                    .get(i)
                    .or(t.columns.last())
                    .copied()
                    .unwrap_or(ColAlign::Center)
            };
            let dx = match align {
                ColAlign::Left => 0.0,
                ColAlign::Center => (widths[i] - c.width) / 2.0,
                ColAlign::Right => widths[i] - c.width,
            };
            b.place(c, x + dx, y);
            x += widths[i] + gap_after(i);
        }
        b.width = b
            .width
            .max(x - if ncols > 0 { gap_after(ncols - 1) } else { 0.0 });
        y -= down;
    }
    // Centre the rows on the axis.
    let top = b.ascent;
    let bottom = b.descent;
    let shift = st.axis() - (top - bottom) / 2.0;
    let mut out = MBox {
        width: b.width,
        ..MBox::default()
    };
    let w = b.width;
    out.place(b, 0.0, shift);
    out.width = w;
    if t.open.is_empty() && t.close.is_empty() {
        return out;
    }
    super::stretch::fenced_box(t.open, t.close, out, st)
}
