//! Glyph outlines as SVG path data, for text drawn without a font (the
//! generated cover): the SVG then needs no font at all.

use std::fmt::Write;

/// Collects an outline as SVG path data in em, y pointing down (SVG), the
/// origin on the baseline at the pen position.
pub struct SvgPath {
    scale: f32,
    out: String,
}

impl SvgPath {
    pub fn new(units_per_em: u16) -> SvgPath {
        SvgPath {
            scale: 1.0 / f32::from(units_per_em.max(1)),
            out: String::new(),
        }
    }

    pub fn finish(self) -> String {
        self.out
    }

    fn cmd(&mut self, c: char, points: &[(f32, f32)]) {
        if !self.out.is_empty() {
            self.out.push(' ');
        }
        self.out.push(c);
        for (i, &(x, y)) in points.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            let (x, y) = (x * self.scale, -y * self.scale);
            let _ = write!(self.out, "{} {}", num(x), num(y));
        }
    }
}

impl ttf_parser::OutlineBuilder for SvgPath {
    fn move_to(&mut self, x: f32, y: f32) {
        self.cmd('M', &[(x, y)]);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.cmd('L', &[(x, y)]);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.cmd('Q', &[(x1, y1), (x, y)]);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.cmd('C', &[(x1, y1), (x2, y2), (x, y)]);
    }
    fn close(&mut self) {
        self.cmd('Z', &[]);
    }
}

/// A number with at most 5 decimals and no trailing zeros: short, and the
/// same on every machine.
pub fn num(v: f32) -> String {
    let s = format!("{:.5}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "-0" | "" => "0".to_string(),
        s => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ttf_parser::OutlineBuilder;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(0.123456), "0.12346");
        assert_eq!(num(-0.5), "-0.5");
    }

    #[test]
    fn y_is_flipped_and_scaled_to_em() {
        let mut p = SvgPath::new(1000);
        p.move_to(0.0, 0.0);
        p.line_to(500.0, 880.0);
        p.quad_to(600.0, 900.0, 700.0, 0.0);
        p.close();
        assert_eq!(p.finish(), "M0 0 L0.5 -0.88 Q0.6 -0.9 0.7 0 Z");
    }
}
