//! Tables: column widths fitted to the content and the column, cells
//! wrapped, booktabs-style rules (top, below the header, bottom).
//!
//! A row becomes as many flow lines as its tallest cell has lines (line k
//! of every cell side by side), so a tall row can still break across pages
//! without anything running past the bottom margin.

use crate::book::{Align as CellAlign, Inline};
use crate::fonts::Role;

use super::emit::{set, ParaSpec};
use super::env::Env;
use super::flow::FlowLine;
use super::inline::flatten;
use super::line::Align;
use super::page::{Color, Item, NodeId, StructRole};
use super::para::{prepare, PrepOptions, Prepared};
use super::style::Style;
use super::tag::{self, Tag, Tree};

/// The lines of a table in the column `left`..`left + width`, its rows
/// and cells added to `tree` under `table_node`.
pub fn lay_out(
    env: &Env<'_>,
    align: &[CellAlign],
    head: &[Vec<Inline>],
    rows: &[Vec<Vec<Inline>>],
    left: f32,
    width: f32,
    (tree, table_node): (&mut Tree, NodeId),
) -> Vec<FlowLine> {
    let ncols = rows
        .iter()
        .map(Vec::len)
        .chain([head.len()])
        .max()
        .unwrap_or(0);
    if ncols == 0 {
        return Vec::new();
    }
    // A table of very many columns gets smaller type, so every column can
    // hold at least one full-width character and nothing runs past the
    // margin.
    let size = (env.body_size() * 0.9)
        .min(width / (ncols as f32 * 1.8))
        .max(0.5);
    let prep = |cells: &[Vec<Inline>], bold: bool| -> Vec<Prepared> {
        (0..ncols)
            .map(|c| {
                let mut style = Style::new(Role::Body, size);
                style.bold = bold;
                let inlines = cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
                let runs = flatten(inlines, &style, env.book);
                prepare(env, runs, PrepOptions::default())
            })
            .collect()
    };
    let mut table: Vec<(Vec<Prepared>, bool)> = Vec::new();
    if !head.is_empty() {
        table.push((prep(head, true), true));
    }
    for row in rows {
        table.push((prep(row, false), false));
    }
    let pad = 0.4 * size;
    let widths = fit_columns(&table, ncols, pad, width);
    let grid = Grid {
        left,
        total: widths.iter().sum(),
        widths,
        size,
        pad,
        vpad: 0.25 * size,
    };
    let mut out = Vec::new();
    for (r, (cells, head)) in table.iter().enumerate() {
        let row = tree.add(StructRole::TR, Some(table_node));
        let role = match head {
            true => StructRole::TH { column: true },
            false => StructRole::TD,
        };
        let nodes: Vec<NodeId> = (0..cells.len())
            .map(|_| tree.add(role, Some(row)))
            .collect();
        let place = Place {
            head: *head,
            first: r == 0,
            after_head: r > 0 && table[r - 1].1 && !head,
            last: r + 1 == table.len(),
        };
        grid.row(cells, align, &nodes, place, &mut out);
    }
    out
}

/// The columns of a table and its type: where they are, how wide, with
/// what padding.
struct Grid {
    left: f32,
    total: f32,
    widths: Vec<f32>,
    size: f32,
    pad: f32,
    vpad: f32,
}

/// Where a row is in its table, which decides its rules and shading.
#[derive(Clone, Copy)]
struct Place {
    head: bool,
    first: bool,
    after_head: bool,
    last: bool,
}

impl Grid {
    /// One row into `out`: a padding line (with the rule above it), line
    /// k of every cell side by side for each k, a padding line (with the
    /// bottom rule under the last row). A header row is shaded.
    fn row(
        &self,
        cells: &[Prepared],
        align: &[CellAlign],
        nodes: &[NodeId],
        place: Place,
        out: &mut Vec<FlowLine>,
    ) {
        let mut cell_lines = self.cells(cells, align);
        let mut top = self.pad_line(place.head, true);
        if place.first {
            top.items.push(self.rule(0.0, 0.8));
        } else if place.after_head {
            top.items.push(self.rule(0.0, 0.5));
        }
        out.push(top);
        let n_lines = cell_lines.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..n_lines {
            let height = cell_lines
                .iter()
                .filter_map(|l| l.get(k).map(|l| l.height))
                .fold(self.size * 1.4, f32::max);
            let mut line = FlowLine {
                height,
                keep_with_next: true,
                ..FlowLine::default()
            };
            if place.head {
                line.items.push(self.shade(height));
            }
            for (cell, &node) in cell_lines.iter_mut().zip(nodes) {
                if let Some(l) = cell.get_mut(k) {
                    line.baseline = line.baseline.max(l.baseline);
                    tag::fill(l, Some(node));
                    line.tags.resize(line.items.len(), Tag::Artifact);
                    line.tags.extend(l.tags.iter().copied());
                    line.items.extend(l.items.iter().cloned());
                    line.links.extend(l.links.iter().cloned());
                    line.anchors.extend(l.anchors.iter().cloned());
                }
            }
            out.push(line);
        }
        let mut bottom = self.pad_line(place.head, place.head);
        if place.last {
            bottom.items.push(self.rule(self.vpad, 0.8));
        }
        out.push(bottom);
    }

