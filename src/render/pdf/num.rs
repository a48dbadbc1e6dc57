//! Numbers as PDF can hold them. PDF has no NaN or infinity, and readers
//! reject numbers beyond about ±32 767 (ISO 32000-1 Annex C), so anything a
//! buggy layout produces is made finite and clamped before it is written.

/// The largest coordinate written, in points (about 11.5 m).
const LIMIT: f32 = 32_767.0;

/// `v` made finite (0 for NaN, clamped to ±[`LIMIT`]).
pub fn finite(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-LIMIT, LIMIT)
    }
}

/// `v` made finite and rounded to 1/1000 pt: far below what any device
/// resolves, and it keeps the content streams short.
pub fn round(v: f32) -> f32 {
    let r = (finite(v) * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0 // never "-0"
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_and_huge_numbers_are_tamed() {
        assert_eq!(finite(f32::NAN), 0.0);
        assert_eq!(finite(f32::INFINITY), LIMIT);
        assert_eq!(finite(-1e30), -LIMIT);
        assert_eq!(round(1.23456), 1.235);
        assert_eq!(round(-0.0001).to_string(), "0");
    }
}
