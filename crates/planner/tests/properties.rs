//! Property tests: over random small scenarios, no plan the planner returns ever
//! breaks a rule (as the independent checker reads them), every person appears
//! once, and the exact search is never worse than the heuristic alone.

#![allow(clippy::unwrap_used)]

use jiff::ToSpan;
use jiff::civil::{Date, date};
use opcentrum_domain::country::Country;
use opcentrum_planner::scenario::SCENARIO_FORMAT;
use opcentrum_planner::*;
use proptest::prelude::*;
use std::time::Duration;

const DESTS: [&str; 3] = ["GE", "AL", "IQ"];

fn day(d: i64) -> Date {
    date(2026, 12, 1).checked_add(d.days()).unwrap()
}

fn sex(b: bool) -> Sex {
    if b { Sex::F } else { Sex::M }
}

prop_compose! {
    fn a_person(i: usize)(dest in 0..3usize, family in prop::option::weighted(0.3, 0..3usize),
        female: bool, escorted in prop::bool::weighted(0.4), detained: bool,
        ready in -3..14i64, window in prop::option::weighted(0.5, -2..14i64),
        stray in prop::bool::weighted(0.1)) -> Person {
        // A family's destination mostly follows from the family; now and then a
        // member is bound elsewhere (valid: the family then cannot travel).
        let dest = family.filter(|_| !stray).map(|f| f % 3).unwrap_or(dest);
        Person {
            id: format!("P{i}"),
            family: family.map(|f| format!("F{f}")),
            destination: Country::parse(DESTS[dest]).unwrap(),
            sex: sex(female),
            escorted,
            detained,
            ready_from: day(ready),
            must_leave_by: window.map(|w| day(ready + w)),
        }
    }
}