    /// Each cell of a row set in its column, in its alignment.
    fn cells(&self, cells: &[Prepared], align: &[CellAlign]) -> Vec<Vec<FlowLine>> {
        let mut x = self.left;
        let mut out = Vec::with_capacity(cells.len());
        for (c, p) in cells.iter().enumerate() {
            let align = match align.get(c) {
                Some(CellAlign::Center) => Align::Center,
                Some(CellAlign::Right) => Align::Right,
                _ => Align::Left,
            };
            let spec = ParaSpec {
                left: x + self.pad,
                width: (self.widths[c] - 2.0 * self.pad).max(1.0),
                indent: 0.0,
                align,
                size: self.size,
                line_height: 1.4,
            };
            out.push(set(p, &spec));
            x += self.widths[c];
        }
        out
    }

    /// The padding above or below a row's text, shaded in a header row.
    fn pad_line(&self, head: bool, keep_with_next: bool) -> FlowLine {
        let mut line = FlowLine {
            height: self.vpad,
            keep_with_next,
            ..FlowLine::default()
        };
        if head {
            line.items.push(self.shade(self.vpad));
        }
        line
    }

    /// A horizontal rule across the table at `y`, `width` thick.
    fn rule(&self, y: f32, width: f32) -> Item {
        Item::Line {
            from: (self.left, y),
            to: (self.left + self.total, y),
            width,
            color: Color::BLACK,
        }
    }

    /// The shading behind a header row's line `height` tall.
    fn shade(&self, height: f32) -> Item {
        Item::Rect {
            x: self.left,
            y: 0.0,
            width: self.total,
            height,
            color: Color::Gray(0.92),
        }
    }
}

/// Column widths, as browsers do for automatic tables: when the natural
/// widths fit they are spread to the full column; otherwise columns whose
/// natural width is under a fair share keep it, and the rest share what
/// is left in proportion to their natural widths (never under their
/// unbreakable minimum). When even the minimums do not fit, they are
/// scaled down (cells then break anywhere).
fn fit_columns(table: &[(Vec<Prepared>, bool)], ncols: usize, pad: f32, width: f32) -> Vec<f32> {
    let mut nat = vec![2.0 * pad + 1.0; ncols];
    let mut min = vec![2.0 * pad + 1.0; ncols];
    for (cells, _) in table {
        for (c, p) in cells.iter().enumerate() {
            nat[c] = nat[c].max(p.natural_width() + 2.0 * pad);
            min[c] = min[c].max(p.min_width() + 2.0 * pad);
        }
    }
    // No column may claim more than the table, nor a minimum above its
    // even share: an overlong word or image then breaks inside its cell
    // instead of squeezing every other column to nothing.
    let share = width / ncols as f32;
    for (n, m) in nat.iter_mut().zip(min.iter_mut()) {
        *m = m.min(share);
        *n = n.min(width).max(*m);
    }
    let sum_nat: f32 = nat.iter().sum();
    let sum_min: f32 = min.iter().sum();
    if sum_nat <= width {
        return nat.iter().map(|n| n * width / sum_nat).collect();
    }
    if sum_min > width {
        return min.iter().map(|m| m * width / sum_min).collect();
    }
    let mut out = vec![0.0f32; ncols];
    let mut fixed = vec![false; ncols];
    let mut rest = width;
    // Fix narrow columns at their natural width, widest share first.
    loop {
        let open = fixed.iter().filter(|f| !**f).count();
        if open == 0 {
            break;
        }
        let share = rest / open as f32;
        let mut changed = false;
        for c in 0..ncols {
            if !fixed[c] && nat[c] <= share {
                out[c] = nat[c];
                fixed[c] = true;
                rest -= nat[c];
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let open: Vec<usize> = (0..ncols).filter(|&c| !fixed[c]).collect();
    let open_nat: f32 = open.iter().map(|&c| nat[c]).sum();
    for &c in &open {
        out[c] = (rest * nat[c] / open_nat.max(0.001)).max(min[c]);
    }
    let total: f32 = out.iter().sum();
    if total > width {
        // Minimums pushed past the column: take the excess from the
        // columns above their minimum.
        let slack: f32 = out.iter().zip(&min).map(|(o, m)| o - m).sum();
        let excess = total - width;
        for (o, m) in out.iter_mut().zip(&min) {
            *o -= excess * (*o - m) / slack.max(0.001);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn narrow_columns_keep_their_natural_width() {
        use super::super::line::{Brk, Slot};
        use super::super::para::Prepared;
        let cell = |n: usize| Prepared {
            slots: (0..n)
                .map(|i| Slot::boxed(10.0, if i == 0 { Brk::No } else { Brk::Allowed }))
                .collect(),
            ..Prepared::default()
        };
        let table = vec![
            (vec![cell(50), cell(4)], false),
            (vec![cell(3), cell(2)], false),
        ];
        let w = super::fit_columns(&table, 2, 2.0, 200.0);
        assert!((w[1] - 44.0).abs() < 0.01, "{w:?}");
        assert!((w[0] + w[1] - 200.0).abs() < 0.01);
    }
}
