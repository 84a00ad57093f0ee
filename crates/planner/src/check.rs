//! The independent checker: validates any plan against every rule of
//! planning-problem.md, reading only the scenario and the plan. It shares no code
//! with the search (not even the model), so a bug in one is caught by the other.

use crate::plan::{Objective, PLAN_FORMAT, Plan};
use crate::scenario::{Scenario, Sex};
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::{HashMap, HashSet};

/// One broken rule. `rule` is the number on planning-problem.md's list (1–7), or
/// 0 for the plan's own shape (format, every person once, objective as claimed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: u8,
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.rule == 0 {
            write!(f, "plan: {}", self.message)
        } else {
            write!(f, "rule {}: {}", self.rule, self.message)
        }
    }
}

/// Checks `plan` against `scenario`. Returns the objective recomputed from the plan
/// when every rule holds, every violation otherwise.
pub fn check_plan(scenario: &Scenario, plan: &Plan) -> Result<Objective, Vec<Violation>> {
    let mut v = Vec::new();
    let mut bad = |rule: u8, message: String| v.push(Violation { rule, message });

    if plan.format != PLAN_FORMAT {
        bad(
            0,
            format!("format is {:?}, expected {PLAN_FORMAT:?}", plan.format),
        );
    }
    let persons: HashMap<&str, usize> = scenario
        .persons
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let escorts: HashMap<&str, usize> = scenario
        .escorts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let charters: HashMap<&str, usize> = scenario
        .charters
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let flights: HashMap<&str, usize> = scenario
        .flights
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i))
        .collect();

    // Every person exactly once, in a trip or unplanned (rule 1: at most one trip).
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut trip_of: HashMap<&str, &str> = HashMap::new();
    for t in &plan.trips {
        for p in &t.persons {
            *seen.entry(p.as_str()).or_default() += 1;
            trip_of.insert(p.as_str(), t.trip.as_str());
        }
    }
    for u in &plan.unplanned {
        *seen.entry(u.person.as_str()).or_default() += 1;
        if u.explanation.trim().is_empty() {
            bad(
                0,
                format!("unplanned person {} has no explanation", u.person),
            );
        }
    }
    for (id, n) in &seen {
        if !persons.contains_key(id) {
            bad(0, format!("person {id} is not in the scenario"));
        } else if *n > 1 {
            bad(1, format!("person {id} appears {n} times in the plan"));
        }
    }
    for p in &scenario.persons {
        if !seen.contains_key(p.id.as_str()) {
            bad(
                0,
                format!("person {} appears neither on a trip nor as unplanned", p.id),
            );
        }
    }

    // Rule 2: families travel together or not at all.
    let mut families: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in scenario.persons.iter().enumerate() {
        if let Some(f) = p.family.as_deref() {
            families.entry(f).or_default().push(i);
        }
    }
    for (family, members) in &families {
        let trips: HashSet<Option<&str>> = members
            .iter()
            .map(|&i| trip_of.get(scenario.persons[i].id.as_str()).copied())
            .collect();
        if trips.len() > 1 {
            bad(
                2,
                format!("family {family} is split: its members are on {trips:?}"),
            );
        }
    }

    let mut cost: u64 = 0;
    let mut moved = 0u32;
    let mut detained_moved = 0u32;
    // Days each escort is busy, with the trip that makes them busy (rule 5).
    let mut busy: HashMap<(usize, Date), &str> = HashMap::new();
    let mut listed: HashSet<&str> = HashSet::new();
    for t in &plan.trips {
        let id = t.trip.as_str();
        if !listed.insert(id) {
            bad(0, format!("trip {id} is listed twice"));
            continue;
        }
        let (date, destination, days, is_charter) = if let Some(&c) = charters.get(id) {
            let c = &scenario.charters[c];
            (
                c.date,
                c.destination,
                scenario.params.trip_days.charter,
                true,
            )
        } else if let Some(&f) = flights.get(id) {
            let f = &scenario.flights[f];
            (
                f.date,
                f.destination,
                scenario.params.trip_days.scheduled,
                false,
            )
        } else {
            bad(
                0,
                format!("trip {id} is neither a charter nor a flight of the scenario"),
            );
            continue;
        };
        if t.persons.is_empty() {
            bad(0, format!("trip {id} is listed without persons"));
        }
        let mut escorted = 0u32;
        let mut escorted_sex = [false; 2];
        for pid in &t.persons {
            let Some(&i) = persons.get(pid.as_str()) else {
                continue;
            };
            let p = &scenario.persons[i];
            moved += 1;
            detained_moved += u32::from(p.detained);
            if p.destination != destination {
                bad(
                    1,
                    format!(
                        "person {pid} goes to {} but trip {id} flies to {}",
                        p.destination.as_str(),
                        destination.as_str()
                    ),
                );
            }
            if date < p.ready_from {
                bad(
                    1,
                    format!(
                        "person {pid} is ready from {} but trip {id} leaves {date}",
                        p.ready_from
                    ),
                );
            }
            if let Some(limit) = p.must_leave_by.filter(|&limit| date > limit) {
                bad(
                    1,
                    format!("person {pid} must leave by {limit} but trip {id} leaves {date}"),
                );
            }
            if p.escorted {
                escorted += 1;
                escorted_sex[p.sex.index()] = true;
            }
        }
        let returnees = t.persons.len() as u64;
        let n_escorts = t.escorts.len() as u64;
        let mut escort_sex = [false; 2];
        let mut on_trip: HashSet<&str> = HashSet::new();
        for eid in &t.escorts {
            let Some(&e) = escorts.get(eid.as_str()) else {
                bad(
                    0,
                    format!("escort {eid} on trip {id} is not in the scenario"),
                );
                continue;
            };
            if !on_trip.insert(eid.as_str()) {
                bad(5, format!("escort {eid} is listed twice on trip {id}"));
                continue;
            }
            let escort = &scenario.escorts[e];
            escort_sex[escort.sex.index()] = true;
            let last = date
                .checked_add(i64::from(days.max(1) - 1).days())
                .unwrap_or(Date::MAX);
            if !escort
                .available
                .iter()
                .any(|w| w.from <= date && last <= w.to)
            {
                bad(
                    5,
                    format!(
                        "escort {eid} is busy {date} … {last} on trip {id}, outside every availability window"
                    ),
                );
            }
            let mut d = date;
            while d <= last {
                if let Some(other) = busy.insert((e, d), id) {
                    bad(
                        5,
                        format!("escort {eid} is on trips {other} and {id} on {d}"),
                    );
                }
                match d.tomorrow() {
                    Ok(next) => d = next,
                    Err(_) => break,
                }
            }
        }
        for sex in [Sex::F, Sex::M] {
            if escorted_sex[sex.index()] && !escort_sex[sex.index()] {
                bad(
                    6,
                    format!(
                        "trip {id} carries an escorted returnee of sex {} but no escort of that sex",
                        sex.as_str()
                    ),
                );
            }
        }
        if escorted == 0 && n_escorts > 0 {
            bad(
                7,
                format!("trip {id} has no escorted returnee but takes {n_escorts} escorts"),
            );
        }
        if is_charter {
            let Some(&c) = charters.get(id) else { continue };
            let c = &scenario.charters[c];
            cost += c.cost;
            if returnees > u64::from(c.quota) {
                bad(
                    4,
                    format!(
                        "charter {id} carries {returnees} returnees, over its quota of {}",
                        c.quota
                    ),
                );
            }
            let on_board = returnees + n_escorts + u64::from(scenario.params.charter_fixed_staff);
            if on_board > u64::from(c.seats) {
                bad(
                    4,
                    format!(
                        "charter {id} seats {on_board} (returnees, escorts and fixed staff), over its {} seats",
                        c.seats
                    ),
                );
            }
            let needed = (scenario.params.charter_escort_ratio * escorted as f64 - 1e-9)
                .ceil()
                .max(0.0) as u64;
            if n_escorts < needed {
                bad(
                    4,
                    format!(
                        "charter {id} has {escorted} escorted returnees and needs at least {needed} escorts, has {n_escorts}"
                    ),
                );
            }
        } else {
            let Some(&f) = flights.get(id) else { continue };
            let f = &scenario.flights[f];
            cost += f.ticket_cost * (returnees + n_escorts);
            if returnees > u64::from(f.returnee_seats) {
                bad(
                    3,
                    format!(
                        "flight {id} carries {returnees} returnees, over its {} returnee seats",
                        f.returnee_seats
                    ),
                );
            }
            let needed = u64::from(scenario.params.escorts_per_escorted) * u64::from(escorted);
            if n_escorts != needed {
                bad(
                    3,
                    format!(
                        "flight {id} has {escorted} escorted returnees and must carry exactly {needed} escorts, carries {n_escorts}"
                    ),
                );
            }
        }
    }

    let objective = Objective {
        detained_moved,
        moved,
        cost,
    };
    if plan.objective != objective {
        bad(
            0,
            format!(
                "objective claims {:?} but the trips give {:?}",
                plan.objective, objective
            ),
        );
    }
    if plan.bound.detained_moved < objective.detained_moved || plan.bound.moved < objective.moved {
        bad(
            0,
            format!("bound {:?} lies below the plan's own objective", plan.bound),
        );
    }
    if plan.optimal
        && (plan.bound.detained_moved != objective.detained_moved
            || plan.bound.moved != objective.moved)
    {
        bad(
            0,
            "plan claims to be optimal but its bound is not reached".to_string(),
        );
    }
    if v.is_empty() { Ok(objective) } else { Err(v) }
}
