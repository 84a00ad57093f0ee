//! The planner against the contract of planning-problem.md: hand-made scenarios
//! whose optimum is known, the reasons for unplanned persons, and the errors for
//! bad scenarios.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;
use opcentrum_planner::parse_scenario;

#[test]
fn detained_go_first_when_seats_are_short() {
    let mut v = base();
    v["persons"] = serde_json::json!([
        person("P1", "GE", "M", false, false, "2026-12-01", None),
        person("P2", "GE", "M", false, true, "2026-12-01", None),
    ]);
    v["flights"] = serde_json::json!([flight("S1", "GE", "2026-12-05", 1, 5000)]);
    let p = solve(&scenario(&v));
    assert_eq!(trip_of(&p, "P2"), Some("S1"));
    assert_eq!(reason_of(&p, "P1"), Some("trips_full"));
    assert_eq!(
        (
            p.objective.detained_moved,
            p.objective.moved,
            p.objective.cost
        ),
        (1, 1, 5000)
    );
    assert!(p.optimal);
}

#[test]
fn the_cheaper_of_two_flights_is_chosen_and_escorts_pay_tickets() {
    let mut v = base();
    v["persons"] = serde_json::json!([person(
        "P1",
        "IQ",
        "F",
        true,
        true,
        "2026-12-01",
        Some("2026-12-20")
    )]);
    v["flights"] = serde_json::json!([
        flight("S1", "IQ", "2026-12-05", 2, 9000),
        flight("S2", "IQ", "2026-12-06", 2, 4000),
    ]);
    v["escorts"] = serde_json::json!([
        escort("E1", "F", "2026-12-01", "2026-12-28"),
        escort("E2", "M", "2026-12-01", "2026-12-28"),
        escort("E3", "M", "2026-12-01", "2026-12-28"),
    ]);
    let p = solve(&scenario(&v));
    assert_eq!(p.trips.len(), 1);
    assert_eq!(p.trips[0].trip, "S2");
    // Rule 3: exactly two escorts; rule 6: one of them a woman.
    assert_eq!(p.trips[0].escorts.len(), 2);
    assert!(p.trips[0].escorts.contains(&"E1".to_string()));
    // One returnee and two escorts, 4000 SEK each.
    assert_eq!(p.objective.cost, 12_000);
    assert!(p.optimal);
}

#[test]
fn a_charter_flies_when_it_moves_more_people_and_otherwise_not() {
    let mut v = base();
    let persons: Vec<_> = (1..=5)
        .map(|i| {
            person(
                &format!("P{i}"),
                "AF",
                "M",
                false,
                false,
                "2026-12-01",
                None,
            )
        })
        .collect();
    v["persons"] = serde_json::Value::Array(persons);
    v["flights"] = serde_json::json!([flight("S1", "AF", "2026-12-03", 2, 7000)]);
    v["charters"] = serde_json::json!([charter("C1", "AF", "2026-12-10", 80, 50, 900_000)]);
    let p = solve(&scenario(&v));
    // Moving all five beats any cost: the charter flies with the three the flight cannot take.
    assert_eq!(p.objective.moved, 5);
    // Cheapest way to move five: all on the charter (900 000), not two tickets on top.
    assert_eq!(p.objective.cost, 900_000);
    assert_eq!(p.trips.len(), 1);
    assert!(p.optimal);

    // With two persons the flight takes both, and the charter stays on the ground.
    let mut v2 = v.clone();
    v2["persons"] = serde_json::Value::Array(v["persons"].as_array().unwrap()[..2].to_vec());
    let p = solve(&scenario(&v2));
    assert_eq!(p.objective.cost, 14_000);
    assert_eq!(
        p.trips.iter().map(|t| t.trip.as_str()).collect::<Vec<_>>(),
        vec!["S1"]
    );
}

#[test]
fn a_family_travels_together_or_not_at_all() {
    let mut v = base();
    let mut a = person("P1", "SO", "F", false, false, "2026-12-01", None);
    let mut b = person("P2", "SO", "M", false, false, "2026-12-01", None);
    a["family"] = "F1".into();
    b["family"] = "F1".into();
    v["persons"] = serde_json::json!([
        a,
        b,
        person("P3", "SO", "M", false, false, "2026-12-01", None)
    ]);
    // Two flights of one seat each: the family cannot fit on either.
    v["flights"] = serde_json::json!([
        flight("S1", "SO", "2026-12-03", 1, 5000),
        flight("S2", "SO", "2026-12-04", 1, 5000),
    ]);
    let p = solve(&scenario(&v));
    assert_eq!(trip_of(&p, "P1"), None);
    assert_eq!(trip_of(&p, "P2"), None);
    assert!(trip_of(&p, "P3").is_some());
    assert_eq!(reason_of(&p, "P1"), Some("family_too_large"));

    // With a two-seat flight the family goes together.
    v["flights"][1]["returnee_seats"] = 2.into();
    let p = solve(&scenario(&v));
    assert_eq!(trip_of(&p, "P1"), Some("S2"));
    assert_eq!(trip_of(&p, "P2"), Some("S2"));
}