fn a_scenario() -> impl Strategy<Value = Scenario> {
    (
        0..10usize,
        0..6usize,
        0..3usize,
        0..6usize,
        1..3u32,
        0..3u32,
    )
        .prop_flat_map(|(np, nf, nc, ne, k, staff)| {
            let persons: Vec<_> = (0..np).map(a_person).collect();
            // Seats from 0 and quotas above the seats: valid, if odd.
            let flights = prop::collection::vec((0..3usize, 0..14i64, 0..4u32, 1..20u64), nf);
            let charters =
                prop::collection::vec((0..3usize, 0..14i64, 2..14u32, 0..8u32, 1..50u64), nc);
            // Individual availability: one to three windows of the escort's own.
            let escorts = prop::collection::vec(
                (
                    any::<bool>(),
                    0..10i64,
                    0..14i64,
                    // (gap, length): gaps from -3, so windows overlap, touch (gap 0) or lie apart.
                    prop::collection::vec((-3..4i64, 0..5i64), 0..3),
                ),
                ne,
            );
            (persons, flights, charters, escorts, Just(k), Just(staff))
        })
        .prop_map(|(persons, flights, charters, escorts, k, staff)| Scenario {
            format: SCENARIO_FORMAT.into(),
            horizon_start: day(0),
            horizon_days: 14,
            params: Params {
                escorts_per_escorted: k,
                charter_escort_ratio: 1.5,
                charter_fixed_staff: staff,
                trip_days: TripDays {
                    charter: 2,
                    scheduled: 3,
                },
            },
            persons,
            flights: flights
                .into_iter()
                .enumerate()
                .map(|(i, (d, date, seats, cost))| Flight {
                    id: format!("S{i}"),
                    destination: Country::parse(DESTS[d]).unwrap(),
                    date: day(date),
                    returnee_seats: seats,
                    ticket_cost: cost * 1000,
                })
                .collect(),
            charters: charters
                .into_iter()
                .enumerate()
                .map(|(i, (d, date, seats, quota, cost))| Charter {
                    id: format!("C{i}"),
                    destination: Country::parse(DESTS[d]).unwrap(),
                    date: day(date),
                    seats,
                    quota,
                    cost: cost * 10_000,
                })
                .collect(),
            escorts: escorts
                .into_iter()
                .enumerate()
                .map(|(i, (female, from, len, more))| {
                    let mut available = vec![Window {
                        from: day(from),
                        to: day((from + len).min(16)),
                    }];
                    let mut end = from + len;
                    for (gap, len) in more {
                        let start = end + 1 + gap;
                        end = start + len;
                        if end <= 16 {
                            available.push(Window {
                                from: day(start),
                                to: day(end),
                            });
                        }
                    }
                    Escort {
                        id: format!("E{i}"),
                        sex: sex(female),
                        available,
                    }
                })
                .collect(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

    #[test]
    fn no_plan_breaks_a_rule(s in a_scenario()) {
        prop_assume!(validate(&s).is_ok());
        let exact = plan(&s, &Options { time_limit: Duration::from_secs(20), exact: true, ..Options::default() }, &mut |_| {});
        let greedy = plan(&s, &Options { time_limit: Duration::from_secs(20), exact: false, ..Options::default() }, &mut |_| {});
        for p in [&exact, &greedy] {
            if let Err(v) = check_plan(&s, p) {
                prop_assert!(false, "rules broken: {v:?}\nscenario: {}\nplan: {}",
                    serde_json::to_string(&s).unwrap(), serde_json::to_string(p).unwrap());
            }
            prop_assert_eq!(p.trips.iter().map(|t| t.persons.len()).sum::<usize>() + p.unplanned.len(), s.persons.len());
        }
        prop_assert!(!greedy.objective.better_than(&exact.objective),
            "heuristic {:?} beat exact {:?}", greedy.objective, exact.objective);
        // Small scenarios are always solved to proven optimality.
        prop_assert!(exact.optimal, "not proven optimal: {:?} bound {:?}", exact.objective, exact.bound);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// After persons drop out of an approved plan and escorts leave the roster,
    /// the re-plan keeps every rule, keeps every remaining person whose trip
    /// still takes them, and accounts for every person once.
    #[test]
    fn a_replan_keeps_the_rules_and_the_approved_trips(
        s in a_scenario(),
        drop_person in prop::collection::vec(any::<bool>(), 40),
        drop_escort in prop::collection::vec(prop::bool::weighted(0.2), 40),
    ) {
        prop_assume!(validate(&s).is_ok());
        let approved = plan(&s, &Options { time_limit: Duration::from_secs(10), exact: false, ..Options::default() }, &mut |_| {});
        let mut after = s.clone();
        let mut i = 0;
        after.persons.retain(|_| { i += 1; !drop_person[(i - 1) % drop_person.len()] });
        // Families travel whole: drop a family only as a whole.
        let kept: std::collections::BTreeSet<String> = after.persons.iter().map(|p| p.id.clone()).collect();
        let broken: std::collections::BTreeSet<String> = s.persons.iter()
            .filter(|p| !kept.contains(&p.id))
            .filter_map(|p| p.family.clone()).collect();
        after.persons.retain(|p| p.family.as_ref().is_none_or(|f| !broken.contains(f)));
        let mut j = 0;
        after.escorts.retain(|_| { j += 1; !drop_escort[(j - 1) % drop_escort.len()] });
        prop_assume!(validate(&after).is_ok());
        let r = replan(&after, &approved);
        if let Err(v) = check_plan(&after, &r.plan) {
            prop_assert!(false, "rules broken: {v:?}\nscenario: {}\nplan: {}",
                serde_json::to_string(&after).unwrap(), serde_json::to_string(&r.plan).unwrap());
        }
        prop_assert_eq!(r.plan.trips.iter().map(|t| t.persons.len()).sum::<usize>() + r.plan.unplanned.len(), after.persons.len());
        // With nobody dropped and the roster intact, nothing changes.
        if after == s {
            prop_assert!(r.changes.iter().all(|c| !c.is_change()), "changes without a cause: {:?}", r.changes);
        }
        // Nobody is moved from one trip to another to make room.
        prop_assert!(!r.changes.iter().any(|c| matches!(c, Change::Moved { .. })) || after.escorts.len() < s.escorts.len(),
            "a person was moved though the roster is intact: {:?}", r.changes);
    }
}
