//! The lead-time figures, defined once: the legs of the chain (their names,
//! start and end events), how a lead time is counted, and its statistics. The
//! live picture (`opcentrum-server`, `web/figures.rs`) and the government
//! report (`lead_times`) both compute through this module, so the start page
//! and the report sent to the government give the same number for the same
//! handovers.
//!
//! **Counting.** A lead time is the number of calendar days between the Swedish
//! (Europe/Stockholm) dates of its start and its end: a handover accepted the
//! day after the decision became final took 1 day, whatever the hours. This is
//! the report's definition (docs/reports.md, "lead times": "Three handovers,
//! in calendar days: … the day the decision became final (laga kraft) → the
//! day the police accepted …"), and the one that can be reported at all: the
//! date a decision gains legal force (`final_on`) and the date a person left
//! (`executed.on`) are dates, with no hour, so a duration in hours would mix
//! instants with midnights. The picture therefore measures calendar days too
//! (it used to measure fractional days between instants).
//!
//! **Statistics.** The median (of an even count, the mean of the two middle
//! values) and the nearest-rank 90th percentile (the ⌈0.9·n⌉-th smallest),
//! [`crate::stats`]. Nearest rank always names a lead time some person had;
//! interpolating between ranks (the picture's earlier "type 7") invents one
//! and disagreed with the report.

use crate::{facts::CaseFacts, stats};
use jiff::{Timestamp, civil::Date};
use opcentrum_domain::time::{days_between, local_date};
use serde::Serialize;

/// The three handovers of the chain whose lead times are measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    /// The day the decision became final (laga kraft) → the day the police
    /// accepted Migrationsverket's handover (the first acceptance).
    FinalToPolice,
    /// The police accepted the handover → NTE accepted the police's transport
    /// request (the first acceptance).
    PoliceToTransportRequest,
    /// NTE accepted the transport request → the day the person left on the trip.
    TransportRequestToExecution,
}

impl Leg {
    /// In the order the report and the picture list them.
    pub const ALL: [Leg; 3] = [
        Leg::FinalToPolice,
        Leg::PoliceToTransportRequest,
        Leg::TransportRequestToExecution,
    ];

    /// The name in JSON, CSV, the report's labels and the picture's
    /// `leg.<code>` text keys.
    pub fn code(self) -> &'static str {
        match self {
            Leg::FinalToPolice => "final_to_police",
            Leg::PoliceToTransportRequest => "police_to_transport_request",
            Leg::TransportRequestToExecution => "transport_request_to_execution",
        }
    }

    pub fn parse(code: &str) -> Option<Leg> {
        Leg::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The (start, end) dates of this leg in one case's history, when both happened.
    pub fn dates(self, f: &CaseFacts) -> Option<(Date, Date)> {
        match self {
            Leg::FinalToPolice => Some((f.final_on?, f.handed_over_on?)),
            Leg::PoliceToTransportRequest => Some((f.handed_over_on?, f.transport_requested_on?)),
            Leg::TransportRequestToExecution => {
                Some((f.transport_requested_on?, f.executed.as_ref()?.on))
            }
        }
    }
}

/// The lead time from `start` to `end`: calendar days between the two dates.
pub fn days(start: Date, end: Date) -> i32 {
    days_between(start, end)
}

/// The lead time between two instants: calendar days between their Swedish dates.
pub fn days_between_instants(start: Timestamp, end: Timestamp) -> i32 {
    days(local_date(start), local_date(end))
}

/// Median and 90th percentile of a population of lead times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub n: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

/// The figures of a population of lead times (days, any order).
pub fn summarise(days: impl IntoIterator<Item = i32>) -> Summary {
    let mut v: Vec<f64> = days.into_iter().map(f64::from).collect();
    stats::sort(&mut v);
    Summary {
        n: v.len(),
        median: stats::median(&v),
        p90: stats::percentile(&v, 90),
    }
}

/// The median alone (the picture's weekly trend).
pub fn median(days: impl IntoIterator<Item = i32>) -> Option<f64> {
    summarise(days).median
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_lead_time_counts_calendar_days_in_swedish_time() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        // 23:30 → 00:30 the next day in Stockholm: one calendar day, one hour.
        assert_eq!(
            days_between_instants(t("2026-01-10T22:30:00Z"), t("2026-01-10T23:30:00Z")),
            1
        );
        // 00:10 → 23:50 the same Swedish day: none.
        assert_eq!(
            days_between_instants(t("2026-01-09T23:10:00Z"), t("2026-01-10T22:50:00Z")),
            0
        );
        // Across the change to summer time (29 March 2026): still whole days.
        assert_eq!(
            days_between_instants(t("2026-03-28T11:00:00Z"), t("2026-03-30T10:00:00Z")),
            2
        );
        assert_eq!(
            days("2026-02-27".parse().unwrap(), "2026-03-01".parse().unwrap()),
            2
        );
    }

    #[test]
    fn the_figures_are_the_median_and_the_nearest_rank_p90() {
        // Even count: the median is the mean of the middle two; the p90 is the
        // 4th of 4 (⌈3.6⌉), where interpolation would say 7.9.
        let s = summarise([10, 1, 3, 2]);
        assert_eq!((s.n, s.median, s.p90), (4, Some(2.5), Some(10.0)));
        let s = summarise(1..=10);
        assert_eq!((s.median, s.p90), (Some(5.5), Some(9.0)));
        let s = summarise([]);
        assert_eq!((s.n, s.median, s.p90), (0, None, None));
    }

    #[test]
    fn every_leg_has_one_name() {
        for l in Leg::ALL {
            assert_eq!(Leg::parse(l.code()), Some(l));
            assert_eq!(serde_json::to_value(l).unwrap(), l.code());
        }
    }
}
