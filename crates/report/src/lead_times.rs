//! Lead times per handover of the chain, in calendar days: a handover counts in
//! the period when its end falls in it.
//!
//! The legs (`final_to_police`, `police_to_transport_request`,
//! `transport_request_to_execution`), their start and end events, how a lead
//! time is counted and the median and p90: [`crate::figures`], shared with the
//! live picture.

use crate::{
    disclosure::{Count, Disclosure, Stat},
    facts::CaseFacts,
    figures::{self, Leg},
    period::Period,
};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadTime {
    /// `Leg::code`: `final_to_police`, `police_to_transport_request`,
    /// `transport_request_to_execution`.
    pub handover: &'static str,
    /// Handovers that ended in the period.
    pub n: Count,
    pub median_days: Stat,
    pub p90_days: Stat,
}

/// The lead times (days) of `leg` that ended in `period`.
pub fn days(facts: &[CaseFacts], leg: Leg, period: Period) -> Vec<i32> {
    facts
        .iter()
        .filter_map(|f| leg.dates(f))
        .filter(|(_, end)| period.contains(*end))
        .map(|(start, end)| figures::days(start, end))
        .collect()
}

pub fn lead_times(facts: &[CaseFacts], period: Period, d: Disclosure) -> Vec<LeadTime> {
    Leg::ALL
        .iter()
        .map(|leg| {
            let s = figures::summarise(days(facts, *leg, period));
            let n = s.n as u64;
            LeadTime {
                handover: leg.code(),
                n: Count::of(n, d),
                median_days: Stat::from_persons(s.median, n, d),
                p90_days: Stat::from_persons(s.p90, n, d),
            }
        })
        .collect()
}