/// The contract does not forbid a family bound for two destinations, a
/// charter with fewer seats than its quota or with no quota, or a flight with
/// no returnee seats: each is planned as it stands (the family left out with
/// its reason, the trips carrying what rules 3 and 4 allow), not refused.
#[test]
fn odd_but_valid_scenarios_are_planned_not_refused() {
    let mut v = base();
    let mut a = person("P1", "GE", "M", false, true, "2026-12-01", None);
    let mut b = person("P2", "AL", "F", false, false, "2026-12-01", None);
    a["family"] = "F1".into();
    b["family"] = "F1".into();
    v["persons"] = serde_json::json!([
        a,
        b,
        person("P3", "IQ", "M", false, false, "2026-12-01", None),
        person("P4", "IQ", "M", false, false, "2026-12-01", None),
        person("P5", "IQ", "M", false, false, "2026-12-01", None),
        person("P6", "SO", "M", false, false, "2026-12-01", None),
    ]);
    v["flights"] = serde_json::json!([
        flight("S-GE", "GE", "2026-12-03", 3, 5000),
        flight("S-AL", "AL", "2026-12-03", 3, 5000),
        flight("S-SO", "SO", "2026-12-03", 0, 5000),
    ]);
    // Five seats and three fixed staff: two returnees, though the quota is 50;
    // a second charter with a quota of 0 carries nobody.
    v["charters"] = serde_json::json!([
        charter("C-IQ", "IQ", "2026-12-05", 5, 50, 100000),
        charter("C-IQ0", "IQ", "2026-12-06", 80, 0, 100000),
    ]);
    let s = parse_scenario(&v.to_string()).expect("valid under the contract");
    let p = solve(&s);
    assert_eq!(
        opcentrum_planner::check_plan(&s, &p).map(|o| o.moved),
        Ok(2),
        "{p:?}"
    );
    assert_eq!(trip_of(&p, "P1"), None);
    assert_eq!(trip_of(&p, "P2"), None);
    assert_eq!(reason_of(&p, "P1"), Some("family_destinations_differ"));
    assert_eq!(reason_of(&p, "P2"), Some("family_destinations_differ"));
    let on_charter = ["P3", "P4", "P5"]
        .iter()
        .filter(|x| trip_of(&p, x) == Some("C-IQ"))
        .count();
    assert_eq!(on_charter, 2, "seats, not the quota, limit the charter");
    assert!(
        ["P3", "P4", "P5"]
            .iter()
            .all(|x| trip_of(&p, x) != Some("C-IQ0"))
    );
    assert_eq!(trip_of(&p, "P6"), None);
    assert_eq!(p.objective.moved, 2);
    assert!(p.optimal, "{p:?}");
    let text = p
        .unplanned
        .iter()
        .find(|u| u.person == "P1")
        .map(|u| u.explanation.clone())
        .unwrap_or_default();
    assert!(text.contains("AL, GE"), "{text}");
}

#[test]
fn no_one_is_planned_past_the_legal_limit_and_the_reason_says_so() {
    let mut v = base();
    v["persons"] = serde_json::json!([
        person(
            "P1",
            "UZ",
            "M",
            false,
            true,
            "2026-12-01",
            Some("2026-12-04")
        ),
        person(
            "P2",
            "UZ",
            "M",
            false,
            true,
            "2026-12-10",
            Some("2026-12-08")
        ),
    ]);
    v["flights"] = serde_json::json!([flight("S1", "UZ", "2026-12-05", 3, 5000)]);
    let p = solve(&scenario(&v));
    assert!(p.trips.is_empty());
    assert_eq!(reason_of(&p, "P1"), Some("no_trip_in_window"));
    assert_eq!(reason_of(&p, "P2"), Some("past_deadline"));
    let text = &p
        .unplanned
        .iter()
        .find(|u| u.person == "P1")
        .unwrap()
        .explanation;
    assert!(text.contains("UZ") && text.contains("2026-12-04"), "{text}");
    // Word for word in both languages (the catalogue's gate.explain.*).
    let said = |person: &str| {
        let u = p.unplanned.iter().find(|u| u.person == person).unwrap();
        (u.explanation.clone(), u.explanation_sv.clone())
    };
    assert_eq!(
        said("P1"),
        (
            "No flight to UZ between 2026-12-01 and 2026-12-04; request a scheduled flight or a charter in that window.".to_owned(),
            "Inget flyg till UZ mellan 2026-12-01 och 2026-12-04; begär ett reguljärflyg eller ett charterflyg i det fönstret.".to_owned()
        )
    );
    assert_eq!(
        said("P2"),
        (
            "Must leave by 2026-12-08 but is only ready from 2026-12-10: the legal window has closed; review the detention or the decision before planning.".to_owned(),
            "Måste lämna landet senast 2026-12-08 men är klar först från 2026-12-10: det rättsliga fönstret har stängts; pröva förvaret eller beslutet innan planering.".to_owned()
        )
    );
}

