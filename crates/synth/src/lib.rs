//! A synthetic, deterministic population for demos, tests and benchmarks: return
//! cases with realistic histories (every event accepted by the lifecycle's own
//! `decide`), Migrationsverket's detention facilities, NTE's roster and trip
//! offers for the coming weeks. Pure: options in, data out. Every name is
//! invented; docs/synthetic-data.md gives the figures it is calibrated to.

mod builder;
mod crew;
pub mod destinations;
mod facilities;
mod history;
mod names;
mod roster;
pub mod scenario;
pub mod scenario_roster;
mod trips;
mod work;

use builder::Builder;
use history::{GroupPlan, Outcome, PastTrip};
use jiff::{Timestamp, ToSpan, civil::Date};
use opcentrum_domain::{
    Case, Country, Event, RuleTable,
    escort::Escort,
    facility::{Facility, FacilityKind},
    ids::{FacilityId, FamilyId, TripId},
    trip::{TripKind, TripOffer},
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub use destinations::DESTINATIONS;

/// About the number of open return cases at Migrationsverket and the Police (2022).
pub const DEFAULT_CASES: usize = 50_000;
/// Days of trip offers and roster ahead of today.
pub const HORIZON_DAYS: i64 = 56;

#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub cases: usize,
    pub seed: u64,
    /// The demo's "now": no event is later.
    pub now: Timestamp,
    /// Number the cases from here (to generate a large store in chunks).
    pub first_index: usize,
    /// Place people in detention (false for every chunk after the first, so
    /// chunks together stay within the facilities' capacity).
    pub detain: bool,
}

