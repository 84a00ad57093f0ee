//! The report: every figure for one period, under one disclosure rule.

use crate::{
    cost::{Cost, cost},
    detention::{Detention, detention},
    disclosure::Disclosure,
    eurostat::{Eurostat, eurostat},
    executions::{Charters, Executions, charters, executions},
    facts::{ReportError, facts},
    lead_times::{LeadTime, lead_times},
    period::Period,
};
use opcentrum_domain::{Event, facility::Facility, ids::TripId, trip::TripOffer};
use serde::Serialize;
use std::collections::BTreeMap;

/// The report's JSON format.
pub const SCHEMA: &str = "opcentrum-report/1";

/// What a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// Whole case histories (at least every case that has a fact in the period:
    /// `store::report_histories` loads exactly those).
    pub histories: &'a [Vec<Event>],
    pub facilities: &'a [Facility],
    /// At least the offers of the trips executed cases left on.
    pub trips: &'a [TripOffer],
    pub period: Period,
    pub disclosure: Disclosure,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub period: Period,
    pub disclosure: Disclosure,
    /// Case histories read.
    pub cases_read: usize,
    pub executions: Executions,
    pub charters: Charters,
    pub lead_times: Vec<LeadTime>,
    pub detention: Detention,
    pub cost: Cost,
    pub eurostat: Eurostat,
}

/// Makes the report. Pure: the same input gives the same report.
pub fn report(input: &ReportInput<'_>) -> Result<Report, ReportError> {
    let facts = input
        .histories
        .iter()
        .enumerate()
        .map(|(i, h)| facts(i, h))
        .collect::<Result<Vec<_>, _>>()?;
    let offers: BTreeMap<&TripId, &TripOffer> = input.trips.iter().map(|t| (&t.id, t)).collect();
    let (p, d) = (input.period, input.disclosure);
    Ok(Report {
        schema: SCHEMA,
        period: p,
        disclosure: d,
        cases_read: facts.len(),
        executions: executions(&facts, &offers, p, d),
        charters: charters(&facts, &offers, p, d),
        lead_times: lead_times(&facts, p, d),
        detention: detention(&facts, input.facilities, p, d),
        cost: cost(&facts, &offers, p, d),
        eurostat: eurostat(&facts, p, d),
    })
}
