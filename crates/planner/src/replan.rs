//! Incremental re-planning: after an event takes a planned person off (absconded,
//! impediment lodged, fitness to fly withdrawn) or the roster changes, keep as
//! much of the approved plan as the rules still allow, then seat whoever can be
//! seated in the room that freed up. Nobody already planned is moved to make
//! room for someone else: the approved plan is a human decision, and changing
//! it as little as possible keeps the work NTE has already done (bookings,
//! escorts' rotas) valid.

use crate::{
    assignment::Assignment,
    heuristic::{place, priority_order},
    model::Model,
    plan::{Bound, Plan, Search, Stopped},
    scenario::Scenario,
    solve::{seconds, to_plan, working_on},
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

/// What a re-plan changes for one person, compared with the approved plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Still on the same trip.
    Kept { person: String, trip: String },
    /// Newly on a trip.
    Added { person: String, trip: String },
    /// On another trip than approved.
    Moved {
        person: String,
        from: String,
        to: String,
    },
    /// Off the trip: no longer plannable, or the trip can no longer take them.
    Removed { person: String, from: String },
}

impl Change {
    pub fn person(&self) -> &str {
        match self {
            Change::Kept { person, .. }
            | Change::Added { person, .. }
            | Change::Moved { person, .. }
            | Change::Removed { person, .. } => person,
        }
    }

    /// Whether approving it writes an event.
    pub fn is_change(&self) -> bool {
        !matches!(self, Change::Kept { .. })
    }
}

/// A re-plan: the new plan and what it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replan {
    pub plan: Plan,
    pub changes: Vec<Change>,
}

/// Person → trip of a plan.
pub fn person_trips(plan: &Plan) -> BTreeMap<String, String> {
    plan.trips
        .iter()
        .flat_map(|t| t.persons.iter().map(|p| (p.clone(), t.trip.clone())))
        .collect()
}

/// The changes from `before` to `after`, in person order.
pub fn diff(before: &Plan, after: &Plan) -> Vec<Change> {
    let old = person_trips(before);
    let new = person_trips(after);
    let mut out = Vec::new();
    for (person, from) in &old {
        match new.get(person) {
            Some(to) if to == from => out.push(Change::Kept {
                person: person.clone(),
                trip: to.clone(),
            }),
            Some(to) => out.push(Change::Moved {
                person: person.clone(),
                from: from.clone(),
                to: to.clone(),
            }),
            None => out.push(Change::Removed {
                person: person.clone(),
                from: from.clone(),
            }),
        }
    }
    for (person, trip) in &new {
        if !old.contains_key(person) {
            out.push(Change::Added {
                person: person.clone(),
                trip: trip.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.person().cmp(b.person()));
    out
}

/// Re-plans `scenario` (validated) starting from `approved`, changing it as
/// little as the rules allow.
pub fn replan(scenario: &Scenario, approved: &Plan) -> Replan {
    let started = Instant::now();
    let model = Model::new(scenario);
    let trip_index: HashMap<&str, usize> = model
        .trips
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let escort_index: HashMap<&str, usize> = scenario
        .escorts
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let approved_trip = person_trips(approved);
    let order = priority_order(&model);

    // Units still on their approved trip, if the whole unit was on one trip.
    let unit_target = |u: usize| -> Option<usize> {
        let mut trips = model.units[u]
            .members
            .iter()
            .map(|&i| approved_trip.get(&scenario.persons[i].id));
        let first = trips.next()??;
        if trips.all(|t| t == Some(first)) {
            trip_index.get(first.as_str()).copied()
        } else {
            None
        }
    };
    let mut a = Assignment::new(&model);
    // Approved escorts first, so the trip keeps its crew where it can.
    for t in &approved.trips {
        let Some(&ti) = trip_index.get(t.trip.as_str()) else {
            continue;
        };
        let preferred: Vec<usize> = t
            .escorts
            .iter()
            .filter_map(|e| escort_index.get(e.as_str()).copied())
            .collect();
        a.seed_escorts(&model, ti, &preferred);
    }
    for &u in &order {
        if let Some(t) = unit_target(u) {
            a.try_add(&model, u, t);
        }
    }
    a.drop_idle_escorts(&model);
    // Then the room that freed up, without moving anyone already seated.
    for &u in &order {
        if a.unit_trip[u].is_none() {
            place(&model, &mut a, u);
        }
    }
    let objective = a.objective(&model);
    let types = crate::exact::unit_types(&model);
    let bound: Bound = crate::lexicographic::trivial_bound(&types);
    let search = Search {
        stopped: Stopped::HeuristicOnly,
        working_on: working_on(&objective, &bound, false),
        work: 0,
    };
    let mut plan = to_plan(scenario, &model, &a, objective, bound, false, search);
    plan.solve_seconds = Some(seconds(started.elapsed()));
    let changes = diff(approved, &plan);
    Replan { plan, changes }
}
