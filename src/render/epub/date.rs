//! Dates for the package document, computed from the model, never from the
//! clock: `dcterms:modified` from [`crate::book::Metadata::modified`]
//! (calendar arithmetic in [`crate::book::date`]).

/// Formats seconds since the Unix epoch as `YYYY-MM-DDThh:mm:ssZ` (UTC),
/// clamped to years 0000–9999 so that any input gives a valid date.
pub fn format_timestamp(secs: i64) -> String {
    crate::book::date::Utc::from_unix(secs).iso()
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
