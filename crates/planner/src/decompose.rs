//! Persons only compete within a destination: with escorts' day limits between
//! destinations relaxed, the problem falls apart into one small programme per destination, and the
//! lexicographic optimum of the whole is the sum of the destinations' optima.
//! If the roster can staff the merged plan (`staff`), it is optimal for the real
//! problem; otherwise the caller goes on with the whole programme, warm-started
//! from the best plan found.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::exact::{self, UnitType};
use crate::lexicographic::{Outcome, solve_lexicographic};
use crate::model::Model;
use crate::plan::Bound;
use opcentrum_domain::country::Country;
use std::collections::BTreeMap;

/// The plan restricted to the units in `units`.
fn restrict(model: &Model, a: &Assignment, units: &[usize]) -> Assignment {
    let mut unit_trip = vec![None; model.units.len()];
    let mut trip_escorts = vec![Vec::new(); model.trips.len()];
    for &u in units {
        if let Some(t) = a.unit_trip[u] {
            unit_trip[u] = Some(t);
            trip_escorts[t] = a.trip_escorts[t].clone();
        }
    }
    Assignment::from_parts(model, unit_trip, trip_escorts)
}

/// The decomposition's result: the merged plan if its escorts fit, and whether
/// it is proven optimal.
pub struct Decomposed {
    pub merged: Assignment,
    pub optimal: bool,
    /// `detained_moved` bounds every plan; `moved` bounds the plans that reach it.
    pub bound: Bound,
}

pub fn solve_by_destination(
    model: &Model,
    types: &[UnitType],
    start: &Assignment,
    meter: &mut Meter,
) -> Decomposed {
    let mut groups: BTreeMap<Country, Vec<UnitType>> = BTreeMap::new();
    for ty in types {
        let destination = model.trips[ty.trips[0]].destination;
        groups.entry(destination).or_default().push(ty.clone());
    }
    let total = groups.len().max(1);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(groups.len());
    for (i, (_, sub)) in groups.iter().enumerate() {
        // An equal share of what is left for each destination still to go.
        let mut part = meter.part(1.0 / (total - i) as f64);
        let units: Vec<usize> = sub.iter().flat_map(|t| t.units.iter().copied()).collect();
        let sub_start = restrict(model, start, &units);
        outcomes.push(solve_lexicographic(
            model,
            sub,
            sub_start,
            &mut part,
            // Escort days within the destination; only conflicts between
            // destinations are relaxed (and checked on merging).
            true,
            &mut |_, _, _, _| {},
        ));
        meter.absorb(&part);
    }
    // Merge: persons as planned per destination, escorts handed out anew.
    let mut unit_trip = vec![None; model.units.len()];
    for o in &outcomes {
        for (u, t) in o.best.unit_trip.iter().enumerate() {
            if t.is_some() {
                unit_trip[u] = *t;
            }
        }
    }
    // If the roster cannot staff the merged plan, keep as much of it as the
    // roster allows and seat the rest greedily: a valid plan, not a proven one.
    let (merged, escorts_fit) = match exact::staffed(model, unit_trip.clone(), meter) {
        Some(a) => (a, true),
        None => (crate::heuristic::repair(model, &unit_trip, meter), false),
    };
    let first_proven = outcomes
        .iter()
        .all(|o| o.objective.detained_moved == o.bound.detained_moved);
    let detained_moved = outcomes.iter().map(|o| o.bound.detained_moved).sum();
    let bound = Bound {
        detained_moved,
        // Valid for plans that reach `detained_moved`: each destination then
        // sits at its own maximum, where its moved bound holds.
        moved: if first_proven {
            outcomes.iter().map(|o| o.bound.moved).sum()
        } else {
            u32::MAX
        },
        // Valid for plans that reach both sums: each destination then sits at
        // its own maxima, where its cost bound holds.
        cost: if outcomes.iter().all(|o| o.objective.detained_moved == o.bound.detained_moved && o.objective.moved == o.bound.moved) {
            outcomes.iter().map(|o| o.cost_bound).sum()
        } else {
            None
        },
    };
    let optimal = escorts_fit && outcomes.iter().all(Outcome::optimal);
    Decomposed {
        merged,
        optimal,
        bound,
    }
}