impl SynthOptions {
    pub fn new(cases: usize, seed: u64, now: Timestamp) -> Self {
        SynthOptions {
            cases,
            seed,
            now,
            first_index: 0,
            detain: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct GeneratedCase {
    pub case: Case,
    pub events: Vec<Event>,
}

#[derive(Debug, Clone)]
pub struct Population {
    pub facilities: Vec<Facility>,
    pub escorts: Vec<Escort>,
    /// Trips offered for the coming weeks, and the past trips cases left on.
    pub trips: Vec<TripOffer>,
    /// The recorded crew of each charter (monitor notified, medical staff).
    pub crews: Vec<(
        opcentrum_domain::ids::TripId,
        opcentrum_domain::crew::TripCrew,
    )>,
    pub cases: Vec<GeneratedCase>,
    /// Events the lifecycle refused while generating (a generator defect; tests require none).
    pub refused: Vec<String>,
}

/// Shares of persons by where their case stands today.
const OUTCOMES: &[(Outcome, f64)] = &[
    (Outcome::Registered, 10.0),
    (Outcome::FinalInPeriod, 5.0),
    (Outcome::FinalAfterPeriod, 22.0),
    (Outcome::HandedOver, 38.0),
    (Outcome::TransportRequested, 7.0),
    (Outcome::Executed, 9.0),
    (Outcome::DepartedVoluntarily, 5.0),
    (Outcome::Expired, 2.0),
    (Outcome::PermitGranted, 1.5),
    (Outcome::Cancelled, 0.5),
];

fn pick_outcome(u: f64) -> Outcome {
    let total: f64 = OUTCOMES.iter().map(|o| o.1).sum();
    let mut x = u * total;
    for (o, w) in OUTCOMES {
        if x < *w {
            return *o;
        }
        x -= w;
    }
    Outcome::HandedOver
}

/// Target occupancy of the detention units.
const OCCUPANCY: f64 = 0.9;

/// The sequential pre-pass: group sizes, destinations, outcomes and who is
/// detained where (places are shared, so this part cannot be parallel).
fn plan_groups(opts: &SynthOptions, facilities: &[Facility]) -> Vec<GroupPlan> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ (opts.first_index as u64).rotate_left(17));
    let cum = destinations::cumulative();
    let units: Vec<&Facility> = facilities
        .iter()
        .filter(|f| f.kind == FacilityKind::DetentionUnit)
        .collect();
    let mut free: Vec<u32> = units
        .iter()
        .map(|f| (f64::from(f.capacity) * OCCUPANCY) as u32)
        .collect();
    let mut groups = Vec::new();
    let mut index = opts.first_index;
    let end = opts.first_index + opts.cases;
    while index < end {
        // About 30% of persons are in families of 2–6.
        let size = if rng.random_bool(0.1) {
            rng.random_range(2..=6usize)
        } else {
            1
        };
        let size = size.min(end - index);
        let destination = destinations::pick(&cum, rng.random::<f64>());
        let outcome = pick_outcome(rng.random::<f64>());
        let p_detained = match (outcome, size) {
            (Outcome::TransportRequested, 1) => 0.45,
            (Outcome::TransportRequested, _) => 0.1,
            (Outcome::FinalAfterPeriod, 1) => 0.01,
            (Outcome::HandedOver, 1) => 0.004,
            _ => 0.0,
        };
        let mut detention = None;
        if opts.detain && p_detained > 0.0 && rng.random_bool(p_detained) {
            let start = rng.random_range(0..units.len().max(1));
            for k in 0..units.len() {
                let u = (start + k) % units.len();
                if free[u] as usize >= size {
                    free[u] -= size as u32;
                    detention = Some(units[u].id.clone());
                    break;
                }
            }
        }
        groups.push(GroupPlan {
            first_index: index,
            size,
            destination,
            outcome,
            detention,
            seed: rng.random(),
        });
        index += size;
    }
    groups
}

/// A past trip for an executed case: a charter (12th of a month) to a large
/// destination for some, otherwise a scheduled flight.
fn past_trip<R: Rng>(
    rng: &mut R,
    dest: &'static str,
    earliest: Date,
    today: Date,
    index: usize,
) -> Option<PastTrip> {
    let from = earliest.max(today.saturating_sub(365.days()));
    let to = today.saturating_sub(1.day());
    if from > to {
        return None;
    }
    let span = from.until(to).map(|s| s.get_days()).unwrap_or(0).max(0);
    let date = from.saturating_add(i64::from(rng.random_range(0..=span)).days());
    let charter_dest = destinations::DESTINATIONS
        .iter()
        .take(destinations::CHARTER_DESTINATIONS)
        .any(|(c, _)| *c == dest);
    let destination = Country::parse(dest).ok()?;
    if charter_dest && rng.random_bool(0.35) {
        let day12 = Date::new(date.year(), date.month(), 12).ok()?;
        if day12 >= from && day12 <= to {
            let id =
                TripId::parse(format!("C-{dest}-{:04}{:02}", day12.year(), day12.month())).ok()?;
            return Some(PastTrip {
                id,
                destination,
                date: day12,
                charter: true,
            });
        }
    }
    let id = TripId::parse(format!("S-{dest}-{}-{index}", date.strftime("%Y%m%d"))).ok()?;
    Some(PastTrip {
        id,
        destination,
        date,
        charter: false,
    })
}

/// Generates the population. Deterministic: the same options give the same data.
pub fn generate(opts: &SynthOptions) -> Population {
    let rules = RuleTable::default();
    let today = opcentrum_domain::time::local_date(opts.now);
    let facilities = facilities::facilities();
    let groups = plan_groups(opts, &facilities);
    let year = today.year();

    let results: Vec<(Vec<GeneratedCase>, Vec<String>, Vec<PastTrip>)> = groups
        .par_iter()
        .map(|plan| {
            let mut rng = ChaCha8Rng::seed_from_u64(plan.seed);
            let tl = history::timeline(&mut rng, plan.outcome, today, plan.size > 1);
            let members = history::members(&mut rng, plan, tl.decided_on, year);
            let family = (plan.size > 1)
                .then(|| FamilyId::parse(format!("F-{:07}", plan.first_index + 1)).ok())
                .flatten();
            let trip = match (plan.outcome, tl.final_on) {
                (Outcome::Executed, Some(f)) => past_trip(
                    &mut rng,
                    plan.destination,
                    f.saturating_add(260.days()),
                    today,
                    plan.first_index,
                ),
                _ => None,
            };
            let mut cases = Vec::with_capacity(plan.size);
            let mut refused = Vec::new();
            for m in &members {
                let mut b = Builder::new(
                    m.id.clone(),
                    opts.now,
                    &rules,
                    &facilities,
                    (plan.first_index % 7) as u8,
                );
                let is_child = m.person.is_child_on(today);
                history::history(
                    &mut rng,
                    &mut b,
                    m,
                    plan,
                    &tl,
                    family.as_ref(),
                    today,
                    is_child,
                    trip.as_ref(),
                );
                refused.append(&mut b.refused);
                if let Some(case) = b.case {
                    cases.push(GeneratedCase {
                        case,
                        events: b.events,
                    });
                }
            }
            (cases, refused, trip.into_iter().collect())
        })
        .collect();

    let mut cases = Vec::with_capacity(opts.cases);
    let mut refused = Vec::new();
    let mut past: BTreeMap<TripId, PastTrip> = BTreeMap::new();
    for (c, r, t) in results {
        cases.extend(c);
        refused.extend(r);
        for trip in t {
            past.entry(trip.id.clone()).or_insert(trip);
        }
    }

    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x005E_ED0F_7219);
    let escorts = roster::roster(&mut rng, (opts.cases / 150).max(60), today, HORIZON_DAYS);
    let mut trips = trips::offers(&mut rng, today, HORIZON_DAYS, 150);
    trips.extend(past.into_values().map(|t| TripOffer {
        id: t.id,
        kind: if t.charter {
            TripKind::Charter
        } else {
            TripKind::Scheduled
        },
        destination: t.destination,
        date: t.date,
        seats: if t.charter { 120 } else { 4 },
        quota: t.charter.then_some(60),
        cost: if t.charter { 1_200_000 } else { 6_000 },
    }));
    if opts.detain {
        // The first chunk of a population only (as detention), so chunks stay independent.
        work::half_fill(&mut cases, &trips, opts.now, &rules, &facilities, today);
    }
    let crews = crew::crews(&trips, today);
    Population {
        facilities,
        escorts,
        trips,
        crews,
        cases,
        refused,
    }
}

/// The facility a detained case is in (for tests and occupancy checks).
pub fn occupancy(pop: &Population) -> BTreeMap<FacilityId, u32> {
    let mut out = BTreeMap::new();
    for c in &pop.cases {
        if let Some(p) = &c.case.detention {
            *out.entry(p.facility.clone()).or_default() += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
