//! Generated planning scenarios are valid, deterministic, and the example
//! (300 persons, seed 7) is planned to proven optimality.

#![allow(clippy::unwrap_used)]

use jiff::civil::date;
use opcentrum_planner::{Options, check_plan, plan, validate};
use opcentrum_synth::scenario::{ScenarioOptions, generate_scenario};
use std::time::Duration;

#[test]
fn a_swedish_month_is_valid_deterministic_and_planned_optimally() {
    let o = ScenarioOptions::new(300, 7, date(2026, 12, 1));
    let s = generate_scenario(&o);
    assert_eq!(s, generate_scenario(&o), "same seed, same scenario");
    validate(&s).expect("generated scenarios are valid");
    assert_eq!(s.persons.len(), 300);
    assert_eq!(s.escorts.len(), 60);
    assert_eq!(s.flights.len(), 150);
    assert!(s.persons.iter().any(|p| p.family.is_some()));
    assert!(s.persons.iter().filter(|p| p.detained).count() > 50);

    let p = plan(
        &s,
        &Options {
            time_limit: Duration::from_secs(60),
            exact: true,
        },
        &mut |_| {},
    );
    let o = check_plan(&s, &p).expect("the plan keeps every rule");
    assert_eq!(o, p.objective);
    assert!(
        p.optimal,
        "objective {:?}, bound {:?}",
        p.objective, p.bound
    );
    assert_eq!(p.objective.moved, p.bound.moved);
}

#[test]
fn different_seeds_differ() {
    let a = generate_scenario(&ScenarioOptions::new(50, 1, date(2026, 12, 1)));
    let b = generate_scenario(&ScenarioOptions::new(50, 2, date(2026, 12, 1)));
    assert_ne!(a.persons, b.persons);
}
