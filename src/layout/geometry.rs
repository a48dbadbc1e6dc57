//! Page size, margins and the text area.

use crate::config::{Paper, PdfConfig};

const PT_PER_MM: f32 = 72.0 / 25.4;

/// The page and its text area, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    /// Margin on the binding side (left on recto pages; left on every page
    /// when printed one-sided).
    pub inner: f32,
    pub outer: f32,
    /// Printed on both sides of the sheet: the margins mirror from recto
    /// to verso. A one-sided print (a handout) keeps them in place.
    pub two_sided: bool,
    /// A whole number of body ems, so lines of pure Han text fill exactly.
    pub text_width: f32,
    pub text_height: f32,
    /// The logical frame of a vertical page (see [`Geometry::vertical`]):
    /// widths and heights are along the turned axes.
    pub vertical: bool,
    /// Bound on the right (a vertical book): index 0 is a left-hand page
    /// whose binding margin is on its right.
    pub bound_right: bool,
}

impl Geometry {
    /// The geometry for `paper` with `config`'s margins and body `size`.
    /// Margins too large for the paper are reduced so the text area keeps
    /// at least 10 ems by 10 lines (or half the page, for huge type).
    pub fn new(paper: Paper, config: &PdfConfig, size: f32) -> Geometry {
        let (w, h) = paper.size_mm();
        let sane = |v: f32, fallback: f32| {
            if v.is_finite() && v > 0.0 {
                v
            } else {
                fallback
            }
        };
        let width = sane(w, 148.0).clamp(50.0, 2000.0) * PT_PER_MM;
        let height = sane(h, 210.0).clamp(50.0, 2000.0) * PT_PER_MM;
        let m = config.margins;
        let mm = |v: f32| {
            if v.is_finite() {
                v.max(0.0) * PT_PER_MM
            } else {
                15.0 * PT_PER_MM
            }
        };
        let (mut top, mut bottom, mut inner, mut outer) =
            (mm(m.top), mm(m.bottom), mm(m.inner), mm(m.outer));
        // At least 10 ems by 10 lines, or half the page for huge type.
        let min_w = (10.0 * size).min(width / 2.0);
        if width - inner - outer < min_w {
            let each = ((width - min_w) / 2.0).max(0.0);
            inner = each;
            outer = each;
        }
        let min_h = (10.0 * size * 1.5).min(height / 2.0);
        if height - top - bottom < min_h {
            let each = ((height - min_h) / 2.0).max(0.0);
            top = each;
            bottom = each;
        }
        let avail = width - inner - outer;
        let ems = (avail / size).floor().max(1.0);
        let text_width = ems * size;
        let spare = avail - text_width;
        inner += spare / 2.0;
        outer += spare / 2.0;
        Geometry {
            width,
            height,
            top,
            bottom,
            inner,
            outer,
            text_width,
            text_height: height - top - bottom,
            two_sided: true,
            vertical: false,
            bound_right: false,
        }
    }

    /// The logical frame of a vertical page (縦書き): the page turned a
    /// quarter counter-clockwise, so that the layout engine sets its columns
    /// as horizontal lines: the inline axis (a line's "width") runs down the
    /// page, the block axis from the right edge to the left. The engine is
    /// the same for both directions; `layout::vertical` turns the laid-out
    /// page back. The column is a whole number of ems; the binding margin
    /// is the page's right one on index 0 (mirrored on the other side by
    /// `vertical::turn`).
    pub fn vertical(paper: Paper, config: &PdfConfig, size: f32) -> Geometry {
        let p = Geometry::new(paper, config, size);
        let avail = p.height - p.top - p.bottom;
        let column = (avail / size).floor().max(1.0) * size;
        let spare = avail - column;
        Geometry {
            width: p.height,
            height: p.width,
            top: p.inner,
            bottom: p.outer,
            inner: p.top + spare / 2.0,
            outer: p.bottom + spare / 2.0,
            two_sided: false,
            text_width: column,
            text_height: p.width - p.inner - p.outer,
            vertical: true,
            bound_right: false,
        }
    }

    /// The page as printed: for a vertical frame the page turned back,
    /// bound on the right; any other geometry as it is.
    pub fn physical(&self) -> Geometry {
        if !self.vertical {
            return *self;
        }
        Geometry {
            width: self.height,
            height: self.width,
            top: self.inner,
            bottom: self.outer,
            inner: self.top,
            outer: self.bottom,
            two_sided: true,
            text_width: self.text_height,
            text_height: self.text_width,
            vertical: false,
            bound_right: true,
        }
    }

    /// The same page printed on one side of each sheet: the binding
    /// margin (a staple, punched holes) on the left of every page.
    pub fn one_sided(self) -> Geometry {
        Geometry {
            two_sided: false,
            ..self
        }
    }

    /// Left edge of the text area of page `index` (0-based; index 0 is a
    /// recto, where the binding is on the left, or on the right when the
    /// book is [bound on the right](Geometry::bound_right)).
    pub fn left(&self, index: usize) -> f32 {
        if !self.two_sided || index.is_multiple_of(2) != self.bound_right {
            self.inner
        } else {
            self.outer
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_width_is_whole_ems() {
        let config = PdfConfig::default();
        let g = Geometry::new(Paper::A5, &config, 10.5);
        let ems = g.text_width / 10.5;
        assert!((ems - ems.round()).abs() < 1e-4, "{ems}");
        assert!((g.inner + g.outer + g.text_width - g.width).abs() < 0.01);
        // Margins too wide for a tiny page give way to half the page.
        let g = Geometry::new(Paper::Custom(50.0, 50.0), &config, 10.5);
        assert!(g.text_width >= g.width / 2.0 - 10.5 && g.text_height >= g.height / 2.0 - 0.01);
        assert!(g.inner >= 0.0 && g.outer >= 0.0 && g.top >= 0.0 && g.bottom >= 0.0);
    }

    #[test]
    fn two_sided_margins_mirror_and_one_sided_do_not() {
        let config = PdfConfig::default();
        let g = Geometry::new(Paper::A4, &config, 10.5);
        // The default margins differ (inner 18 mm, outer 16 mm), so a
        // mirrored verso moves the text block.
        assert!(g.inner > g.outer + 1.0);
        assert_eq!(
            (g.left(0), g.left(1), g.left(2)),
            (g.inner, g.outer, g.inner)
        );
        let one = g.one_sided();
        for index in 0..4 {
            assert_eq!(one.left(index), g.inner, "page {index}");
        }
        assert_eq!(one.text_width, g.text_width);
    }
}
