//! Matrices, `cases`, `aligned`, `gathered` and `array`: cells in columns,
//! rows on baselines, the whole centred on the math axis, with stretched
//! delimiters around it.

use super::boxes::MBox;
use super::lay::{node, St};
use crate::math::{AtomKind, Class, ColAlign, Node, Table};

pub fn table(t: &Table, st: St<'_, '_>) -> MBox {
    let cells = lay_cells(t, st);
    let ncols = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0.0f32; ncols];
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.width);
        }
    }
    let size = st.size();
    let gap_after = |i: usize| {
        if t.column_gap.0 == 0.0 {
            if i.is_multiple_of(2) {
                0.0
            } else {
                2.0 * size
            }
        } else {
            t.column_gap.0 * size
        }
    };
    // Where each column starts; a rule before the first or after the last
    // column stands half a gap outside it.
    let edge = 0.5 * t.column_gap.0.max(0.5) * size;
    let mut starts = Vec::with_capacity(ncols);
    let mut x = if t.vlines.contains(&0) { edge } else { 0.0 };
    for (i, w) in widths.iter().enumerate() {
        starts.push(x);
        x += w + gap_after(i);
    }
    let mut width = x - if ncols > 0 { gap_after(ncols - 1) } else { 0.0 };
    if ncols > 0 && t.vlines.contains(&ncols) {
        width += edge;
    }
    let mut b = MBox::default();
    let rows = place_rows(t, cells, (&starts, &widths), st, &mut b);
    b.width = width;
    draw_rules(t, &rows, (&starts, &widths), st, &mut b);
    // Centre the rows on the axis.
    let shift = st.axis() - (b.ascent - b.descent) / 2.0;
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

/// Every cell laid out, `aligned`'s relation cells spaced as TeX does.
fn lay_cells(t: &Table, st: St<'_, '_>) -> Vec<Vec<MBox>> {
    let cell_st = St {
        display: t.display,
        ..st
    };
    let aligned = t.column_gap.0 == 0.0;
    t.rows
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
        .collect()
}

/// Places the rows top to bottom; returns each row's top and bottom y.
fn place_rows(
    t: &Table,
    cells: Vec<Vec<MBox>>,
    (starts, widths): (&[f32], &[f32]),
    st: St<'_, '_>,
    b: &mut MBox,
) -> Vec<(f32, f32)> {
    let size = st.size();
    let strut_up = 0.7 * size;
    let strut_down = 0.3 * size;
    let row_gap = if t.display { 0.35 * size } else { 0.2 * size };
    let mut rows = Vec::with_capacity(cells.len());
    let mut y = 0.0f32;
    for (ri, r) in cells.into_iter().enumerate() {
        let up = r.iter().map(|c| c.ascent).fold(strut_up, f32::max);
        let down = r.iter().map(|c| c.descent).fold(strut_down, f32::max);
        if ri > 0 {
            y -= up + row_gap;
        }
        for (i, c) in r.into_iter().enumerate() {
            let align = if t.column_gap.0 == 0.0 {
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
            b.place(c, starts[i] + dx, y);
        }
        rows.push((y + up, y - down));
        y -= down;
    }
    rows
}

/// `\hline`s between (and around) the rows, `|`s between the columns.
fn draw_rules(
    t: &Table,
    rows: &[(f32, f32)],
    (starts, widths): (&[f32], &[f32]),
    st: St<'_, '_>,
    b: &mut MBox,
) {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return;
    };
    let rule = st.pt(st.font.c().fraction_rule_thickness());
    let pad = 0.15 * st.size();
    let top = first.0 + pad;
    let bottom = last.1 - pad;
    for &i in &t.hlines {
        let y = match i {
            0 => top,
            i if i >= rows.len() => bottom,
            i => (rows[i - 1].1 + rows[i].0) / 2.0,
        };
        b.rule(0.0, y - rule / 2.0, b.width, rule);
    }
    let ncols = starts.len();
    for &j in &t.vlines {
        let x = match j {
            0 => 0.0,
            j if j >= ncols => b.width,
            j => (starts[j - 1] + widths[j - 1] + starts[j]) / 2.0,
        };
        b.rule(x - rule / 2.0, bottom, rule, top - bottom);
    }
}
