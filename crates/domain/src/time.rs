//! Legal time is Swedish time: a "day" or a "month" in the statute is counted on
//! the calendar in Europe/Stockholm (lag (1930:173) om beräkning av lagstadgad tid).

use jiff::{Span, Timestamp, Zoned, civil::Date, tz::TimeZone};

static STOCKHOLM: std::sync::LazyLock<TimeZone> =
    // The tz database is bundled (jiff feature `tzdb-bundle-always`), so this
    // cannot fail for a name it contains; UTC is a safe, visible fallback.
    std::sync::LazyLock::new(|| TimeZone::get("Europe/Stockholm").unwrap_or(TimeZone::UTC));

/// The time zone every legal period is counted in (looked up once).
pub fn stockholm() -> TimeZone {
    STOCKHOLM.clone()
}

/// The Swedish calendar date of an instant.
pub fn local_date(at: Timestamp) -> Date {
    at.to_zoned(stockholm()).date()
}

/// `at` plus a calendar span (hours, days, weeks, months, years) counted in Swedish time.
/// Saturates at the end of supported time rather than failing.
pub fn add_span(at: Timestamp, span: Span) -> Timestamp {
    let zoned: Zoned = at.to_zoned(stockholm());
    zoned.saturating_add(span).timestamp()
}

/// The instant a Swedish calendar day starts.
pub fn start_of_day(date: Date) -> Timestamp {
    date.to_zoned(stockholm())
        .map(|z| z.timestamp())
        .unwrap_or(Timestamp::MIN)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i32 {
    from.until(to).map(|s| s.get_days()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    #[test]
    fn months_are_calendar_months_in_stockholm() {
        let start: Timestamp = "2026-01-31T10:00:00+01:00".parse().unwrap();
        let end = add_span(start, 1.month());
        assert_eq!(end.to_string(), "2026-02-28T09:00:00Z");
    }

    #[test]
    fn local_date_uses_swedish_midnight() {
        let late: Timestamp = "2026-06-30T22:30:00Z".parse().unwrap();
        assert_eq!(local_date(late), jiff::civil::date(2026, 7, 1));
    }
}
