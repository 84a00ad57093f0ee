//! The planner's entry point: heuristic first, then the exact search in three
//! phases, each warm-started from the best plan so far, within a time limit.

use crate::assignment::Assignment;
use crate::exact::{self, Phase};
use crate::explain::explain;
use crate::heuristic::heuristic;
use crate::model::Model;
use crate::plan::{Bound, Objective, PLAN_FORMAT, Plan, PlannedTrip};
use crate::scenario::Scenario;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    /// Bound on the whole search.
    pub time_limit: Duration,
    /// Run the exact search after the heuristic (off: heuristic only).
    pub exact: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_limit: Duration::from_secs(60),
            exact: true,
        }
    }
}

/// What the search has reached, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    pub objective: Objective,
    pub bound: Bound,
    pub elapsed: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Heuristic,
    Detained,
    Moved,
    Cost,
    Done,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Heuristic => "heuristic",
            Stage::Detained => "exact: detained moved",
            Stage::Moved => "exact: persons moved",
            Stage::Cost => "exact: cost",
            Stage::Done => "done",
        }
    }
}

/// Plans `scenario` (already validated). Never breaks a rule; proves what it can
/// in the time it has.
pub fn plan(scenario: &Scenario, options: &Options, progress: &mut dyn FnMut(&Progress)) -> Plan {
    let started = Instant::now();
    let deadline = started + options.time_limit;
    let model = Model::new(scenario);
    let heuristic_budget = (options.time_limit / 5).min(Duration::from_secs(2));
    let mut best = heuristic(&model, Some(started + heuristic_budget));
    let mut objective = best.objective(&model);

    // Bounds no plan can beat: every person with a feasible trip.
    let mut bound = Bound {
        detained_moved: model
            .units
            .iter()
            .filter(|u| !u.trips.is_empty())
            .map(|u| u.detained)
            .sum(),
        moved: model
            .units
            .iter()
            .filter(|u| !u.trips.is_empty())
            .map(|u| u.size)
            .sum(),
    };
    let mut report = |stage: Stage, objective: Objective, bound: Bound| {
        progress(&Progress {
            stage,
            objective,
            bound,
            elapsed: started.elapsed(),
        });
    };
    report(Stage::Heuristic, objective, bound);

    let mut cost_optimal = objective.moved == 0;
    if options.exact && (objective.moved < bound.moved || !cost_optimal) {
        let types = exact::unit_types(&model);
        let phases = [
            (Phase::Detained, Stage::Detained, 0.45),
            (Phase::Moved, Stage::Moved, 0.6),
            (Phase::Cost, Stage::Cost, 1.0),
        ];
        for (phase, stage, share) in phases {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
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
            let result =
                exact::solve_phase(&model, &types, phase, floors, &best, left.mul_f64(share));
            if let Some(candidate) = result.assignment {
                let o = candidate.objective(&model);
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
                }
            }
            report(stage, objective, bound);
        }
    }
    let optimal = cost_optimal
        && objective.detained_moved == bound.detained_moved
        && objective.moved == bound.moved;
    let plan = to_plan(
        scenario,
        &model,
        &best,
        objective,
        bound,
        optimal,
        started.elapsed(),
    );
    report(Stage::Done, objective, bound);
    plan
}

fn to_plan(
    scenario: &Scenario,
    model: &Model,
    a: &Assignment,
    objective: Objective,
    bound: Bound,
    optimal: bool,
    elapsed: Duration,
) -> Plan {
    let mut order: Vec<usize> = (0..model.trips.len()).filter(|&t| a.operated(t)).collect();
    order.sort_by(|&x, &y| {
        (model.trips[x].day, &model.trips[x].id).cmp(&(model.trips[y].day, &model.trips[y].id))
    });
    let trips = order
        .into_iter()
        .map(|t| {
            let mut persons: Vec<String> = a.trip_units[t]
                .iter()
                .flat_map(|&u| {
                    model.units[u]
                        .members
                        .iter()
                        .map(|&i| scenario.persons[i].id.clone())
                })
                .collect();
            persons.sort();
            let mut escorts: Vec<String> = a.trip_escorts[t]
                .iter()
                .map(|&e| scenario.escorts[e].id.clone())
                .collect();
            escorts.sort();
            PlannedTrip {
                trip: model.trips[t].id.clone(),
                persons,
                escorts,
            }
        })
        .collect();
    let mut unplanned = Vec::new();
    for u in 0..model.units.len() {
        if a.unit_trip[u].is_none() {
            unplanned.extend(explain(scenario, model, a, u));
        }
    }
    unplanned.sort_by(|x, y| x.person.cmp(&y.person));
    Plan {
        format: PLAN_FORMAT.to_string(),
        trips,
        unplanned,
        objective,
        bound,
        optimal,
        solve_seconds: (elapsed.as_secs_f64() * 1000.0).round() / 1000.0,
    }
}
