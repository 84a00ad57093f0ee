//! Lead times per handover of the chain, in calendar days: a handover counts in
//! the period when its end falls in it.
//!
//! - `final_to_police`: the day the decision became final (laga kraft) → the
//!   day the police accepted Migrationsverket's handover.
//! - `police_to_transport_request`: the police accepted the handover → NTE
//!   accepted the police's transport request.
//! - `transport_request_to_execution`: NTE accepted the request → the day the
//!   person left on the trip.

use crate::{
    disclosure::{Count, Disclosure, Stat},
    facts::CaseFacts,
    period::Period,
    stats,
};
use jiff::civil::Date;
use opcentrum_domain::time::days_between;
use serde::Serialize;

pub const FINAL_TO_POLICE: &str = "final_to_police";
pub const POLICE_TO_TRANSPORT_REQUEST: &str = "police_to_transport_request";
pub const TRANSPORT_REQUEST_TO_EXECUTION: &str = "transport_request_to_execution";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadTime {
    /// `final_to_police`, `police_to_transport_request`, `transport_request_to_execution`.
    pub handover: &'static str,
    /// Handovers that ended in the period.
    pub n: Count,
    pub median_days: Stat,
    pub p90_days: Stat,
}

type Span = fn(&CaseFacts) -> Option<(Date, Date)>;

const SPANS: [(&str, Span); 3] = [
    (FINAL_TO_POLICE, |f| Some((f.final_on?, f.handed_over_on?))),
    (POLICE_TO_TRANSPORT_REQUEST, |f| {
        Some((f.handed_over_on?, f.transport_requested_on?))
    }),
    (TRANSPORT_REQUEST_TO_EXECUTION, |f| {
        Some((f.transport_requested_on?, f.executed.as_ref()?.on))
    }),
];

pub fn lead_times(facts: &[CaseFacts], period: Period, d: Disclosure) -> Vec<LeadTime> {
    SPANS
        .iter()
        .map(|(name, span)| {
            let mut days: Vec<f64> = facts
                .iter()
                .filter_map(span)
                .filter(|(_, end)| period.contains(*end))
                .map(|(start, end)| f64::from(days_between(start, end)))
                .collect();
            stats::sort(&mut days);
            let n = days.len() as u64;
            LeadTime {
                handover: name,
                n: Count::of(n, d),
                median_days: Stat::from_persons(stats::median(&days), n, d),
                p90_days: Stat::from_persons(stats::percentile(&days, 90), n, d),
            }
        })
        .collect()
}
