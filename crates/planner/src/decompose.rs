//! Persons only compete within a destination: with escorts' day limits between
//! destinations relaxed, the problem falls apart into one small programme per destination, and the
//! lexicographic optimum of the whole is the sum of the destinations' optima.
//! If the roster can staff the merged plan (`staff`), it is optimal for the real
//! problem; otherwise the caller goes on with the whole programme, warm-started
//! from the best plan found.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::exact::{self, UnitType};
use crate::lexicographic::{Outcome, solve_lexicographic, trivial_bound};
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
    /// The roster could staff the merged plan of the destinations' optima (if
    /// not, `merged` is a repair and only the whole programme can do better).
    pub escorts_fit: bool,
    /// `detained_moved` bounds every plan; `moved` bounds the plans that reach
    /// it; `cost` the cost of plans that reach both.
    pub bound: Bound,
}

/// Share of the budget for the first round, in which every destination is
/// tried once; later rounds give most of what is left to the destinations that
/// a limit cut short — first those that have not proven how many they move
/// (each try starts its programme anew, so few long tries beat many short).
const FIRST_ROUND: f64 = 0.15;
const LATER_ROUNDS: f64 = 0.8;

/// Solves destination by destination within `meter`: a first round over all
/// of them, then, while the roster staffs the merged plan, further rounds with
/// the rest of the budget for the destinations not proven yet.
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
    let groups: Vec<Vec<UnitType>> = groups.into_values().collect();
    let mut outcomes: Vec<Option<Outcome>> = vec![None; groups.len()];
    // Whether a destination's last try was cut short by its budget: only then
    // can another try with more of it reach more.
    let mut cut_short = vec![true; groups.len()];
    let mut merged: Option<Assignment> = None;
    let mut escorts_fit = true;
    let mut round_share = FIRST_ROUND;
    loop {
        let todo: Vec<usize> = (0..groups.len())
            .filter(|&g| cut_short[g] && !outcomes[g].as_ref().is_some_and(Outcome::optimal))
            .collect();
        // Persons before cost: while some destination has not proven how many
        // it can move, the round is theirs.
        let persons_open = |g: &usize| {
            outcomes[*g].as_ref().is_none_or(|o| {
                o.objective.detained_moved < o.bound.detained_moved
                    || o.objective.moved < o.bound.moved
            })
        };
        let todo: Vec<usize> = if todo.iter().any(persons_open) {
            todo.into_iter().filter(persons_open).collect()
        } else {
            todo
        };
        if todo.is_empty() || meter.exhausted() {
            break;
        }
        let mut round = meter.part(round_share);
        for (i, &g) in todo.iter().enumerate() {
            // An equal share of what is left of the round for each destination still to go.
            let mut part = round.part(1.0 / (todo.len() - i) as f64);
            let sub = &groups[g];
            let (sub_start, known) = match &outcomes[g] {
                Some(o) => (o.best.clone(), o.bound),
                None => {
                    let units: Vec<usize> =
                        sub.iter().flat_map(|t| t.units.iter().copied()).collect();
                    (restrict(model, start, &units), trivial_bound(sub))
                }
            };
            let o = solve_lexicographic(
                model,
                sub,
                sub_start,
                known,
                &mut part,
                &mut |_, _, _, _| {},
            );
            round.absorb(&part);
            cut_short[g] = part.work_hit || part.time_hit;
            outcomes[g] = Some(o);
        }
        meter.absorb(&round);
        // Merge: persons as planned per destination, escorts named anew.
        let mut unit_trip = vec![None; model.units.len()];
        for o in outcomes.iter().flatten() {
            for (u, t) in o.best.unit_trip.iter().enumerate() {
                if t.is_some() {
                    unit_trip[u] = *t;
                }
            }
        }
        match exact::staffed(model, unit_trip.clone(), meter) {
            Some(a) => merged = Some(a),
            None => {
                // Keep as much of the merged plan as the roster allows and seat
                // the rest greedily: a valid plan, not a proven one.
                escorts_fit = false;
                if merged.is_none() {
                    merged = Some(crate::heuristic::repair(model, &unit_trip, meter));
                }
                break;
            }
        }
        round_share = LATER_ROUNDS;
    }
    let outcomes: Vec<Outcome> = outcomes.into_iter().flatten().collect();
    let complete = outcomes.len() == groups.len();
    let first_proven = complete
        && outcomes
            .iter()
            .all(|o| o.objective.detained_moved == o.bound.detained_moved);
    let both_proven = first_proven && outcomes.iter().all(|o| o.objective.moved == o.bound.moved);
    let bound = Bound {
        detained_moved: if complete {
            outcomes.iter().map(|o| o.bound.detained_moved).sum()
        } else {
            trivial_bound(types).detained_moved
        },
        // Valid for plans that reach `detained_moved`: each destination then
        // sits at its own maximum, where its moved bound holds.
        moved: if first_proven {
            outcomes.iter().map(|o| o.bound.moved).sum()
        } else {
            u32::MAX
        },
        // Valid for plans that reach both sums: each destination then sits at
        // its own maxima, where its cost bound holds.
        cost: if both_proven {
            outcomes.iter().map(|o| o.cost_bound).sum()
        } else {
            None
        },
    };
    let optimal = escorts_fit && complete && outcomes.iter().all(Outcome::optimal);
    Decomposed {
        merged: merged.unwrap_or_else(|| start.clone()),
        optimal,
        escorts_fit,
        bound,
    }
}
