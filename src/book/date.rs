//! Dates and timestamps of the book, from seconds since the Unix epoch
//! ([`super::Metadata::modified`]) and `YYYY-MM-DD` dates. Written by hand
//! (a few lines of calendar arithmetic) so that no date crate and no clock
//! is involved: the same input always gives the same string, which is what
//! reproducible output needs. Every renderer formats its stamps from here.

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

impl Utc {
    /// The UTC time `secs` seconds after 1970-01-01T00:00:00Z, with the year
    /// clamped to 0–9999 (all that the PDF and XMP date formats can hold).
    pub fn from_unix(secs: i64) -> Utc {
        const MIN: i64 = -62_167_219_200; // 0000-01-01T00:00:00Z
        const MAX: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
        let secs = secs.clamp(MIN, MAX);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        Utc {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
        }
    }

    /// PDF date string (ISO 32000-1 7.9.4): `D:YYYYMMDDHHmmSSZ`.
    pub fn pdf(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// ISO 8601 / W3CDTF (XMP, EPUB `dcterms:modified`): `YYYY-MM-DDTHH:mm:SSZ`.
    pub fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

/// Midnight UTC of a `YYYY-MM-DD` date, in seconds since the epoch.
pub fn epoch_of_date(date: &str) -> Option<i64> {
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    // The inverse of `civil_from_days`, over the same March-based eras.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// Year, month, day of the proleptic Gregorian calendar for a count of days
/// since 1970-01-01. Counts in 400-year eras starting on March 1st, so that
/// the leap day is the last day of a year and falls out of the arithmetic
/// (the method of Howard Hinnant's "chrono-compatible low-level date
/// algorithms").
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097); // 0..=146096
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153; // 0 = March
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch() {
        assert_eq!(Utc::from_unix(0).pdf(), "D:19700101000000Z");
        assert_eq!(Utc::from_unix(0).iso(), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn known_dates() {
        // 2025-09-25 (the sample book's date), 2000-02-29, 1969-12-31 23:59:59.
        assert_eq!(Utc::from_unix(1_758_758_400).pdf(), "D:20250925000000Z");
        assert_eq!(Utc::from_unix(951_782_400).pdf(), "D:20000229000000Z");
        assert_eq!(Utc::from_unix(-1).pdf(), "D:19691231235959Z");
        assert_eq!(Utc::from_unix(1_700_000_000).iso(), "2023-11-14T22:13:20Z");
    }

    #[test]
    fn every_day_follows_the_previous_one() {
        let mut prev = civil_from_days(-800_000);
        for d in -799_999..800_000 {
            let cur = civil_from_days(d);
            let next_day = cur.2 == prev.2 + 1 && cur.1 == prev.1 && cur.0 == prev.0;
            let next_month = cur.2 == 1 && (cur.1 == prev.1 + 1 && cur.0 == prev.0);
            let next_year = (cur.0, cur.1, cur.2) == (prev.0 + 1, 1, 1) && prev.1 == 12;
            assert!(next_day || next_month || next_year, "{prev:?} -> {cur:?}");
            prev = cur;
        }
    }

    #[test]
    fn extremes_are_clamped() {
        assert_eq!(Utc::from_unix(i64::MAX).pdf(), "D:99991231235959Z");
        assert_eq!(Utc::from_unix(i64::MIN).pdf(), "D:00000101000000Z");
    }
}
