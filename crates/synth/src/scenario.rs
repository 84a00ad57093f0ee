//! Planning scenarios (`opcentrum-planning/1`) of any size, for `opcentrum
//! scenario gen`, the planner's tests and its benchmark. Deterministic per seed.
//!
//! Calibration (docs/synthetic-data.md): destinations skewed as in the return
//! statistics; about a third detained, most of them escorted; families of two to
//! five; charters to the largest destinations with receiving-country quotas.
//!
//! Two kinds (`ScenarioOptions::roster`, see `scenario_roster`):
//! - `Patterns`: escorts on a few rota patterns, so those of one sex and pattern
//!   are interchangeable; charters of 80–150 seats, one per large destination in
//!   turn; families detained together in three of ten.
//! - `Individual`: what the field has — every escort with their own leave,
//!   part-time blocks and courses (one or several windows each); charters from
//!   small jets to wide-bodies, quotas and costs to match, to destinations drawn
//!   by their share (several to one destination); families of up to five, a
//!   quarter of them detained.

use crate::destinations::{CHARTER_DESTINATIONS, DESTINATIONS, cumulative, pick};
pub use crate::scenario_roster::RosterKind;
use crate::scenario_roster::{individual_escorts, pattern_escorts};
use jiff::ToSpan;
use jiff::civil::Date;
use opcentrum_domain::Country;
use opcentrum_planner::scenario::{
    Charter, Flight, Params, Person, SCENARIO_FORMAT, Scenario, Sex, TripDays,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Debug, Clone)]
pub struct ScenarioOptions {
    pub persons: usize,
    pub escorts: usize,
    pub days: u32,
    pub charters: usize,
    pub flights: usize,
    pub seed: u64,
    pub start: Date,
    pub roster: RosterKind,
}

impl ScenarioOptions {
    /// Sizes in the proportions of a Swedish month: 300 persons, 60 escorts, a few
    /// charters and about 150 scheduled flights over 28 days.
    pub fn new(persons: usize, seed: u64, start: Date) -> Self {
        ScenarioOptions {
            persons,
            escorts: (persons / 5).max(2),
            days: 28,
            charters: (persons / 100).max(1),
            flights: (persons / 2).max(2),
            seed,
            start,
            roster: RosterKind::Patterns,
        }
    }
}

fn day(start: Date, d: i64) -> Date {
    start.checked_add(d.days()).unwrap_or(start)
}

fn country(code: &str) -> Country {
    // The destination table holds valid codes only (tested in destinations.rs).
    Country::parse(code).unwrap_or_else(|_| Country::parse("IQ").expect("IQ is a country"))
}

