//! Planning scenarios (`opcentrum-planning/1`) of any size, for `opcentrum
//! scenario gen`, the planner's tests and its benchmark. Deterministic per seed.
//!
//! Calibration (docs/synthetic-data.md): destinations skewed as in the return
//! statistics; about a third detained, most of them escorted; families of two to
//! five; escorts on a few rota patterns (full period, fortnight on / fortnight
//! off, one week of leave), so those of one sex and pattern are interchangeable;
//! charters to the largest destinations with receiving-country quotas.

use crate::destinations::{CHARTER_DESTINATIONS, DESTINATIONS, cumulative, pick};
use jiff::ToSpan;
use jiff::civil::Date;
use opcentrum_domain::Country;
use opcentrum_planner::scenario::{
    Charter, Escort, Flight, Params, Person, SCENARIO_FORMAT, Scenario, Sex, TripDays, Window,
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
        let family_detained = rng.random_bool(0.3);
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

    let charter_dests = &DESTINATIONS[..CHARTER_DESTINATIONS.min(DESTINATIONS.len())];
    let charters = (0..o.charters)
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
        .collect();

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

    let end = days - 1;
    let escorts = (0..o.escorts)
        .map(|i| {
            let sex = if rng.random_bool(0.6) { Sex::M } else { Sex::F };
            let pattern = rng.random_range(0..6);
            let available = match pattern {
                0 | 1 => vec![(0, end)],
                2 => vec![(0, 13.min(end)), (28, (41).min(end))],
                3 => vec![(14, 27.min(end)), (42, 55.min(end))],
                // One week of leave, in week 2 or week 3 of the period.
                4 => vec![(0, 6), (14, end)],
                _ => vec![(0, 13), (21, end)],
            };
            Escort {
                id: format!("E{:04}", i + 1),
                sex,
                available: available
                    .into_iter()
                    .filter(|(a, b)| a <= b && *a <= end)
                    .map(|(a, b)| Window {
                        from: day(start, a),
                        to: day(start, b.min(end)),
                    })
                    .collect(),
            }
        })
        .collect();

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
