//! The lexicographic objective, one term at a time: maximise detained moved; then,
//! holding that, persons moved; then, holding both, minimise cost. Each phase is
//! warm-started from the best plan so far and reports what it proved.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::exact::{self, Phase, UnitType};
use crate::model::Model;
use crate::plan::{Bound, Objective};

/// What the three phases reached.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub best: Assignment,
    pub objective: Objective,
    pub bound: Bound,
    /// The cost is proven minimal for the plan's first two terms.
    pub cost_optimal: bool,
    /// A proven lower bound on the cost of plans with the plan's first two terms.
    pub cost_bound: Option<u64>,
}

impl Outcome {
    pub fn optimal(&self) -> bool {
        self.cost_optimal
            && self.objective.detained_moved == self.bound.detained_moved
            && self.objective.moved == self.bound.moved
    }
}

/// Bounds no plan can beat: everyone with at least one feasible trip.
pub fn trivial_bound(types: &[UnitType]) -> Bound {
    Bound {
        detained_moved: types
            .iter()
            .map(|t| t.detained * t.units.len() as u32)
            .sum(),
        moved: types.iter().map(|t| t.size * t.units.len() as u32).sum(),
        cost: None,
    }
}

/// Runs the three phases over `types` (all of them, or one destination's),
/// starting from `start` and bounds proven before (`known`), within `meter`:
/// each phase gets a share of the work (and time) left.
pub fn solve_lexicographic(
    model: &Model,
    types: &[UnitType],
    start: Assignment,
    known: Bound,
    meter: &mut Meter,
    report: &mut dyn FnMut(Phase, Objective, Bound, u64),
) -> Outcome {
    let mut best = start;
    let mut objective = best.objective(model);
    let mut bound = trivial_bound(types).min_with(known);
    bound.moved = bound.moved.min(crate::flow::moved_bound(model, types));
    bound.cost = None;
    let mut cost_optimal = objective.moved == 0 && bound.moved == 0;
    let mut cost_bound = None;
    let phases = [
        (Phase::Detained, 0.45),
        (Phase::Moved, 0.6),
        (Phase::Cost, 1.0),
    ];
    for (phase, share) in phases {
        if bound.moved == 0 || meter.exhausted() {
            break;
        }
        let floors = match phase {
            Phase::Detained => (None, None),
            Phase::Moved => (Some(objective.detained_moved), None),
            Phase::Cost => (Some(objective.detained_moved), Some(objective.moved)),
        };
        // Nothing to gain in a maximising phase already at its bound.
        let at_bound = match phase {
            Phase::Detained => objective.detained_moved >= bound.detained_moved,
            Phase::Moved => objective.moved >= bound.moved,
            Phase::Cost => false,
        };
        if at_bound {
            continue;
        }
        let mut part = meter.part(share);
        let result = match phase {
            Phase::Cost => {
                exact::solve_cost_by_charter_sets(model, types, floors, &best, &mut part)
            }
            _ => None,
        };
        let result = result.unwrap_or_else(|| {
            exact::solve_phase(model, types, phase, floors, &best, &mut part, None)
        });
        meter.absorb(&part);
        if let Some(candidate) = result.assignment {
            let o = candidate.objective(model);
            if o.better_than(&objective) {
                best = candidate;
                objective = o;
            }
        }
        let proven = |b: Option<f64>| b.map(|b| (b + 1e-6).floor().max(0.0) as u32);
        match phase {
            Phase::Detained => {
                if let Some(b) = proven(result.bound) {
                    bound.detained_moved =
                        bound.detained_moved.min(b.max(objective.detained_moved));
                }
                if result.optimal {
                    bound.detained_moved = objective.detained_moved;
                }
            }
            Phase::Moved => {
                // A bound among plans at least as good on the first term.
                if let Some(b) = proven(result.bound) {
                    bound.moved = bound.moved.min(b.max(objective.moved));
                }
                if result.optimal && bound.detained_moved == objective.detained_moved {
                    bound.moved = objective.moved;
                }
            }
            Phase::Cost => {
                cost_optimal = result.optimal;
                cost_bound = result
                    .bound
                    .map(|b| (b - 1e-6).ceil().max(0.0) as u64)
                    .map(|b| b.min(objective.cost));
            }
        }
        report(phase, objective, bound, meter.used());
    }
    // Nothing spent is the least one can spend.
    let cost_optimal = cost_optimal || objective.cost == 0;
    let cost_bound = if cost_optimal {
        Some(objective.cost)
    } else {
        cost_bound
    };
    Outcome {
        best,
        objective,
        bound,
        cost_optimal,
        cost_bound,
    }
}