pub fn generate_scenario(o: &ScenarioOptions) -> Scenario {
    let mut rng = ChaCha8Rng::seed_from_u64(o.seed ^ 0x5ce7_a210);
    let cum = cumulative();
    let days = i64::from(o.days.max(1));
    let start = o.start;

    let mut persons = Vec::with_capacity(o.persons);
    let mut family_no = 0;
    while persons.len() < o.persons {
        let destination = country(pick(&cum, rng.random::<f64>()));
        let left = o.persons - persons.len();
        let size = if left >= 2 && rng.random_bool(0.06) {
            rng.random_range(2..=5.min(left))
        } else {
            1
        };
        let family = (size > 1).then(|| {
            family_no += 1;
            format!("F{family_no:04}")
        });
        let base_ready = rng.random_range(-7..(days * 4 / 5).max(1));
        // A family in detention is detained together with children (FL 11 kap.).
        let family_detained = rng.random_bool(match o.roster {
            RosterKind::Patterns => 0.3,
            RosterKind::Individual => 0.25,
        });
        for m in 0..size {
            let adult = m < 2;
            let detained = if size > 1 {
                family_detained
            } else {
                rng.random_bool(0.35)
            };
            let escorted = adult
                && if detained {
                    rng.random_bool(0.75)
                } else {
                    rng.random_bool(0.08)
                };
            let sex = if rng.random_bool(if size > 1 { 0.5 } else { 0.72 }) {
                Sex::M
            } else {
                Sex::F
            };
            // Members of a family become ready on nearly the same day.
            let ready = base_ready + if size > 1 { rng.random_range(0..3) } else { 0 };
            let must_leave_by = if detained {
                // The detention limit: two weeks to two months ahead, rarely past.
                Some(day(start, ready + rng.random_range(-2..60)))
            } else if rng.random_bool(0.15) {
                // The decision lapses (UtlL 12 kap. 22 §).
                Some(day(start, ready + rng.random_range(5..90)))
            } else {
                None
            };
            let n = persons.len() + 1;
            persons.push(Person {
                id: format!("P{n:05}"),
                family: family.clone(),
                destination,
                sex,
                escorted,
                detained,
                ready_from: day(start, ready),
                must_leave_by,
            });
        }
    }

    let charters = match o.roster {
        RosterKind::Patterns => pattern_charters(&mut rng, o.charters, start, days),
        RosterKind::Individual => field_charters(&mut rng, o.charters, start, days),
    };

    let flights = (0..o.flights)
        .map(|i| {
            let code = pick(&cum, rng.random::<f64>());
            Flight {
                id: format!("S{:04}", i + 1),
                destination: country(code),
                date: day(start, rng.random_range(0..days)),
                returnee_seats: [1, 2, 2, 2, 3][rng.random_range(0..5)],
                ticket_cost: rng.random_range(40..=150u64) * 100,
            }
        })
        .collect();

    let escorts = match o.roster {
        RosterKind::Patterns => pattern_escorts(&mut rng, o.escorts, start, days),
        RosterKind::Individual => individual_escorts(&mut rng, o.escorts, start, days),
    };

    Scenario {
        format: SCENARIO_FORMAT.to_string(),
        horizon_start: start,
        horizon_days: o.days.max(1),
        params: Params {
            escorts_per_escorted: 2,
            charter_escort_ratio: 1.5,
            charter_fixed_staff: 3,
            trip_days: TripDays {
                charter: 2,
                scheduled: 3,
            },
        },
        persons,
        charters,
        flights,
        escorts,
    }
}

/// Charters of the first generator: 80–150 seats, one per large destination in turn.
fn pattern_charters(rng: &mut ChaCha8Rng, n: usize, start: Date, days: i64) -> Vec<Charter> {
    let charter_dests = &DESTINATIONS[..CHARTER_DESTINATIONS.min(DESTINATIONS.len())];
    (0..n)
        .map(|i| {
            let (code, _) = charter_dests[i % charter_dests.len()];
            let seats = rng.random_range(80..=150u32);
            Charter {
                id: format!("C{:02}", i + 1),
                destination: country(code),
                date: day(start, rng.random_range(days / 4..days)),
                seats,
                quota: rng.random_range(30..=60u32).min(seats - 10),
                cost: rng.random_range(8..=16u64) * 100_000,
            }
        })
        .collect()
}

/// Charters as the field has them: from a small jet to a wide-body, the
/// receiving country's quota anywhere from a handful to most of the cabin, a
/// cost that grows with the aircraft, to destinations drawn by their share among
/// the dozen largest (so one destination may have several, another none).
fn field_charters(rng: &mut ChaCha8Rng, n: usize, start: Date, days: i64) -> Vec<Charter> {
    let dests = &DESTINATIONS[..(2 * CHARTER_DESTINATIONS).min(DESTINATIONS.len())];
    let total: f64 = dests.iter().map(|(_, w)| w).sum();
    (0..n)
        .map(|i| {
            let mut u = rng.random::<f64>() * total;
            let mut code = dests[0].0;
            for (c, w) in dests {
                code = c;
                if u < *w {
                    break;
                }
                u -= w;
            }
            let seats = match rng.random_range(0..10) {
                0..=2 => rng.random_range(20..=50u32),
                3..=8 => rng.random_range(80..=180u32),
                _ => rng.random_range(200..=280u32),
            };
            let quota = rng.random_range(8..=(seats * 2 / 3).clamp(10, 90));
            let cost = 250_000 + u64::from(seats) * rng.random_range(6_000..=12_000u64);
            Charter {
                id: format!("C{:02}", i + 1),
                destination: country(code),
                date: day(start, rng.random_range(days / 5..days)),
                seats,
                quota,
                cost: cost / 10_000 * 10_000,
            }
        })
        .collect()
}
