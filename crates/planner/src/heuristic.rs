//! The fast plan: a greedy construction (detained first, earliest deadline first,
//! cheapest trip that keeps every rule), then local improvement (fill charters
//! that fly anyway, close charters whose persons fit on scheduled flights, eject
//! and re-seat to make room). It gives a valid plan at once and warm-starts the
//! exact search. Its work is bounded by counts (four rounds of improvement at
//! most), never by the clock: the clock is only the search's outer limit, and
//! `meter` notes when that cut it short.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::model::{Model, TripKind};

/// Builds a plan greedily and improves it until no move helps.
pub fn heuristic(model: &Model, meter: &mut Meter) -> Assignment {
    let mut a = Assignment::new(model);
    let order = priority_order(model);
    for &u in &order {
        place(model, &mut a, u);
    }
    improve(model, &mut a, &order, meter);
    a
}

/// Local improvement until no move helps (four rounds at most) or the outer
/// time limit passes.
fn improve(model: &Model, a: &mut Assignment, order: &[usize], meter: &mut Meter) {
    for _round in 0..4 {
        if meter.out_of_time() {
            break;
        }
        let before = a.objective(model);
        fill_charters(model, a);
        for &u in order {
            if a.unit_trip[u].is_none() {
                place(model, a, u);
            }
        }
        eject_and_reseat(model, a, order, meter);
        close_charters(model, a);
        let after = a.objective(model);
        if !after.better_than(&before) {
            break;
        }
    }
}

/// A plan that follows `preferred` (unit → trip, e.g. the merged per-destination
/// optimum) wherever the rules allow, seats the rest greedily, then improves.
pub fn repair(model: &Model, preferred: &[Option<usize>], meter: &mut Meter) -> Assignment {
    let mut a = Assignment::new(model);
    let order = priority_order(model);
    for &u in &order {
        if let Some(t) = preferred[u] {
            a.try_add(model, u, t);
        }
    }
    for &u in &order {
        if a.unit_trip[u].is_none() {
            place(model, &mut a, u);
        }
    }
    improve(model, &mut a, &order, meter);
    a
}

/// Units in the order the greedy seats them: most detained first, then the
/// earliest legal deadline, then the fewest options, then the largest.
pub fn priority_order(model: &Model) -> Vec<usize> {
    let mut order: Vec<usize> = (0..model.units.len())
        .filter(|&u| !model.units[u].trips.is_empty())
        .collect();
    order.sort_by_key(|&u| {
        let unit = &model.units[u];
        (
            std::cmp::Reverse(unit.detained.min(1)),
            unit.deadline.unwrap_or(i32::MAX),
            unit.trips.len(),
            std::cmp::Reverse(unit.size),
            u,
        )
    });
    order
}

/// The extra cost of putting unit `u` on trip `t` as the plan stands.
fn marginal_cost(model: &Model, a: &Assignment, u: usize, t: usize) -> u64 {
    let trip = &model.trips[t];
    let unit = &model.units[u];
    match trip.kind {
        TripKind::Charter if a.operated(t) => 0,
        TripKind::Charter => trip.fixed_cost,
        TripKind::Scheduled => {
            let escorts = model.escorts_per_escorted * unit.escorted_total();
            trip.ticket * u64::from(unit.size + escorts)
        }
    }
}

/// Seats unit `u` on the cheapest trip that takes it.
pub(crate) fn place(model: &Model, a: &mut Assignment, u: usize) -> bool {
    let mut options: Vec<usize> = model.units[u].trips.clone();
    options.sort_by_key(|&t| (marginal_cost(model, a, u, t), model.trips[t].day, t));
    options.into_iter().any(|t| a.try_add(model, u, t))
}

/// Moves persons from scheduled flights onto charters that fly anyway: the seat
/// on the charter is paid for, the ticket is not.
fn fill_charters(model: &Model, a: &mut Assignment) {
    for c in 0..model.trips.len() {
        if model.trips[c].kind != TripKind::Charter || !a.operated(c) {
            continue;
        }
        for u in 0..model.units.len() {
            let Some(t) = a.unit_trip[u] else { continue };
            if model.trips[t].kind == TripKind::Scheduled && model.units[u].trips.contains(&c) {
                a.try_move(model, u, c);
            }
        }
    }
}

/// Closes a charter when all its persons fit on scheduled flights for less.
fn close_charters(model: &Model, a: &mut Assignment) {
    for c in 0..model.trips.len() {
        if model.trips[c].kind != TripKind::Charter || !a.operated(c) {
            continue;
        }
        let before = a.objective(model);
        let mut trial = a.clone();
        let units = trial.trip_units[c].clone();
        let mut all = true;
        for u in units {
            let options: Vec<usize> = model.units[u]
                .trips
                .iter()
                .copied()
                .filter(|&t| model.trips[t].kind == TripKind::Scheduled)
                .collect();
            trial.remove(model, u);
            if !options.into_iter().any(|t| trial.try_add(model, u, t)) {
                all = false;
                break;
            }
        }
        if all && trial.objective(model).better_than(&before) {
            *a = trial;
        }
    }
}

/// Moves tried to make room for one unseated unit, and for all of them in one
/// round: the heuristic's work is counted, never timed, so the same scenario
/// gives the same plan on any machine.
const MOVES_PER_UNIT: usize = 48;
const MOVES_PER_ROUND: usize = 60_000;

/// For each unseated unit: make room on one of its trips by moving a seated unit
/// of no higher priority to another of its trips.
fn eject_and_reseat(model: &Model, a: &mut Assignment, order: &[usize], meter: &mut Meter) {
    let mut moves = 0usize;
    for &u in order {
        if a.unit_trip[u].is_some() {
            continue;
        }
        if moves >= MOVES_PER_ROUND || meter.out_of_time() {
            return;
        }
        let mut tried = 0usize;
        'trips: for &t in &model.units[u].trips {
            let seated = a.trip_units[t].clone();
            for v in seated {
                for &t2 in &model.units[v].trips {
                    if tried >= MOVES_PER_UNIT {
                        break 'trips;
                    }
                    if t2 == t {
                        continue;
                    }
                    tried += 1;
                    if !a.try_move(model, v, t2) {
                        continue;
                    }
                    if a.try_add(model, u, t) {
                        break 'trips;
                    }
                    // No room even so: put v back.
                    a.try_move(model, v, t);
                }
            }
        }
        moves += tried;
    }
}
