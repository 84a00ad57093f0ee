//! Executions in the period: by kind of trip and escort, the charter share, and
//! the persons on each charter.

use crate::{
    disclosure::{Disclosure, Stat},
    facts::{CaseFacts, Execution},
    period::Period,
    table::Table,
};
use jiff::civil::Date;
use opcentrum_domain::{
    Country,
    ids::TripId,
    trip::{TripKind, TripOffer},
};
use serde::Serialize;
use std::collections::BTreeMap;

/// Row keys of the executions table.
pub const CHARTER: &str = "charter";
pub const SCHEDULED: &str = "scheduled";
/// An execution whose trip is not among the offers (no kind, no cost).
pub const UNKNOWN_TRIP: &str = "unknown_trip";
/// Column keys.
pub const ESCORTED: &str = "escorted";
pub const NOT_ESCORTED: &str = "not_escorted";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Executions {
    /// Rows `charter`, `scheduled`, `unknown_trip`; columns `escorted`,
    /// `not_escorted`; with totals. Persons executed, by the day they left.
    pub by_kind: Table,
    /// Charter persons ÷ persons on a trip of known kind.
    pub charter_share: Stat,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CharterTrip {
    pub trip: TripId,
    pub destination: Country,
    pub date: Date,
    /// SEK, the whole plane.
    pub cost: u64,
    /// Cost ÷ persons executed on it.
    pub cost_per_person: Stat,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Charters {
    /// Charters that flew in the period with at least one person executed.
    pub flown: u64,
    /// One row per charter (trip id), one column `persons`.
    pub persons: Table,
    pub trips: Vec<CharterTrip>,
    /// Persons executed on charters ÷ charters flown.
    pub persons_per_charter: Stat,
}

/// The executions dated in the period, with the offer of their trip.
pub fn in_period<'a>(
    facts: &'a [CaseFacts],
    offers: &'a BTreeMap<&TripId, &TripOffer>,
    period: Period,
) -> impl Iterator<Item = (&'a Execution, Option<&'a TripOffer>)> + 'a {
    facts
        .iter()
        .filter_map(|f| f.executed.as_ref())
        .filter(move |x| period.contains(x.on))
        .map(|x| (x, offers.get(&x.trip).copied()))
}

pub fn executions(
    facts: &[CaseFacts],
    offers: &BTreeMap<&TripId, &TripOffer>,
    period: Period,
    d: Disclosure,
) -> Executions {
    let mut v = vec![vec![0u64; 2]; 3];
    for (x, offer) in in_period(facts, offers, period) {
        let row = match offer.map(|o| o.kind) {
            Some(TripKind::Charter) => 0,
            Some(TripKind::Scheduled) => 1,
            None => 2,
        };
        v[row][usize::from(!x.escorted)] += 1;
    }
    let by_kind = Table::new(
        vec![CHARTER.into(), SCHEDULED.into(), UNKNOWN_TRIP.into()],
        vec![ESCORTED.into(), NOT_ESCORTED.into()],
        &v,
        d,
    );
    let charter: u64 = v[0].iter().sum();
    let known = charter + v[1].iter().sum::<u64>();
    let share = (known > 0).then(|| charter as f64 / known as f64);
    let inputs = [by_kind.row_totals[0], by_kind.row_totals[1]];
    Executions {
        charter_share: Stat::from_counts(share, &inputs),
        by_kind,
    }
}

/// Persons executed on each trip, over every history given (a charter's cost is
/// spread over all its persons).
pub fn persons_per_trip(facts: &[CaseFacts]) -> BTreeMap<&TripId, u64> {
    let mut out = BTreeMap::new();
    for x in facts.iter().filter_map(|f| f.executed.as_ref()) {
        *out.entry(&x.trip).or_default() += 1;
    }
    out
}

pub fn charters(
    facts: &[CaseFacts],
    offers: &BTreeMap<&TripId, &TripOffer>,
    period: Period,
    d: Disclosure,
) -> Charters {
    let mut in_period: BTreeMap<&TripId, (u64, &TripOffer)> = BTreeMap::new();
    for (x, offer) in in_period_charters(facts, offers, period) {
        in_period.entry(&x.trip).or_insert((0, offer)).0 += 1;
    }
    // Charters in date order, then by id.
    let mut order: Vec<(&TripId, u64, &TripOffer)> =
        in_period.into_iter().map(|(k, (n, o))| (k, n, o)).collect();
    order.sort_by(|a, b| (a.2.date, a.0).cmp(&(b.2.date, b.0)));
    let all = persons_per_trip(facts);
    let persons = Table::new(
        order.iter().map(|(t, _, _)| t.to_string()).collect(),
        vec!["persons".into()],
        &order.iter().map(|(_, n, _)| vec![*n]).collect::<Vec<_>>(),
        d,
    );
    let trips = order
        .iter()
        .enumerate()
        .map(|(i, (t, _, o))| {
            let on_it = all.get(t).copied().unwrap_or(0);
            let per = (on_it > 0).then(|| o.cost as f64 / on_it as f64);
            CharterTrip {
                trip: (*t).clone(),
                destination: o.destination,
                date: o.date,
                cost: o.cost,
                cost_per_person: Stat::from_counts(per, &[persons.cells[i][0]]),
            }
        })
        .collect();
    let flown = order.len() as u64;
    let total: u64 = order.iter().map(|(_, n, _)| n).sum();
    let ppc = (flown > 0).then(|| total as f64 / flown as f64);
    Charters {
        flown,
        persons_per_charter: Stat::from_counts(ppc, &[persons.total]),
        persons,
        trips,
    }
}

fn in_period_charters<'a>(
    facts: &'a [CaseFacts],
    offers: &'a BTreeMap<&TripId, &TripOffer>,
    period: Period,
) -> impl Iterator<Item = (&'a Execution, &'a TripOffer)> + 'a {
    in_period(facts, offers, period).filter_map(|(x, o)| match o {
        Some(o) if o.kind == TripKind::Charter => Some((x, o)),
        _ => None,
    })
}
