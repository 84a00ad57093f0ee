//! The planner's entry point: heuristic first, then the exact search in three
//! phases, each warm-started from the best plan so far, within a budget of work
//! (branch-and-bound nodes) and an outer time limit.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::decompose::solve_by_destination;
use crate::exact::{self, Phase};
use crate::explain::explain;
use crate::heuristic::heuristic;
use crate::lexicographic::{solve_lexicographic, trivial_bound};
use crate::milp::Engine;
use crate::model::Model;
use crate::plan::{Bound, Objective, PLAN_FORMAT, Plan, PlannedTrip, Search, Stopped, Term};
use crate::scenario::Scenario;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    /// Outer limit on the whole search: wall-clock time. A plan cut short by it
    /// says so (`search.stopped = time_limit`); see [`plan_with_work_limit`] for
    /// a budget that gives the same plan on any machine.
    pub time_limit: Duration,
    /// Run the exact search after the heuristic (off: heuristic only).
    pub exact: bool,
    /// The engine of the exact search's programmes (`microlp` unless the
    /// build has the feature `highs` and asks for `Engine::Highs`).
    pub engine: Engine,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            time_limit: Duration::from_secs(60),
            exact: true,
            engine: Engine::default(),
        }
    }
}

/// What the search has reached, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    pub objective: Objective,
    pub bound: Bound,
    /// The first term not yet proven (none: proven optimal).
    pub working_on: Option<Term>,
    /// Work done so far (branch-and-bound nodes).
    pub work: u64,
    pub elapsed: Duration,
}

impl Progress {
    /// The gap still open on the term being worked on, in percent of its bound
    /// (the first two terms), or `None` for cost and when proven.
    pub fn gap_percent(&self) -> Option<f64> {
        let (value, bound) = match self.working_on? {
            Term::DetainedMoved => (self.objective.detained_moved, self.bound.detained_moved),
            Term::Moved => (self.objective.moved, self.bound.moved),
            Term::Cost => return None,
        };
        Some(if bound == 0 {
            0.0
        } else {
            100.0 * f64::from(bound.saturating_sub(value)) / f64::from(bound)
        })
    }
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

/// The first objective term a plan has not been proven optimal on.
pub fn working_on(objective: &Objective, bound: &Bound, optimal: bool) -> Option<Term> {
    if objective.detained_moved < bound.detained_moved {
        Some(Term::DetainedMoved)
    } else if objective.moved < bound.moved {
        Some(Term::Moved)
    } else if !optimal {
        Some(Term::Cost)
    } else {
        None
    }
}

/// Plans `scenario` (already validated) within `options.time_limit`, with no
/// limit on work. Never breaks a rule; proves what it can.
pub fn plan(scenario: &Scenario, options: &Options, progress: &mut dyn FnMut(&Progress)) -> Plan {
    plan_with_work_limit(scenario, options, None, progress)
}

/// Plans `scenario` within `work_limit` branch-and-bound nodes (`None`: no
/// limit) and the outer `options.time_limit`. Every choice the search makes
/// depends on counts only, so unless the time limit cuts it short the same
/// scenario and options give the same plan on any machine.
pub fn plan_with_work_limit(
    scenario: &Scenario,
    options: &Options,
    work_limit: Option<u64>,
    progress: &mut dyn FnMut(&Progress),
) -> Plan {
    let started = Instant::now();
    let mut meter =
        Meter::new(work_limit, started + options.time_limit).with_engine(options.engine);
    let model = Model::new(scenario);
    let mut best = heuristic(&model, &mut meter);
    let mut objective = best.objective(&model);

    // Bounds no plan can beat: every person with a feasible trip.
    let types = exact::unit_types(&model);
    let mut bound = trivial_bound(&types);
    let mut report = |stage: Stage, objective: Objective, bound: Bound, work: u64| {
        progress(&Progress {
            stage,
            objective,
            bound,
            working_on: working_on(&objective, &bound, false),
            work,
            elapsed: started.elapsed(),
        });
    };
    report(Stage::Heuristic, objective, bound, 0);

    let mut optimal = false;
    if options.exact {
        // First the decomposition by destination: while the roster staffs the
        // merged plan, it may use the whole budget.
        let d = solve_by_destination(&model, &types, &best, &mut meter);
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
        let decomposed_cost = |objective: &Objective| {
            (objective.detained_moved == decomposed_detained && objective.moved == decomposed_moved)
                .then_some(d.bound.cost)
                .flatten()
        };
        bound.cost = decomposed_cost(&objective);
        report(Stage::Detained, objective, bound, meter.used());
        if !optimal && !d.escorts_fit {
            // The roster cannot staff the destinations' optima together: the
            // whole programme, all destinations' escorts counted together.
            let trivial = bound;
            let outcome = solve_lexicographic(
                &model,
                &types,
                best,
                bound,
                &mut meter,
                &mut |phase, o, b, work| {
                    let stage = match phase {
                        Phase::Detained => Stage::Detained,
                        Phase::Moved => Stage::Moved,
                        Phase::Cost => Stage::Cost,
                    };
                    let mut b = b;
                    b.detained_moved = b.detained_moved.min(trivial.detained_moved);
                    b.moved = moved_bound(&o, &b);
                    report(stage, o, b, work);
                },
            );
            best = outcome.best;
            objective = outcome.objective;
            bound.detained_moved = bound.detained_moved.min(outcome.bound.detained_moved);
            bound.moved = moved_bound(&objective, &outcome.bound);
            optimal = outcome.cost_optimal
                && objective.detained_moved == bound.detained_moved
                && objective.moved == bound.moved;
            bound.cost = decomposed_cost(&objective).max(outcome.cost_bound);
        }
        if optimal {
            bound.cost = Some(objective.cost);
        }
    }
    let stopped = if !options.exact {
        Stopped::HeuristicOnly
    } else if optimal {
        Stopped::Proven
    } else if meter.time_hit {
        Stopped::TimeLimit
    } else if meter.work_hit {
        Stopped::WorkLimit
    } else {
        Stopped::Unproven
    };
    let search = Search {
        stopped,
        working_on: working_on(&objective, &bound, optimal),
        work: meter.used(),
    };
    let mut plan = to_plan(scenario, &model, &best, objective, bound, optimal, search);
    plan.solve_seconds = Some(seconds(started.elapsed()));
    progress(&Progress {
        stage: Stage::Done,
        objective,
        bound,
        working_on: search.working_on,
        work: search.work,
        elapsed: started.elapsed(),
    });
    plan
}

pub(crate) fn to_plan(
    scenario: &Scenario,
    model: &Model,
    a: &Assignment,
    objective: Objective,
    bound: Bound,
    optimal: bool,
    search: Search,
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
        search,
        solve_seconds: None,
    }
}

/// Seconds, to the millisecond.
pub(crate) fn seconds(d: Duration) -> f64 {
    (d.as_secs_f64() * 1000.0).round() / 1000.0
}
