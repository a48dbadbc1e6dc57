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

/// A colour component in 0..=1.
pub fn unit(v: f32) -> f32 {
    finite(v).clamp(0.0, 1.0)
}

/// `v` in thousandths, rounded: the precision numbers are written with
/// (far below what any device resolves, and it keeps the streams short).
pub fn thousandths(v: f32) -> i64 {
    (f64::from(finite(v)) * 1000.0).round() as i64
}

/// Writes `v` rounded to 1/1000, without trailing zeros (`12`, `-0.5`,
/// `419.528`); never `-0`, NaN or an exponent.
pub fn push_num(out: &mut Vec<u8>, v: f32) {
    let t = thousandths(v);
    if t < 0 {
        out.push(b'-');
    }
    let t = t.unsigned_abs();
    push_digits(out, t / 1000);
    let mut frac = t % 1000;
    if frac != 0 {
        out.push(b'.');
        for _ in 0..3 {
            out.push(b'0' + (frac / 100) as u8);
            frac = frac % 100 * 10;
            if frac == 0 {
                break;
            }
        }
    }
}

pub fn push_int(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    push_digits(out, v.unsigned_abs());
}

pub fn push_digits(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

pub fn push_hex4(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(&[
        HEX[usize::from(v >> 12)],
        HEX[usize::from((v >> 8) & 0xF)],
        HEX[usize::from((v >> 4) & 0xF)],
        HEX[usize::from(v & 0xF)],
    ]);
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

    #[test]
    fn numbers_are_short_and_exact() {
        let mut out = Vec::new();
        for v in [0.0, -0.0001, 12.0, -0.5, 419.528, 0.005, 1.2345, -32768.0] {
            push_num(&mut out, v);
            out.push(b' ');
        }
        assert_eq!(
            String::from_utf8(out).expect("ASCII"),
            "0 0 12 -0.5 419.528 0.005 1.235 -32767 "
        );
    }
}
