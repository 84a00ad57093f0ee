//! HiGHS as the exact search's engine (feature `highs`): on generated scenarios
//! of both roster kinds, its plans keep every rule (the independent checker),
//! reach the same optimum as `microlp` wherever both prove one, never claim a
//! bound the other engine's plan beats, and are the same plan when planned
//! again, with the time limit alone and with a budget of work.

#![cfg(feature = "highs")]
#![allow(clippy::unwrap_used)]

use jiff::civil::date;
use opcentrum_planner::{
    Engine, Options, Plan, Scenario, Stopped, check_plan, plan_with_work_limit,
};
use opcentrum_synth::scenario::{RosterKind, ScenarioOptions, generate_scenario};
use std::time::Duration;

fn options(engine: Engine) -> Options {
    Options {
        time_limit: Duration::from_secs(60),
        exact: true,
        engine,
    }
}

fn generated(persons: usize, seed: u64, kind: RosterKind) -> Scenario {
    let mut o = ScenarioOptions::new(persons, seed, date(2026, 12, 1));
    o.roster = kind;
    generate_scenario(&o)
}

fn planned(s: &Scenario, engine: Engine, work: Option<u64>) -> Plan {
    let mut p = plan_with_work_limit(s, &options(engine), work, &mut |_| {});
    let objective = check_plan(s, &p).expect("the plan keeps every rule");
    assert_eq!(objective, p.objective, "{engine}: the plan's own objective");
    p.solve_seconds = None;
    p
}

/// Neither engine's proven bounds are beaten by the other engine's plan.
fn bounds_hold(name: &str, a: &Plan, b: &Plan) {
    assert!(
        a.bound.detained_moved >= b.objective.detained_moved,
        "{name}: detained bound {:?} below a plan's {:?}",
        a.bound,
        b.objective
    );
    if b.objective.detained_moved == a.bound.detained_moved {
        assert!(
            a.bound.moved >= b.objective.moved,
            "{name}: moved bound {:?} below a plan's {:?}",
            a.bound,
            b.objective
        );
        // The cost bound holds for plans that move as many, detained and all.
        let same_moved = b.objective.moved == a.objective.moved
            && b.objective.detained_moved == a.objective.detained_moved;
        if let Some(c) = a.bound.cost.filter(|_| same_moved) {
            assert!(
                c <= b.objective.cost,
                "{name}: cost bound {c} above a plan's {:?}",
                b.objective
            );
        }
    }
}

#[test]
fn both_engines_reach_the_same_optimum_where_both_prove_it() {
    let mut both_proven = 0;
    let mut cases: Vec<(usize, u64, RosterKind)> = Vec::new();
    for kind in [RosterKind::Patterns, RosterKind::Individual] {
        for seed in 1..=4 {
            cases.push((60, seed, kind));
        }
        cases.push((300, 7, kind));
    }
    for (persons, seed, kind) in cases {
        let s = generated(persons, seed, kind);
        let name = format!("{persons} persons, seed {seed}, {kind:?}");
        let m = planned(&s, Engine::Microlp, None);
        let h = planned(&s, Engine::Highs, None);
        eprintln!(
            "{name}: microlp {:?} optimal {} ({} nodes), highs {:?} optimal {} ({} nodes)",
            m.objective, m.optimal, m.search.work, h.objective, h.optimal, h.search.work
        );
        bounds_hold(&format!("{name}, highs"), &h, &m);
        bounds_hold(&format!("{name}, microlp"), &m, &h);
        if m.optimal && h.optimal {
            both_proven += 1;
            assert_eq!(m.objective, h.objective, "{name}: the same optimum");
            assert_eq!(h.search.stopped, Stopped::Proven, "{name}");
            assert_eq!(h.bound.cost, Some(h.objective.cost), "{name}");
        }
    }
    // The small months are proven by microlp (synth's tests); HiGHS must too.
    assert!(both_proven >= 8, "only {both_proven} proven by both");
}

#[test]
fn highs_plans_the_same_twice_with_time_alone_and_with_a_budget() {
    for kind in [RosterKind::Patterns, RosterKind::Individual] {
        let s = generated(300, 3, kind);
        let p = planned(&s, Engine::Highs, None);
        assert_eq!(p, planned(&s, Engine::Highs, None), "{kind:?}: time alone");
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            serde_json::to_string(&planned(&s, Engine::Highs, None)).unwrap(),
            "{kind:?}: byte-identical JSON"
        );
        let budgeted = planned(&s, Engine::Highs, Some(200));
        assert_eq!(
            budgeted,
            planned(&s, Engine::Highs, Some(200)),
            "{kind:?}: a budget of 200 nodes"
        );
        assert_ne!(budgeted.search.stopped, Stopped::TimeLimit, "{kind:?}");
    }
}

#[test]
fn a_budget_too_small_still_gives_a_valid_plan_and_says_so() {
    let s = generated(300, 3, RosterKind::Individual);
    let p = planned(&s, Engine::Highs, Some(1));
    if !p.optimal {
        assert_eq!(p.search.stopped, Stopped::WorkLimit);
        assert!(p.search.working_on.is_some());
    }
}

/// The 8,000-person individual roster of seed 7, destination AZ alone (84
/// persons, 20 flights): HiGHS given the heuristic's plan as a warm start
/// reported 26 detained with columns worth the start's 25, and the planner
/// proved 25 optimal. Both engines must prove 26.
#[test]
fn a_warm_start_does_not_make_highs_prove_too_little() {
    let mut o = ScenarioOptions::new(8000, 7, date(2026, 12, 1));
    o.escorts = 1200;
    o.days = 56;
    o.charters = 24;
    o.flights = 2400;
    o.roster = RosterKind::Individual;
    let mut s = generate_scenario(&o);
    let az = |d: &opcentrum_domain::Country| d.as_str() == "AZ";
    s.persons.retain(|p| az(&p.destination));
    s.flights.retain(|f| az(&f.destination));
    s.charters.retain(|c| az(&c.destination));
    let m = planned(&s, Engine::Microlp, None);
    let h = planned(&s, Engine::Highs, None);
    assert!(m.optimal && h.optimal, "{:?} {:?}", m.bound, h.bound);
    assert_eq!(m.objective.detained_moved, 26);
    assert_eq!(h.objective, m.objective);
}
