//! Periods counted by lag (1930:173) om beräkning av lagstadgad tid, on the
//! Swedish calendar of lag (1989:253) om allmänna helgdagar.
//!
//! 1 §: a period in weeks, months or years ends on the day that by its name in the
//! week or its number in the month matches the start day (the last day of the
//! month when there is no such day). 2 §: when the last day for an action falls on
//! a Sunday, another public holiday, a Saturday, Midsummer Eve, Christmas Eve or
//! New Year's Eve, the action may be taken on the next working day.

use jiff::{
    ToSpan,
    civil::{Date, Weekday},
};

/// Easter Sunday (påskdagen) of a Gregorian year: the anonymous Gregorian
/// algorithm (Meeus/Jones/Butcher), valid for every year jiff supports.
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31 by construction.
    Date::new(year, month as i8, day as i8).unwrap_or(Date::new(year, 4, 1).unwrap_or(Date::MIN))
}

/// The Saturday in the week from `from` (e.g. midsommardagen: 20–26 June).
fn saturday_from(from: Date) -> Date {
    let mut d = from;
    while d.weekday() != Weekday::Saturday {
        d = d.saturating_add(1.day());
    }
    d
}

fn md(year: i16, month: i8, day: i8) -> Date {
    Date::new(year, month, day).unwrap_or(Date::MIN)
}

/// An allmän helgdag other than an ordinary Sunday (lag (1989:253) 1–2 §§).
/// Never shown: only whether a day is one counts (lag (1930:173) 2 §).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// nyårsdagen, 1 January
    NewYearsDay,
    /// trettondedag jul, 6 January
    Epiphany,
    /// långfredagen
    GoodFriday,
    /// påskdagen
    EasterSunday,
    /// annandag påsk
    EasterMonday,
    /// första maj
    MayDay,
    /// Kristi himmelsfärdsdag
    AscensionDay,
    /// pingstdagen
    Whitsunday,
    /// annandag pingst (a holiday until 2004)
    WhitMonday,
    /// nationaldagen, 6 June (a holiday from 2005)
    NationalDay,
    /// midsommardagen, the Saturday 20–26 June
    MidsummerDay,
    /// alla helgons dag, the Saturday 31 October – 6 November
    AllSaintsDay,
    /// juldagen, 25 December
    ChristmasDay,
    /// annandag jul, 26 December
    BoxingDay,
}

/// The allmän helgdag other than an ordinary Sunday that `day` is, if any
/// (lag (1989:253) 1–2 §§, in the version from 2005-04-01: nationaldagen in,
/// annandag pingst out).
pub fn public_holiday(day: Date) -> Option<Holiday> {
    let y = day.year();
    let easter = easter_sunday(y);
    let fixed = [
        (md(y, 1, 1), Holiday::NewYearsDay),
        (md(y, 1, 6), Holiday::Epiphany),
        (md(y, 5, 1), Holiday::MayDay),
        (md(y, 12, 25), Holiday::ChristmasDay),
        (md(y, 12, 26), Holiday::BoxingDay),
        (easter.saturating_sub(2.days()), Holiday::GoodFriday),
        (easter, Holiday::EasterSunday),
        (easter.saturating_add(1.day()), Holiday::EasterMonday),
        (easter.saturating_add(39.days()), Holiday::AscensionDay),
        (easter.saturating_add(49.days()), Holiday::Whitsunday),
        (saturday_from(md(y, 6, 20)), Holiday::MidsummerDay),
        (saturday_from(md(y, 10, 31)), Holiday::AllSaintsDay),
    ];
    if let Some((_, holiday)) = fixed.iter().find(|(d, _)| *d == day) {
        return Some(*holiday);
    }
    if day == md(y, 6, 6) && y >= 2005 {
        return Some(Holiday::NationalDay);
    }
    if y < 2005 && day == easter.saturating_add(50.days()) {
        return Some(Holiday::WhitMonday);
    }
    None
}

/// A day on which a period may not end (1930:173 2 §): Saturday, Sunday, a public
/// holiday, Midsummer Eve, Christmas Eve or New Year's Eve.
pub fn is_non_working(day: Date) -> bool {
    let y = day.year();
    matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday)
        || public_holiday(day).is_some()
        || day == saturday_from(md(y, 6, 20)).saturating_sub(1.day())
        || day == md(y, 12, 24)
        || day == md(y, 12, 31)
}

