//! opcentrum-planner: which ready persons go on which trip, with which escorts.
//!
//! Pure: a [`Scenario`] in, a [`Plan`] out, under the contract of
//! docs/planning-problem.md (`opcentrum-planning/1` → `opcentrum-plan/1`).
//! - [`parse_scenario`] reads and validates, naming the JSON path of any error;
//! - [`plan`] runs the greedy heuristic, then the exact search (`microlp`, or
//!   HiGHS with the feature `highs`: [`Engine`]);
//!   [`plan_with_work_limit`] bounds it by work, so that it is deterministic;
//! - [`check_plan`] is the independent checker of every rule;
//! - [`scenario_from_cases`] builds the live service's scenario from cases;
//! - [`replan`] changes an approved plan as little as the rules allow;
//! - unplanned persons get a [`Reason`] and a sentence to act on.

mod assignment;
pub mod budget;
pub mod check;
mod decompose;
pub mod exact;
mod explain;
mod flow;
pub mod from_cases;
mod heuristic;
mod lexicographic;
pub mod milp;
pub mod model;
pub mod plan;
pub mod replan;
pub mod scenario;
mod solve;
mod staff;
mod text;
pub mod validate;

pub use check::{Violation, check_plan};
pub use from_cases::{BuiltScenario, CaseInputs, default_params, scenario_from_cases};
pub use milp::Engine;
pub use plan::{Bound, Objective, Plan, PlannedTrip, Reason, Search, Stopped, Term, Unplanned};
pub use replan::{Change, Replan, diff, replan};
pub use scenario::{Charter, Escort, Flight, Params, Person, Scenario, Sex, TripDays, Window};
pub use solve::{Options, Progress, Stage, plan, plan_with_work_limit};
pub use validate::{ScenarioError, parse_scenario, validate};