#[test]
fn an_escorted_woman_needs_a_woman_escort() {
    let mut v = base();
    v["persons"] = serde_json::json!([person("P1", "IQ", "F", true, true, "2026-12-01", None)]);
    v["flights"] = serde_json::json!([flight("S1", "IQ", "2026-12-05", 2, 5000)]);
    v["escorts"] = serde_json::json!([
        escort("E1", "M", "2026-12-01", "2026-12-28"),
        escort("E2", "M", "2026-12-01", "2026-12-28"),
    ]);
    let p = solve(&scenario(&v));
    assert_eq!(reason_of(&p, "P1"), Some("no_escort_of_sex"));
    let u = &p.unplanned[0];
    assert_eq!(
        u.explanation,
        "Needs an escort of sex F and none is on the NTE roster for any flight to IQ in 2026-12-01 … the end of the period (S1); roster one."
    );
    assert_eq!(
        u.explanation_sv,
        "Behöver en eskort av kön F och ingen sådan finns i NTE:s bemanning för något flyg till IQ under 2026-12-01 … periodens slut (S1); bemanna en."
    );
    // A woman on the roster, but on leave over the trip's three days.
    v["escorts"][1] = escort("E2", "F", "2026-12-06", "2026-12-28");
    let p = solve(&scenario(&v));
    assert_eq!(reason_of(&p, "P1"), Some("no_escort_of_sex"));
    v["escorts"][1] = escort("E2", "F", "2026-12-05", "2026-12-07");
    let p = solve(&scenario(&v));
    assert_eq!(trip_of(&p, "P1"), Some("S1"));
}

#[test]
fn an_escort_is_not_on_two_trips_on_one_day() {
    let mut v = base();
    v["persons"] = serde_json::json!([
        person("P1", "GE", "M", true, true, "2026-12-01", None),
        person("P2", "AL", "M", true, true, "2026-12-01", None),
    ]);
    // The trips overlap (3 busy days each); two escorts can cover only one.
    v["flights"] = serde_json::json!([
        flight("S1", "GE", "2026-12-05", 2, 5000),
        flight("S2", "AL", "2026-12-06", 2, 5000),
    ]);
    v["escorts"] = serde_json::json!([
        escort("E1", "M", "2026-12-01", "2026-12-28"),
        escort("E2", "M", "2026-12-01", "2026-12-28"),
    ]);
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 1);
    let left = &p.unplanned[0];
    assert_eq!(left.reason.code(), "escorts_busy");
    // A third and fourth escort: both go.
    let mut more = v["escorts"].as_array().unwrap().clone();
    more.push(escort("E3", "M", "2026-12-01", "2026-12-28"));
    more.push(escort("E4", "F", "2026-12-01", "2026-12-28"));
    v["escorts"] = serde_json::Value::Array(more);
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 2);
}

/// Rule 5: a trip's busy days lie inside ONE availability window. Two
/// windows that touch (a course ends on the 5th, a shift starts on the 6th)
/// do not make a trip over both; a window holding the whole trip does.
#[test]
fn a_trip_over_two_touching_windows_is_not_staffed_by_them() {
    let mut v = base();
    v["persons"] = serde_json::json!([person("P1", "GE", "M", true, true, "2026-12-01", None)]);
    // Busy 2026-12-05 … 12-07 (three days on a scheduled flight).
    v["flights"] = serde_json::json!([flight("S1", "GE", "2026-12-05", 2, 5000)]);
    let split = |id: &str| {
        serde_json::json!({"id": id, "sex": "M", "available": [
            {"from": "2026-12-01", "to": "2026-12-05"},
            {"from": "2026-12-06", "to": "2026-12-20"}
        ]})
    };
    v["escorts"] = serde_json::json!([split("E1"), split("E2")]);
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 0, "{p:?}");
    assert_eq!(p.unplanned[0].person, "P1");
    // Overlapping windows, one holding the trip's days: it goes.
    v["escorts"][0]["available"][1]["from"] = "2026-12-04".into();
    v["escorts"][1]["available"][1]["from"] = "2026-12-05".into();
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 1, "{p:?}");
}

