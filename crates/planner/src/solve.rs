//! The planner's entry point: heuristic first, then the exact search in three
//! phases, each warm-started from the best plan so far, within a time limit.

use crate::assignment::Assignment;
use crate::decompose::solve_by_destination;
use crate::exact::{self, Phase};
use crate::explain::explain;
use crate::heuristic::heuristic;
use crate::lexicographic::{solve_lexicographic, trivial_bound};
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
    let heuristic_budget = (options.time_limit / 5).min(Duration::from_millis(1500));
    let mut best = heuristic(&model, Some(started + heuristic_budget));
    let mut objective = best.objective(&model);

    // Bounds no plan can beat: every person with a feasible trip.
    let types = exact::unit_types(&model);
    let mut bound = trivial_bound(&types);
    let mut report = |stage: Stage, objective: Objective, bound: Bound| {
        progress(&Progress {
            stage,
            objective,
            bound,
            elapsed: started.elapsed(),
        });
    };
    report(Stage::Heuristic, objective, bound);

    let mut optimal = false;
    if options.exact {
        // First the decomposition by destination, with half the time.
        let half = Instant::now() + deadline.saturating_duration_since(Instant::now()) / 2;
        let d = solve_by_destination(&model, &types, &best, half);
        bound.detained_moved = bound.detained_moved.min(d.bound.detained_moved);
        let o = d.merged.objective(&model);
        if o.better_than(&objective) || d.optimal {
            best = d.merged;
            objective = o;
        }
        optimal = d.optimal;
        let decomposed_moved = d.bound.moved;
        let decomposed_detained = d.bound.detained_moved;
        let moved_bound = |objective: &Objective, bound: &Bound| {
            if objective.detained_moved == decomposed_detained {
                bound.moved.min(decomposed_moved)
            } else {
                bound.moved
            }
        };
        bound.moved = moved_bound(&objective, &bound);
        report(Stage::Detained, objective, bound);
        if !optimal {
            // The whole programme, escorts' days included.
            let trivial = bound;
            let outcome =
                solve_lexicographic(&model, &types, best, deadline, true, &mut |phase, o, b| {
                    let stage = match phase {
                        Phase::Detained => Stage::Detained,
                        Phase::Moved => Stage::Moved,
                        Phase::Cost => Stage::Cost,
                    };
                    let mut b = b;
                    b.detained_moved = b.detained_moved.min(trivial.detained_moved);
                    b.moved = moved_bound(&o, &b);
                    report(stage, o, b);
                });
            best = outcome.best;
            objective = outcome.objective;
            bound.detained_moved = bound.detained_moved.min(outcome.bound.detained_moved);
            bound.moved = moved_bound(&objective, &outcome.bound);
            optimal = outcome.cost_optimal
                && objective.detained_moved == bound.detained_moved
                && objective.moved == bound.moved;
        }
    }
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

pub(crate) fn to_plan(
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
