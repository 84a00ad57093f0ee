#![allow(dead_code, clippy::unwrap_used)]
//! Small scenarios written out by hand, so each test states what it plans.

use opcentrum_planner::{Options, Plan, Scenario, check_plan, parse_scenario, plan};
use serde_json::{Value, json};
use std::time::Duration;

pub fn base() -> Value {
    json!({
        "format": "opcentrum-planning/1",
        "horizon_start": "2026-12-01",
        "horizon_days": 28,
        "params": {
            "escorts_per_escorted": 2,
            "charter_escort_ratio": 1.5,
            "charter_fixed_staff": 3,
            "trip_days": { "charter": 2, "scheduled": 3 }
        },
        "persons": [],
        "charters": [],
        "flights": [],
        "escorts": []
    })
}

pub fn person(
    id: &str,
    dest: &str,
    sex: &str,
    escorted: bool,
    detained: bool,
    ready: &str,
    by: Option<&str>,
) -> Value {
    json!({ "id": id, "family": null, "destination": dest, "sex": sex, "escorted": escorted,
            "detained": detained, "ready_from": ready, "must_leave_by": by })
}

pub fn flight(id: &str, dest: &str, date: &str, seats: u32, ticket: u64) -> Value {
    json!({ "id": id, "destination": dest, "date": date, "returnee_seats": seats, "ticket_cost": ticket })
}

pub fn charter(id: &str, dest: &str, date: &str, seats: u32, quota: u32, cost: u64) -> Value {
    json!({ "id": id, "destination": dest, "date": date, "seats": seats, "quota": quota, "cost": cost })
}

pub fn escort(id: &str, sex: &str, from: &str, to: &str) -> Value {
    json!({ "id": id, "sex": sex, "available": [ { "from": from, "to": to } ] })
}

pub fn scenario(v: &Value) -> Scenario {
    parse_scenario(&v.to_string()).expect("a valid scenario")
}

/// Plans with the exact search and checks the plan independently.
pub fn solve(s: &Scenario) -> Plan {
    let p = plan(
        s,
        &Options {
            time_limit: Duration::from_secs(30),
            exact: true,
            ..Options::default()
        },
        &mut |_| {},
    );
    if let Err(v) = check_plan(s, &p) {
        panic!("the planner broke rules: {v:?}");
    }
    p
}

pub fn trip_of<'a>(p: &'a Plan, person: &str) -> Option<&'a str> {
    p.trips
        .iter()
        .find(|t| t.persons.iter().any(|x| x == person))
        .map(|t| t.trip.as_str())
}

pub fn reason_of(p: &Plan, person: &str) -> Option<&'static str> {
    p.unplanned
        .iter()
        .find(|u| u.person == person)
        .map(|u| u.reason.code())
}