#[test]
fn a_charter_takes_escorts_by_ratio_and_fits_them_in_its_seats() {
    let mut v = base();
    let persons: Vec<_> = (1..=3)
        .map(|i| person(&format!("P{i}"), "IQ", "M", true, true, "2026-12-01", None))
        .collect();
    v["persons"] = serde_json::Value::Array(persons);
    // 3 escorted × 1.5 → 5 escorts; 3 + 5 + 3 staff = 11 seats.
    v["charters"] = serde_json::json!([charter("C1", "IQ", "2026-12-10", 11, 10, 500_000)]);
    let escorts: Vec<_> = (1..=6)
        .map(|i| escort(&format!("E{i}"), "M", "2026-12-01", "2026-12-28"))
        .collect();
    v["escorts"] = serde_json::Value::Array(escorts);
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 3);
    assert_eq!(p.trips[0].escorts.len(), 5);
    // One seat fewer: only two returnees fit (2 + 3 + 3 = 8 ≤ 10).
    v["charters"][0]["seats"] = 10.into();
    let p = solve(&scenario(&v));
    assert_eq!(p.objective.moved, 2);
}

#[test]
fn bad_scenarios_name_the_json_path_and_the_reason() {
    type Edit = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            Box::new(|v| {
                v["persons"] = serde_json::json!([
                    person("P1", "GE", "M", false, false, "2026-12-01", None),
                    person("P1", "GE", "M", false, false, "2026-12-01", None)
                ])
            }),
            "$.persons[1].id",
            "duplicate id",
        ),
        (
            Box::new(|v| {
                v["flights"] = serde_json::json!([flight("S1", "GE", "2027-02-01", 2, 5000)])
            }),
            "$.flights[0].date",
            "outside the horizon",
        ),
        (
            Box::new(|v| {
                v["charters"] = serde_json::json!([charter("C1", "QQ", "2026-12-05", 80, 50, 1)])
            }),
            "$.charters[0].destination",
            "ISO 3166-1",
        ),
        (
            Box::new(|v| {
                v["persons"] =
                    serde_json::json!([person("P1", "GE", "X", false, false, "2026-12-01", None)])
            }),
            "$.persons[0].sex",
            "unknown variant",
        ),
        (
            Box::new(|v| v["horizon_start"] = "1 December".into()),
            "$.horizon_start",
            "",
        ),
        (
            Box::new(|v| v["format"] = "opcentrum-planning/2".into()),
            "$.format",
            "expected",
        ),
        (
            Box::new(|v| v["params"]["trip_days"]["charter"] = 0.into()),
            "$.params.trip_days.charter",
            "between 1 and 30",
        ),
        (
            Box::new(
                |v| v["escorts"] = serde_json::json!([{ "id": "E1", "sex": "F", "available": [ { "from": "2026-12-09", "to": "2026-12-02" } ] }]),
            ),
            "$.escorts[0].available[0].to",
            "before",
        ),
        (
            Box::new(|v| {
                v["flights"] = serde_json::json!([flight("X1", "GE", "2026-12-05", 2, 5000)]);
                v["charters"] = serde_json::json!([charter("X1", "GE", "2026-12-05", 80, 50, 1)]);
            }),
            "$.flights[0].id",
            "also the id",
        ),
        (
            Box::new(|v| v["persons"] = serde_json::json!([{ "id": "P1", "destination": "GE" }])),
            "$.persons[0]",
            "missing field",
        ),
        (
            Box::new(
                |v| v["persons"] = serde_json::json!([{ "id": "P1", "family": null, "destination": "GE", "sex": "M", "escorted": false, "detained": false, "ready_from": "2026-12-01", "must_leave_by": null, "must_leave_bye": "2026-12-02" }]),
            ),
            "$.persons[0]",
            "unknown field",
        ),
    ];
    for (edit, path, reason) in cases {
        let mut v = base();
        edit(&mut v);
        let err = parse_scenario(&v.to_string()).expect_err(path);
        assert!(
            err.path.starts_with(path),
            "expected path {path}, got {err}"
        );
        assert!(err.reason.contains(reason), "expected {reason:?} in {err}");
    }
}
