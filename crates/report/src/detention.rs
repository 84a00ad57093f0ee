//! Detention: occupancy of Migrationsverket's detention places, stays, and
//! releases because a legal limit was reached.
//!
//! Occupancy is a census at the end of each day (24:00 Swedish time) of the
//! placements in detention units (`FacilityKind::DetentionUnit`), against their
//! places. A stay is one or more detention placements (förvar: a basis that
//! `is_detention`) joined by transfers; its length runs from the first start to
//! the last end, in days of 24 hours.

use crate::{
    disclosure::{Count, Disclosure, Stat},
    facts::CaseFacts,
    period::Period,
    stats,
};
use jiff::{SignedDuration, Timestamp, ToSpan, civil::Date};
use opcentrum_domain::{
    detention::{Placement, ReleaseReason},
    facility::{Facility, FacilityKind},
    ids::FacilityId,
    time::local_date,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayOccupancy {
    pub day: Date,
    pub occupied: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacilityOccupancy {
    pub facility: FacilityId,
    pub name: String,
    pub places: u32,
    pub mean_occupied: Stat,
    /// Mean occupied ÷ places.
    pub occupancy: Stat,
    pub peak_occupied: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detention {
    /// Places in detention units.
    pub places: u64,
    pub mean_occupied: Stat,
    pub occupancy: Stat,
    pub peak_occupied: Count,
    /// Persons in a detention unit at the end of each day.
    pub daily: Vec<DayOccupancy>,
    pub facilities: Vec<FacilityOccupancy>,
    /// Stays that ended in the period, and their length.
    pub stays_ended: Count,
    pub stay_mean_days: Stat,
    pub stay_median_days: Stat,
    /// Stays that began in the period.
    pub stays_started: Count,
    /// Placements ended in the period because a legal limit was reached.
    pub released_at_limit: Count,
    /// Of which children (under 18 when the placement began).
    pub released_at_limit_children: Count,
}

/// Day indices of the period on whose census the placement counts, if any.
fn census_days(p: &Placement, period: Period) -> Option<(usize, usize)> {
    let first = local_date(p.started_at).max(period.from);
    let last = match p.ended_at {
        // The last census before the end: the day before the day of (end − 1 ns).
        Some(end) => local_date(
            end.checked_sub(SignedDuration::from_nanos(1))
                .unwrap_or(Timestamp::MIN),
        )
        .saturating_sub(1.day()),
        None => period.to,
    }
    .min(period.to);
    if last < first {
        return None;
    }
    Some((period.index(first)?, period.index(last)?))
}

struct Census {
    /// Difference array: +1 at the first day, −1 after the last.
    diff: Vec<i64>,
    persons: BTreeSet<usize>,
}

impl Census {
    fn new(days: usize) -> Census {
        Census {
            diff: vec![0; days + 1],
            persons: BTreeSet::new(),
        }
    }
    fn add(&mut self, (a, b): (usize, usize), person: usize) {
        self.diff[a] += 1;
        self.diff[b + 1] -= 1;
        self.persons.insert(person);
    }
    fn daily(&self) -> Vec<u64> {
        let mut level = 0i64;
        self.diff[..self.diff.len() - 1]
            .iter()
            .map(|d| {
                level += d;
                u64::try_from(level).unwrap_or(0)
            })
            .collect()
    }
}

struct Summary {
    mean: Stat,
    occupancy: Stat,
    peak: Count,
}

fn summarise(daily: &[u64], persons: u64, places: u64, d: Disclosure) -> Summary {
    let values: Vec<f64> = daily.iter().map(|n| *n as f64).collect();
    let mean = stats::mean(&values);
    Summary {
        mean: Stat::from_persons(mean, persons, d),
        occupancy: Stat::from_persons(
            mean.filter(|_| places > 0).map(|m| m / places as f64),
            persons,
            d,
        ),
        peak: Count::of(daily.iter().copied().max().unwrap_or(0), d),
    }
}

/// Stays: detention placements joined by transfers → (start, end).
fn stays(placements: &[Placement]) -> Vec<(Timestamp, Option<Timestamp>)> {
    let mut out: Vec<(Timestamp, Option<Timestamp>)> = Vec::new();
    let mut joining = false;
    for p in placements.iter().filter(|p| p.basis.is_detention()) {
        match out.last_mut() {
            Some(last) if joining => last.1 = p.ended_at,
            _ => out.push((p.started_at, p.ended_at)),
        }
        joining = p.end_reason == Some(ReleaseReason::Transferred);
    }
    out
}

pub fn detention(
    facts: &[CaseFacts],
    facilities: &[Facility],
    period: Period,
    d: Disclosure,
) -> Detention {
    let units: Vec<&Facility> = facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::DetentionUnit)
        .collect();
    let index: BTreeMap<&FacilityId, usize> =
        units.iter().enumerate().map(|(i, f)| (&f.id, i)).collect();
    let days = usize::try_from(period.days()).unwrap_or(0);
    let mut per_unit: Vec<Census> = units.iter().map(|_| Census::new(days)).collect();
    let mut all = Census::new(days);
    let mut lengths = Vec::new();
    let mut started = 0u64;
    let mut at_limit = 0u64;
    let mut at_limit_children = 0u64;
    for (person, f) in facts.iter().enumerate() {
        for p in &f.placements {
            if let (Some(u), Some(span)) = (index.get(&p.facility), census_days(p, period)) {
                per_unit[*u].add(span, person);
                all.add(span, person);
            }
            if p.end_reason == Some(ReleaseReason::ReleasedAtLimit)
                && p.ended_at.is_some_and(|e| period.contains(local_date(e)))
            {
                at_limit += 1;
                if local_date(p.started_at) < f.adult_from {
                    at_limit_children += 1;
                }
            }
        }
        for (start, end) in stays(&f.placements) {
            if period.contains(local_date(start)) {
                started += 1;
            }
            if let Some(end) = end.filter(|e| period.contains(local_date(*e))) {
                lengths.push(start.duration_until(end).as_secs_f64() / 86_400.0);
            }
        }
    }
    let places: u64 = units.iter().map(|f| u64::from(f.capacity)).sum();
    let daily = all.daily();
    let whole = summarise(&daily, all.persons.len() as u64, places, d);
    stats::sort(&mut lengths);
    let ended = lengths.len() as u64;
    Detention {
        places,
        mean_occupied: whole.mean,
        occupancy: whole.occupancy,
        peak_occupied: whole.peak,
        daily: period
            .each_day()
            .zip(&daily)
            .map(|(day, n)| DayOccupancy {
                day,
                occupied: Count::of(*n, d),
            })
            .collect(),
        facilities: units
            .iter()
            .zip(&per_unit)
            .map(|(f, c)| {
                let s = summarise(&c.daily(), c.persons.len() as u64, u64::from(f.capacity), d);
                FacilityOccupancy {
                    facility: f.id.clone(),
                    name: f.name.clone(),
                    places: f.capacity,
                    mean_occupied: s.mean,
                    occupancy: s.occupancy,
                    peak_occupied: s.peak,
                }
            })
            .collect(),
        stays_ended: Count::of(ended, d),
        stay_mean_days: Stat::from_persons(stats::mean(&lengths), ended, d),
        stay_median_days: Stat::from_persons(stats::median(&lengths), ended, d),
        stays_started: Count::of(started, d),
        released_at_limit: Count::of(at_limit, d),
        released_at_limit_children: Count::of(at_limit_children, d),
    }
}
