//! The independent checker catches every kind of broken plan.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use opcentrum_planner::{Plan, check_plan};

fn scenario_with_family() -> opcentrum_planner::Scenario {
    let mut v = base();
    let mut a = person(
        "P1",
        "GE",
        "F",
        true,
        true,
        "2026-12-02",
        Some("2026-12-10"),
    );
    let mut b = person("P2", "GE", "M", false, false, "2026-12-01", None);
    a["family"] = "F1".into();
    b["family"] = "F1".into();
    v["persons"] = serde_json::json!([
        a,
        b,
        person("P3", "AL", "M", false, false, "2026-12-01", None)
    ]);
    v["flights"] = serde_json::json!([
        flight("S1", "GE", "2026-12-05", 2, 1000),
        flight("S2", "GE", "2026-12-12", 2, 1000),
        flight("S3", "AL", "2026-12-06", 1, 1000),
    ]);
    v["charters"] = serde_json::json!([charter("C1", "GE", "2026-12-08", 10, 5, 100_000)]);
    v["escorts"] = serde_json::json!([
        escort("E1", "F", "2026-12-01", "2026-12-28"),
        escort("E2", "M", "2026-12-01", "2026-12-09"),
        escort("E3", "M", "2026-12-01", "2026-12-04"),
    ]);
    scenario(&v)
}

fn rules(s: &opcentrum_planner::Scenario, p: &Plan) -> Vec<u8> {
    let mut r: Vec<u8> = check_plan(s, p)
        .expect_err("must be refused")
        .iter()
        .map(|v| v.rule)
        .collect();
    r.sort_unstable();
    r.dedup();
    r
}

#[test]
fn the_planners_plan_passes_and_each_kind_of_break_is_named() {
    let s = scenario_with_family();
    let good = solve(&s);
    assert_eq!(good.objective.moved, 3);
    let o = check_plan(&s, &good).unwrap();
    assert_eq!(o, good.objective);

    // Split the family (rule 2).
    let mut p = good.clone();
    let t = p
        .trips
        .iter_mut()
        .find(|t| t.persons.contains(&"P2".to_string()))
        .unwrap();
    t.persons.retain(|x| x != "P2");
    p.unplanned.push(opcentrum_planner::Unplanned {
        person: "P2".into(),
        reason: opcentrum_planner::Reason::TripsFull,
        explanation: "x".into(),
        explanation_sv: String::new(),
    });
    assert!(rules(&s, &p).contains(&2));

    // Past must_leave_by (rule 1): the family on S2, 2026-12-12 > 2026-12-10.
    let mut p = good.clone();
    for t in &mut p.trips {
        if t.persons.contains(&"P1".to_string()) {
            t.trip = "S2".into();
        }
    }
    assert!(rules(&s, &p).contains(&1));

    // Wrong number of escorts on a scheduled flight (rule 3), no woman (rule 6).
    let mut p = good.clone();
    for t in &mut p.trips {
        if t.persons.contains(&"P1".to_string()) {
            t.escorts = vec!["E2".into()];
        }
    }
    let r = rules(&s, &p);
    assert!(r.contains(&6), "{r:?}");

    // Escorts on a trip without escorted returnees (rule 7).
    let mut p = good.clone();
    for t in &mut p.trips {
        if t.persons.contains(&"P3".to_string()) {
            t.escorts = vec!["E2".into()];
        }
    }
    assert!(rules(&s, &p).contains(&7));

    // A person twice, a person missing, a claimed objective that is not the plan's.
    let mut p = good.clone();
    p.unplanned.push(opcentrum_planner::Unplanned {
        person: "P3".into(),
        reason: opcentrum_planner::Reason::TripsFull,
        explanation: "x".into(),
        explanation_sv: String::new(),
    });
    assert!(rules(&s, &p).contains(&1));
    let mut p = good.clone();
    p.objective.cost += 1;
    assert_eq!(rules(&s, &p), vec![0]);
}

#[test]
fn escort_windows_and_double_booking_are_rule_five() {
    let s = scenario_with_family();
    let mut good = solve(&s);
    // E3 is available only to 2026-12-04: outside its window on any trip here.
    let mut p = good.clone();
    let t = p
        .trips
        .iter_mut()
        .find(|t| t.persons.contains(&"P1".to_string()))
        .unwrap();
    t.escorts = vec!["E1".into(), "E3".into()];
    let r = rules(&s, &p);
    assert_eq!(r, vec![5]);
    // The same escort twice on one trip.
    let t = good
        .trips
        .iter_mut()
        .find(|t| t.persons.contains(&"P1".to_string()))
        .unwrap();
    t.escorts = vec!["E1".into(), "E1".into()];
    let r = rules(&s, &good);
    assert!(r.contains(&5), "{r:?}");
}
