//! Staffing: given how many escorts each trip needs and of which sexes, name
//! them from the roster. Escorts have individual availability, so this is a
//! problem of its own (interval scheduling with eligibility): a greedy pass
//! that is right nearly always, and an exact programme when it is not.
//!
//! The exact search plans with escorts counted by sex and day (a relaxation
//! that holds for any roster); a plan whose demands can be staffed here keeps
//! every rule, so the relaxation's optimum is then the real optimum.

use crate::budget::Meter;
use crate::milp::{self, Limits, Milp, Op, Sense, Solved, Var};
use crate::model::Model;

/// What one trip needs: `count` escorts, with at least one of each sex in `sexes`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Demand {
    pub count: u32,
    pub sexes: [bool; 2],
}

/// Names escorts for every trip's demand, or `None` when the roster cannot
/// (proven, or the budget ran out first).
pub fn staff(model: &Model, demands: &[Demand], meter: &mut Meter) -> Option<Vec<Vec<usize>>> {
    greedy(model, demands).or_else(|| exact(model, demands, meter))
}

/// The last day of the availability window of escort `e` that holds days
/// `from ..= to`.
fn window_end(model: &Model, e: usize, from: i32, to: i32) -> Option<i32> {
    model.classes[model.escort_class[e]]
        .windows
        .iter()
        .find(|&&(a, b)| a <= from && to <= b)
        .map(|&(_, b)| b)
}

/// Trips by start day; for each, escorts free then, those whose window ends
/// soonest first (they are of least use later), a needed sex first, and the
/// more plentiful sex for the other places.
fn greedy(model: &Model, demands: &[Demand]) -> Option<Vec<Vec<usize>>> {
    let n = model.escort_class.len();
    let sex_of = |e: usize| model.classes[model.escort_class[e]].sex.index();
    let mut per_sex = [0usize; 2];
    for e in 0..n {
        per_sex[sex_of(e)] += 1;
    }
    let plentiful = if per_sex[1] >= per_sex[0] { 1 } else { 0 };
    let mut order: Vec<usize> = (0..demands.len())
        .filter(|&t| demands[t].count > 0)
        .collect();
    order.sort_by_key(|&t| (model.trips[t].day, model.trips[t].last_day(), t));
    let mut free_from = vec![i32::MIN; n];
    let mut out = vec![Vec::new(); model.trips.len()];
    for t in order {
        let trip = &model.trips[t];
        let (from, to) = (trip.day, trip.last_day());
        let mut pool: Vec<(i32, usize)> = (0..n)
            .filter(|&e| free_from[e] <= from)
            .filter_map(|e| window_end(model, e, from, to).map(|end| (end, e)))
            .collect();
        pool.sort_unstable();
        let mut chosen: Vec<usize> = Vec::new();
        for s in 0..2 {
            if demands[t].sexes[s] {
                let &(_, e) = pool.iter().find(|&&(_, e)| sex_of(e) == s)?;
                chosen.push(e);
            }
        }
        let want = demands[t].count as usize;
        for pass in [plentiful, 1 - plentiful] {
            for &(_, e) in &pool {
                if chosen.len() >= want {
                    break;
                }
                if sex_of(e) == pass && !chosen.contains(&e) {
                    chosen.push(e);
                }
            }
        }
        if chosen.len() < want {
            return None;
        }
        for &e in &chosen {
            free_from[e] = to + 1;
        }
        chosen.sort_unstable();
        out[t] = chosen;
    }
    Some(out)
}

/// Programmes larger than this are not tried (the greedy's answer stands).
const MAX_EXACT_VARIABLES: usize = 40_000;

