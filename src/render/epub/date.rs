//! Dates for the package document, computed from the model, never from the
//! clock: `dcterms:modified` from [`crate::book::Metadata::modified`].

/// Formats seconds since the Unix epoch as `YYYY-MM-DDThh:mm:ssZ` (UTC),
/// clamped to years 0000–9999 so that any input gives a valid date.
pub fn format_timestamp(secs: i64) -> String {
    const MIN: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
    const MAX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let secs = secs.clamp(MIN, MAX);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month, day of the proleptic Gregorian calendar for a count of
/// days since 1970-01-01 (Howard Hinnant's `civil_from_days` algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// True for the W3CDTF forms EPUBCheck accepts in `dc:date` without a
/// warning: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (with valid month and day).
pub fn is_w3c_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, hi: u32| p.parse::<u32>().is_ok_and(|n| (1..=hi).contains(&n));
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && in_range(m, 12),
        [y, m, d] => num(y, 4) && num(m, 2) && num(d, 2) && in_range(m, 12) && in_range(d, 31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_timestamp(1_758_758_400), "2025-09-25T00:00:00Z");
        assert_eq!(format_timestamp(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_timestamp(-1), "1969-12-31T23:59:59Z");
        assert_eq!(format_timestamp(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(format_timestamp(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(format_timestamp(i64::MIN), "0000-01-01T00:00:00Z");
    }

    #[test]
    fn checks_dates() {
        assert!(is_w3c_date("2025-09-25"));
        assert!(is_w3c_date("2025-09"));
        assert!(is_w3c_date("2025"));
        assert!(!is_w3c_date("2025-13-01"));
        assert!(!is_w3c_date("25-09-2025"));
        assert!(!is_w3c_date("2025/09/25"));
    }
}
