//! Incremental re-planning: the approved plan changes as little as the rules allow.

mod common;

use common::*;
use opcentrum_planner::{Change, Options, check_plan, plan, replan};
use serde_json::json;
use std::time::Duration;

fn approved_two_on_a_flight() -> (serde_json::Value, opcentrum_planner::Plan) {
    let mut v = base();
    v["persons"] = json!([
        person("A", "GE", "M", false, false, "2026-12-01", None),
        person("B", "GE", "F", false, false, "2026-12-01", None),
        person("C", "GE", "M", false, false, "2026-12-01", None),
    ]);
    v["flights"] = json!([flight("S1", "GE", "2026-12-05", 2, 5000)]);
    let s = scenario(&v);
    let p = plan(
        &s,
        &Options {
            time_limit: Duration::from_secs(5),
            exact: true,
            ..Options::default()
        },
        &mut |_| {},
    );
    assert_eq!(p.objective.moved, 2);
    (v, p)
}

#[test]
fn a_person_who_drops_out_frees_a_seat_for_the_next() {
    let (mut v, approved) = approved_two_on_a_flight();
    let seated: Vec<String> = approved.trips[0].persons.clone();
    let waiting = ["A", "B", "C"]
        .into_iter()
        .find(|p| !seated.iter().any(|s| s == p))
        .unwrap();
    let leaving = seated[0].clone();
    let staying = seated[1].clone();
    // The person absconds: the service no longer offers them to the planner.
    let persons: Vec<serde_json::Value> = v["persons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["id"] != leaving.as_str())
        .cloned()
        .collect();
    v["persons"] = json!(persons);
    let s = scenario(&v);
    let r = replan(&s, &approved);
    check_plan(&s, &r.plan).unwrap();
    assert!(r.changes.contains(&Change::Removed {
        person: leaving.clone(),
        from: "S1".into()
    }));
    assert!(r.changes.contains(&Change::Kept {
        person: staying.clone(),
        trip: "S1".into()
    }));
    assert!(r.changes.contains(&Change::Added {
        person: waiting.to_string(),
        trip: "S1".into()
    }));
    assert_eq!(r.changes.len(), 3);
}

#[test]
fn an_approved_choice_is_kept_even_when_a_cheaper_trip_exists() {
    let mut v = base();
    v["persons"] = json!([person("A", "GE", "M", false, false, "2026-12-01", None)]);
    v["flights"] = json!([
        flight("CHEAP", "GE", "2026-12-05", 2, 1000),
        flight("DEAR", "GE", "2026-12-06", 2, 9000),
    ]);
    let s = scenario(&v);
    // The planner adjusted by hand: A on the dearer flight.
    let mut approved = plan(
        &s,
        &Options {
            time_limit: Duration::from_secs(5),
            exact: true,
            ..Options::default()
        },
        &mut |_| {},
    );
    assert_eq!(trip_of(&approved, "A"), Some("CHEAP"));
    approved.trips[0].trip = "DEAR".into();
    let r = replan(&s, &approved);
    check_plan(&s, &r.plan).unwrap();
    assert_eq!(trip_of(&r.plan, "A"), Some("DEAR"));
    assert!(r.changes.iter().all(|c| !c.is_change()), "{:?}", r.changes);
}

#[test]
fn an_escort_leaving_the_roster_is_replaced_and_the_person_stays() {
    let mut v = base();
    v["persons"] = json!([person("A", "GE", "M", true, true, "2026-12-01", None)]);
    v["flights"] = json!([flight("S1", "GE", "2026-12-05", 3, 1000)]);
    v["escorts"] = json!([
        escort("E1", "M", "2026-12-01", "2026-12-28"),
        escort("E2", "M", "2026-12-01", "2026-12-28"),
        escort("E3", "F", "2026-12-01", "2026-12-28"),
    ]);
    let s = scenario(&v);
    let approved = solve(&s);
    assert_eq!(approved.trips[0].escorts.len(), 2);
    let gone = approved.trips[0].escorts[0].clone();
    let stays = approved.trips[0].escorts[1].clone();
    let escorts: Vec<serde_json::Value> = v["escorts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["id"] != gone.as_str())
        .cloned()
        .collect();
    v["escorts"] = json!(escorts);
    let s2 = scenario(&v);
    let r = replan(&s2, &approved);
    check_plan(&s2, &r.plan).unwrap();
    assert_eq!(trip_of(&r.plan, "A"), Some("S1"));
    let crew = &r.plan.trips[0].escorts;
    assert_eq!(crew.len(), 2);
    assert!(
        crew.contains(&stays),
        "the remaining approved escort is kept: {crew:?}"
    );
    assert!(!crew.contains(&gone));
}

#[test]
fn a_trip_withdrawn_leaves_its_persons_unplanned_with_a_reason() {
    let (mut v, approved) = approved_two_on_a_flight();
    v["flights"] = json!([]);
    let s = scenario(&v);
    let r = replan(&s, &approved);
    check_plan(&s, &r.plan).unwrap();
    assert!(r.plan.trips.is_empty());
    assert_eq!(r.plan.unplanned.len(), 3);
    assert!(
        r.plan
            .unplanned
            .iter()
            .all(|u| u.reason.code() == "no_trip_in_window")
    );
    assert_eq!(
        r.changes
            .iter()
            .filter(|c| matches!(c, Change::Removed { .. }))
            .count(),
        2
    );
}
