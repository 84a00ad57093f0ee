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
            ..Options::default()
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

/// Both roster kinds, small months over eight seeds: every plan keeps every
/// rule (the independent checker), is proven optimal on all three terms, and is
/// the same plan when planned again — with the time limit alone and with a
/// budget of work. A budget too small to prove anything still gives a valid
/// plan, and says that the work ran out and which term it was working on.
#[test]
fn both_roster_kinds_are_proven_and_planned_the_same_twice() {
    use opcentrum_planner::{Stopped, plan_with_work_limit};
    use opcentrum_synth::scenario::RosterKind;
    let options = Options {
        time_limit: Duration::from_secs(60),
        exact: true,
        ..Options::default()
    };
    for kind in [RosterKind::Patterns, RosterKind::Individual] {
        for seed in 1..=8 {
            let mut o = ScenarioOptions::new(60, seed, date(2026, 12, 1));
            o.roster = kind;
            let s = generate_scenario(&o);
            validate(&s).expect("generated scenarios are valid");
            let mut p = plan(&s, &options, &mut |_| {});
            let objective = check_plan(&s, &p).expect("the plan keeps every rule");
            assert_eq!(objective, p.objective);
            assert!(
                p.optimal,
                "{kind:?} seed {seed}: {:?} {:?}",
                p.objective, p.bound
            );
            assert_eq!(p.search.stopped, Stopped::Proven);
            assert_eq!(p.search.working_on, None);
            assert_eq!(p.bound.cost, Some(p.objective.cost));
            let mut again = plan(&s, &options, &mut |_| {});
            p.solve_seconds = None;
            again.solve_seconds = None;
            assert_eq!(p, again, "{kind:?} seed {seed}: the same plan twice");
            let mut budgeted = plan_with_work_limit(&s, &options, Some(100_000), &mut |_| {});
            budgeted.solve_seconds = None;
            assert_eq!(
                p, budgeted,
                "{kind:?} seed {seed}: a budget it does not reach"
            );
        }
    }
    let mut o = ScenarioOptions::new(300, 3, date(2026, 12, 1));
    o.roster = RosterKind::Individual;
    let s = generate_scenario(&o);
    let p = plan_with_work_limit(&s, &options, Some(1), &mut |_| {});
    check_plan(&s, &p).expect("the plan keeps every rule");
    assert!(!p.optimal);
    assert_eq!(p.search.stopped, Stopped::WorkLimit);
    assert!(p.search.working_on.is_some());
}