/// The next working day on or after `day`.
pub fn working_day_on_or_after(day: Date) -> Date {
    let mut d = day;
    // At most a few days: no run of non-working days is longer than four.
    for _ in 0..10 {
        if !is_non_working(d) {
            return d;
        }
        d = d.saturating_add(1.day());
    }
    d
}

/// The last day of a period of `span` from `start` (1930:173 1 §: the matching day
/// by name or number; jiff clamps a missing day to the month's last), moved to the
/// next working day (2 §) when the period is one for an action.
pub fn last_day(start: Date, span: jiff::Span) -> Date {
    working_day_on_or_after(start.saturating_add(span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_in_known_years() {
        // Published dates of påskdagen.
        for (y, m, d) in [
            (2019, 4, 21),
            (2020, 4, 12),
            (2021, 4, 4),
            (2022, 4, 17),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), date(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_swedish_holidays_of_2026() {
        let days: Vec<(Date, Holiday)> = (0..365)
            .map(|i| date(2026, 1, 1).saturating_add(i.days()))
            .filter_map(|d| public_holiday(d).map(|h| (d, h)))
            .collect();
        assert_eq!(
            days,
            vec![
                (date(2026, 1, 1), Holiday::NewYearsDay),
                (date(2026, 1, 6), Holiday::Epiphany),
                (date(2026, 4, 3), Holiday::GoodFriday),
                (date(2026, 4, 5), Holiday::EasterSunday),
                (date(2026, 4, 6), Holiday::EasterMonday),
                (date(2026, 5, 1), Holiday::MayDay),
                (date(2026, 5, 14), Holiday::AscensionDay),
                (date(2026, 5, 24), Holiday::Whitsunday),
                (date(2026, 6, 6), Holiday::NationalDay),
                (date(2026, 6, 20), Holiday::MidsummerDay),
                (date(2026, 10, 31), Holiday::AllSaintsDay),
                (date(2026, 12, 25), Holiday::ChristmasDay),
                (date(2026, 12, 26), Holiday::BoxingDay),
            ]
        );
    }

    #[test]
    fn eves_and_weekends_are_not_working_days() {
        assert!(is_non_working(date(2026, 6, 19))); // midsommarafton (Friday)
        assert!(is_non_working(date(2026, 12, 24))); // julafton (Thursday)
        assert!(is_non_working(date(2026, 12, 31))); // nyårsafton (Thursday)
        assert!(is_non_working(date(2026, 12, 5))); // Saturday
        assert!(is_non_working(date(2026, 12, 6))); // Sunday
        assert!(!is_non_working(date(2026, 12, 7))); // Monday
        assert!(!is_non_working(date(2026, 4, 2))); // skärtorsdagen: a working day
        assert!(!is_non_working(date(2026, 12, 30)));
    }

    #[test]
    fn a_period_ending_on_a_non_working_day_ends_on_the_next_working_day() {
        // Three weeks from Friday 2026-12-04: Friday 2026-12-25 (juldagen) → Monday 28th.
        assert_eq!(last_day(date(2026, 12, 4), 3.weeks()), date(2026, 12, 28));
        // From Thursday 2026-12-10: Thursday 31st (nyårsafton), then nyårsdagen and a weekend → Monday 4 Jan 2027.
        assert_eq!(last_day(date(2026, 12, 10), 3.weeks()), date(2027, 1, 4));
        // Easter: from Friday 2026-03-13, three weeks is långfredagen 3 April → Tuesday 7 April.
        assert_eq!(last_day(date(2026, 3, 13), 3.weeks()), date(2026, 4, 7));
        // A working day stays.
        assert_eq!(last_day(date(2026, 11, 2), 3.weeks()), date(2026, 11, 23));
    }

    #[test]
    fn months_end_on_the_matching_day_or_the_months_last() {
        // 1930:173 1 §: from 31 January, one month ends 28 February (a Saturday in 2026 → Monday 2 March).
        assert_eq!(
            date(2026, 1, 31).saturating_add(1.month()),
            date(2026, 2, 28)
        );
        assert_eq!(last_day(date(2026, 1, 31), 1.month()), date(2026, 3, 2));
    }
}