/// The staffing as a 0-1 programme: one variable per (escort, trip) the escort
/// can take; each trip gets its count and its sexes; each escort is on at most
/// one trip a day.
fn exact(model: &Model, demands: &[Demand], meter: &mut Meter) -> Option<Vec<Vec<usize>>> {
    let trips: Vec<usize> = (0..demands.len())
        .filter(|&t| demands[t].count > 0)
        .collect();
    let lists: Vec<&[Vec<usize>; 2]> = trips.iter().map(|&t| &model.eligible[t]).collect();
    let size: usize = lists.iter().map(|l| l[0].len() + l[1].len()).sum();
    if size > MAX_EXACT_VARIABLES || meter.exhausted() {
        return None;
    }
    let mut p = Milp::new(Sense::Minimise);
    let mut vars = Vec::with_capacity(size);
    let mut by_escort: Vec<Vec<(i32, i32, Var)>> = vec![Vec::new(); model.escort_class.len()];
    for (i, &t) in trips.iter().enumerate() {
        let trip = &model.trips[t];
        let mut all = Vec::new();
        for (s, list) in lists[i].iter().enumerate() {
            let mut of_sex = Vec::new();
            for &e in list {
                let v = p.add_binary(0.0);
                vars.push((t, e, v));
                by_escort[e].push((trip.day, trip.last_day(), v));
                of_sex.push((v, 1.0));
                all.push((v, 1.0));
            }
            if demands[t].sexes[s] {
                if of_sex.is_empty() {
                    return None;
                }
                p.add_row(of_sex, Op::Ge, 1.0);
            }
        }
        p.add_row(all, Op::Eq, f64::from(demands[t].count));
    }
    for list in &by_escort {
        // One row per day on which two or more of the escort's trips meet.
        let (Some(lo), Some(hi)) = (
            list.iter().map(|x| x.0).min(),
            list.iter().map(|x| x.1).max(),
        ) else {
            continue;
        };
        let mut last: Vec<Var> = Vec::new();
        for d in lo..=hi {
            let row: Vec<Var> = list
                .iter()
                .filter(|&&(a, b, _)| a <= d && d <= b)
                .map(|x| x.2)
                .collect();
            if row.len() > 1 && row != last {
                p.add_row(row.iter().map(|&v| (v, 1.0)).collect(), Op::Le, 1.0);
            }
            last = row;
        }
    }
    let limits = Limits {
        time: meter.time_left(),
        nodes: meter.node_limit(),
        warm_start: None,
    };
    let Solved::Done(outcome) = milp::solve(meter.engine, &p, limits) else {
        meter.charge(1);
        return None;
    };
    meter.charge(outcome.nodes.max(1));
    let solution = outcome.solution?;
    let mut out = vec![Vec::new(); model.trips.len()];
    for &(t, e, v) in &vars {
        if solution.value(v) > 0.5 {
            out[t].push(e);
        }
    }
    for list in &mut out {
        list.sort_unstable();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Escort, Scenario, Sex, Window};
    use jiff::civil::date;
    use std::time::{Duration, Instant};

    fn scenario(escorts: &[(&str, Sex, u8, u8)], flights: &[u8]) -> Scenario {
        let d = |n: u8| date(2026, 12, i8::try_from(n).unwrap_or(1));
        let v = serde_json::json!({
            "format": "opcentrum-planning/1", "horizon_start": "2026-12-01", "horizon_days": 28,
            "params": { "escorts_per_escorted": 2, "charter_escort_ratio": 1.5,
                        "charter_fixed_staff": 3, "trip_days": { "charter": 2, "scheduled": 3 } },
            "persons": [], "charters": [],
            "flights": flights.iter().enumerate().map(|(i, day)| serde_json::json!({
                "id": format!("S{i}"), "destination": "GE", "date": d(*day).to_string(),
                "returnee_seats": 3, "ticket_cost": 100 })).collect::<Vec<_>>(),
            "escorts": [],
        });
        let mut s = crate::parse_scenario(&v.to_string()).expect("valid");
        s.escorts = escorts
            .iter()
            .map(|&(id, sex, a, b)| Escort {
                id: id.into(),
                sex,
                available: vec![Window {
                    from: d(a),
                    to: d(b),
                }],
            })
            .collect();
        s
    }

    fn meter() -> Meter {
        Meter::new(Some(1000), Instant::now() + Duration::from_secs(30))
    }

    #[test]
    fn the_greedy_keeps_the_short_windows_for_early_trips() {
        // S0 on days 1–3, S1 on days 4–6. A (days 1–3) can only take S0; the
        // greedy must not give S0 to B, who alone can take S1.
        let s = scenario(&[("A", Sex::M, 1, 3), ("B", Sex::M, 1, 10)], &[1, 4]);
        let m = Model::new(&s);
        let need = Demand {
            count: 1,
            sexes: [false, true],
        };
        let out = staff(&m, &[need, need], &mut meter()).expect("staffable");
        assert_eq!(out, vec![vec![0], vec![1]]);
    }

    #[test]
    fn a_needed_sex_is_staffed_and_an_impossible_demand_is_refused() {
        let s = scenario(
            &[
                ("F1", Sex::F, 1, 10),
                ("M1", Sex::M, 1, 10),
                ("M2", Sex::M, 1, 10),
            ],
            &[1, 2],
        );
        let m = Model::new(&s);
        let both = Demand {
            count: 2,
            sexes: [true, true],
        };
        let out = staff(&m, &[both, Demand::default()], &mut meter()).expect("staffable");
        assert_eq!(out[0].len(), 2);
        assert!(out[0].contains(&0), "the only woman goes: {out:?}");
        // Two overlapping trips that each need the only woman: no staffing.
        let f = Demand {
            count: 1,
            sexes: [true, false],
        };
        assert_eq!(staff(&m, &[f, f], &mut meter()), None);
    }

    #[test]
    fn the_exact_programme_finds_what_the_greedy_misses() {
        // S0 days 1–3 needs a woman and a man; S1 days 3–5 needs two. The
        // greedy gives S0 the escorts whose windows end soonest; the exact
        // programme is then asked directly and must find a staffing.
        let s = scenario(
            &[
                ("F1", Sex::F, 1, 5),
                ("M1", Sex::M, 1, 3),
                ("M2", Sex::M, 3, 5),
                ("M3", Sex::M, 1, 5),
            ],
            &[1, 3],
        );
        let m = Model::new(&s);
        let d0 = Demand {
            count: 2,
            sexes: [true, true],
        };
        let d1 = Demand {
            count: 2,
            sexes: [false, true],
        };
        let out = exact(&m, &[d0, d1], &mut meter()).expect("staffable");
        assert_eq!(out[0], vec![0, 1]);
        assert_eq!(out[1], vec![2, 3]);
    }
}
