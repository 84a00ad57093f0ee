//! The period a report covers: calendar days in Swedish time, both ends included,
//! and the calendar quarters it touches (the Eurostat tables are quarterly).

use jiff::{ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

/// Why a period is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("to: {to} is before from ({from})")]
    ToBeforeFrom { from: Date, to: Date },
    #[error("to: the period may cover at most {max} days ({from} – {to} is longer)")]
    TooLong { from: Date, to: Date, max: i32 },
}

/// Longest period a report covers (ten years).
pub const MAX_DAYS: i32 = 3_653;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn new(from: Date, to: Date) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::ToBeforeFrom { from, to });
        }
        let p = Period { from, to };
        if p.days() > MAX_DAYS {
            return Err(PeriodError::TooLong {
                from,
                to,
                max: MAX_DAYS,
            });
        }
        Ok(p)
    }

    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i32 {
        opcentrum_domain::time::days_between(self.from, self.to) + 1
    }

    /// Index of a day in the period (0 for `from`), if inside.
    pub fn index(&self, day: Date) -> Option<usize> {
        if !self.contains(day) {
            return None;
        }
        usize::try_from(opcentrum_domain::time::days_between(self.from, day)).ok()
    }

    /// Every day of the period.
    pub fn each_day(&self) -> impl Iterator<Item = Date> + '_ {
        (0..self.days()).map(move |i| self.from.saturating_add(i64::from(i).days()))
    }

    /// The calendar quarters the period touches, in order.
    pub fn quarters(&self) -> Vec<Quarter> {
        let mut out = Vec::new();
        let mut q = Quarter::of(self.from);
        while q.first_day() <= self.to {
            out.push(q);
            q = q.next();
        }
        out
    }

    /// Is the quarter only partly inside the period?
    pub fn covers_partly(&self, q: Quarter) -> bool {
        q.first_day() < self.from || q.last_day() > self.to
    }
}

/// A calendar quarter, e.g. 2026-Q1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i16,
    /// 1–4.
    pub quarter: i8,
}

impl Quarter {
    pub fn of(day: Date) -> Quarter {
        Quarter {
            year: day.year(),
            quarter: (day.month() - 1) / 3 + 1,
        }
    }
    pub fn first_day(self) -> Date {
        Date::new(self.year, (self.quarter - 1) * 3 + 1, 1).unwrap_or(Date::MIN)
    }
    pub fn last_day(self) -> Date {
        self.next().first_day().saturating_sub(1.day())
    }
    pub fn next(self) -> Quarter {
        if self.quarter == 4 {
            Quarter {
                year: self.year.saturating_add(1),
                quarter: 1,
            }
        } else {
            Quarter {
                year: self.year,
                quarter: self.quarter + 1,
            }
        }
    }
    /// `2026-Q1`.
    pub fn code(self) -> String {
        format!("{}-Q{}", self.year, self.quarter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_period_knows_its_days_and_quarters() {
        let p = Period::new(date(2025, 11, 15), date(2026, 4, 2)).unwrap();
        assert_eq!(p.days(), 139);
        let codes: Vec<String> = p.quarters().into_iter().map(Quarter::code).collect();
        assert_eq!(codes, ["2025-Q4", "2026-Q1", "2026-Q2"]);
        assert!(p.covers_partly(Quarter::of(date(2025, 12, 1))));
        assert!(!p.covers_partly(Quarter::of(date(2026, 2, 1))));
        assert_eq!(Quarter::of(date(2026, 2, 1)).last_day(), date(2026, 3, 31));
        assert_eq!(p.index(date(2025, 11, 16)), Some(1));
        assert_eq!(p.index(date(2025, 11, 14)), None);
    }

    #[test]
    fn to_before_from_names_the_field() {
        let e = Period::new(date(2026, 2, 1), date(2026, 1, 31)).unwrap_err();
        assert_eq!(e.to_string(), "to: 2026-01-31 is before from (2026-02-01)");
        assert!(Period::new(date(2026, 2, 1), date(2026, 2, 1)).is_ok());
    }
}
