//! The exact search: a mixed-integer programme, built as a [`Milp`] and solved
//! by the engine the budget names (`microlp` by default, HiGHS with the
//! feature `highs`; `milp.rs`).
//!
//! The model is aggregated so that it grows with the structure, not the headcount:
//! - units (families or persons alone) with the same composition and the same
//!   feasible trips form one *type*; `x[type][trip]` counts how many go;
//! - escorts of one sex with the same availability form one *class*;
//!   `y[class][trip]` counts how many go. A per-class, per-day limit is exact:
//!   busy periods are intervals, and intervals whose daily load never exceeds the
//!   class size can always be handed out to individual escorts (interval graphs
//!   are perfect; `disaggregate` does it greedily by start day).
//!
//! The lexicographic objective is solved in three phases (detained moved, then
//! moved, then cost), each fixing the optimum of the one before.

use crate::assignment::Assignment;
use crate::budget::Meter;
use crate::milp::{self, Limits, Milp, Op, Sense, Solved, Stop, Var};
use crate::model::{Model, TripKind};
use crate::staff::{Demand, staff};
use std::collections::HashMap;

/// Units that are interchangeable for the programme.
#[derive(Debug, Clone)]
pub struct UnitType {
    pub units: Vec<usize>,
    pub trips: Vec<usize>,
    pub size: u32,
    pub detained: u32,
    pub escorted: [u32; 2],
}

pub fn unit_types(model: &Model) -> Vec<UnitType> {
    let mut index: HashMap<(Vec<usize>, u32, u32, [u32; 2]), usize> = HashMap::new();
    let mut types: Vec<UnitType> = Vec::new();
    for (u, unit) in model.units.iter().enumerate() {
        if unit.trips.is_empty() {
            continue;
        }
        let key = (unit.trips.clone(), unit.size, unit.detained, unit.escorted);
        match index.get(&key) {
            Some(&k) => types[k].units.push(u),
            None => {
                index.insert(key, types.len());
                types.push(UnitType {
                    units: vec![u],
                    trips: unit.trips.clone(),
                    size: unit.size,
                    detained: unit.detained,
                    escorted: unit.escorted,
                });
            }
        }
    }
    types
}

/// How the programme counts escorts. Both are relaxations that hold for any
/// roster; `staff` names the escorts of the answer, and only a staffed answer
/// is a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escorts {
    /// Per trip only: a scheduled flight's escorts follow from its escorted
    /// returnees, a charter's are one integer count; no sexes, no days. Small
    /// and nearly integral: the answer is usually staffable when escorts are
    /// not scarce.
    Counted,
    /// By sex and day: `y[s][t]` per sex, rule 6 by sex, and per day at most
    /// the escorts who can take any trip of that day.
    BySexAndDay,
}

/// Which of the three objective terms a phase optimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Detained,
    Moved,
    Cost,
}

/// The outcome of one phase.
#[derive(Debug, Clone)]
pub struct PhaseResult {
    pub assignment: Option<Assignment>,
    /// Proven bound on the phase's objective (upper for maximising, lower for cost).
    pub bound: Option<f64>,
    pub optimal: bool,
    pub nodes: u64,
}

struct Vars {
    /// (type, trip, var)
    x: Vec<(usize, usize, Var)>,
    /// (sex, trip, var); sex 2 for escorts counted without sex
    y: Vec<(usize, usize, Var)>,
    /// (trip, var) for charters that may fly
    operated: Vec<(usize, Var)>,
    /// (trip, sex, var)
    has_sex: Vec<(usize, usize, Var)>,
}

/// Sizes of the programme, for the benchmark and ARCHITECTURE.md.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProgrammeSize {
    pub types: usize,
    pub classes: usize,
    pub variables: usize,
    pub constraints: usize,
}

struct Programme {
    problem: Milp,
    vars: Vars,
    size: ProgrammeSize,
}

fn build(
    model: &Model,
    types: &[UnitType],
    phase: Phase,
    floors: (Option<u32>, Option<u32>),
    open: Option<&[bool]>,
    escorts: Escorts,
) -> Programme {
    let direction = match phase {
        Phase::Cost => Sense::Minimise,
        _ => Sense::Maximise,
    };
    let mut p = Milp::new(direction);
    let mut constraints = 0usize;
    let n_trips = model.trips.len();
    let mut vars = Vars {
        x: Vec::new(),
        y: Vec::new(),
        operated: Vec::new(),
        has_sex: Vec::new(),
    };

    // Per trip: terms of returnees, detained, escorted by sex.
    let mut returnees: Vec<Vec<(Var, f64)>> = vec![Vec::new(); n_trips];
    let mut escorted: Vec<[Vec<(Var, f64)>; 2]> = vec![[Vec::new(), Vec::new()]; n_trips];
    let mut detained_all: Vec<(Var, f64)> = Vec::new();
    // Per trip: each count variable with its upper bound and escorted by sex, for
    // the variable upper bounds that keep the relaxation tight.
    let mut upper_on: Vec<Vec<(Var, f64, [u32; 2])>> = vec![Vec::new(); n_trips];
    let mut moved_all: Vec<(Var, f64)> = Vec::new();
    for (k, ty) in types.iter().enumerate() {
        let mut row = Vec::with_capacity(ty.trips.len());
        for &t in &ty.trips {
            let trip = &model.trips[t];
            let closed = trip.kind == TripKind::Charter && open.is_some_and(|o| !o[t]);
            // Rule 6: no escort of a needed sex can take the trip.
            let no_sex = (0..2).any(|s| ty.escorted[s] > 0 && model.eligible[t][s].is_empty());
            let most = if closed || no_sex {
                0
            } else {
                (ty.units.len() as u32).min(trip.capacity / ty.size.max(1))
            };
            if most == 0 {
                continue;
            }
            // Counted escorts on a scheduled flight: their tickets go with the unit.
            let escort_tickets = match (escorts, trip.kind) {
                (Escorts::Counted, TripKind::Scheduled) => {
                    trip.ticket
                        * u64::from(model.escorts_per_escorted * (ty.escorted[0] + ty.escorted[1]))
                }
                _ => 0,
            };
            let coeff = match phase {
                Phase::Detained => f64::from(ty.detained),
                Phase::Moved => f64::from(ty.size),
                Phase::Cost => match trip.kind {
                    TripKind::Scheduled => {
                        (trip.ticket * u64::from(ty.size) + escort_tickets) as f64
                    }
                    TripKind::Charter => 0.0,
                },
            };
            let v = int_var(&mut p, coeff, most);
            vars.x.push((k, t, v));
            upper_on[t].push((v, f64::from(most), ty.escorted));
            row.push((v, 1.0));
            returnees[t].push((v, f64::from(ty.size)));
            for (s, &n) in ty.escorted.iter().enumerate() {
                if n > 0 {
                    escorted[t][s].push((v, f64::from(n)));
                }
            }
            if ty.detained > 0 {
                detained_all.push((v, f64::from(ty.detained)));
            }
            moved_all.push((v, f64::from(ty.size)));
        }
        if row.len() > 1 {
            add_row(&mut p, row, Op::Le, ty.units.len() as f64);
            constraints += 1;
        }
    }

    // Seats as an integer knapsack: the Chvátal–Gomory roundings of each trip's
    // capacity row, Σ ⌊size/d⌋·x ≤ ⌊capacity/d⌋ (e.g. on a flight with three
    // returnee seats, at most one family of two or more). They cut off the
    // fractional seatings that keep the cost phase's relaxation weak.
    for (trip, terms) in model.trips.iter().zip(&returnees) {
        let cap = trip.capacity;
        for d in 2..=cap.min(6) {
            if cap.is_multiple_of(d) {
                continue;
            }
            let row: Vec<(Var, f64)> = terms
                .iter()
                .filter_map(|&(v, size)| {
                    let c = (size as u32) / d;
                    (c > 0).then_some((v, f64::from(c)))
                })
                .collect();
            if row.len() > 1 {
                add_row(&mut p, row, Op::Le, f64::from(cap / d));
                constraints += 1;
            }
        }
    }

    // Escorts counted by sex: `y[s][t]` escorts of sex s on trip t, at most the
    // escorts of that sex whose availability covers the trip. Trips that share a
    // day pairwise overlap, so each escort is on at most one of them: per sex and
    // day, their escorts are at most the escorts who can take any of them. This
    // relaxation holds for any roster; `staff` names the escorts afterwards.
    let mut escorts_on: Vec<Vec<(Var, f64)>> = vec![Vec::new(); n_trips];
    let mut escorts_of_sex: Vec<[Vec<(Var, f64)>; 2]> = vec![[Vec::new(), Vec::new()]; n_trips];
    // Per sex, per day: (trip, var) of the trips busy that day.
    let mut sex_days: [HashMap<i32, Vec<(usize, Var)>>; 2] = [HashMap::new(), HashMap::new()];
    for t in 0..n_trips {
        if escorted[t][0].is_empty() && escorted[t][1].is_empty() {
            continue;
        }
        let trip = &model.trips[t];
        let eligible = &model.eligible[t];
        if escorts == Escorts::Counted {
            // Only a charter's count is free; a flight's follows from its
            // returnees, and no more escorts go than can take the trip.
            if trip.kind == TripKind::Scheduled {
                let k = f64::from(model.escorts_per_escorted);
                let row: Vec<(Var, f64)> = escorted[t]
                    .iter()
                    .flatten()
                    .map(|&(v, a)| (v, a * k))
                    .collect();
                add_row(
                    &mut p,
                    row,
                    Op::Le,
                    (eligible[0].len() + eligible[1].len()) as f64,
                );
                constraints += 1;
            }
            if trip.kind == TripKind::Charter {
                let n = (eligible[0].len() + eligible[1].len()) as u32;
                let v = int_var(&mut p, 0.0, n);
                vars.y.push((2, t, v));
                escorts_on[t].push((v, 1.0));
            }
            continue;
        }
        for s in 0..2 {
            let n = eligible[s].len() as u32;
            if n == 0 {
                continue;
            }
            let coeff = match (phase, trip.kind) {
                (Phase::Cost, TripKind::Scheduled) => trip.ticket as f64,
                _ => 0.0,
            };
            let v = int_var(&mut p, coeff, n);
            vars.y.push((s, t, v));
            escorts_on[t].push((v, 1.0));
            escorts_of_sex[t][s].push((v, 1.0));
            for d in trip.day..=trip.last_day() {
                sex_days[s].entry(d).or_default().push((t, v));
            }
        }
    }
    let mut mark = vec![false; model.escort_class.len()];
    for (s, days) in sex_days.into_iter().enumerate() {
        let mut days: Vec<_> = days.into_iter().filter(|(_, row)| row.len() > 1).collect();
        days.sort_by_key(|(d, _)| *d);
        // Consecutive days with the same trips give the same row: keep one.
        let mut last: Option<Vec<Var>> = None;
        for (_, row) in days {
            let key: Vec<Var> = row.iter().map(|(_, v)| *v).collect();
            if last.as_ref() == Some(&key) {
                continue;
            }
            mark.iter_mut().for_each(|m| *m = false);
            let mut union = 0u32;
            for &(t, _) in &row {
                for &e in &model.eligible[t][s] {
                    if !mark[e] {
                        mark[e] = true;
                        union += 1;
                    }
                }
            }
            let sum: u32 = row
                .iter()
                .map(|&(t, _)| model.eligible[t][s].len() as u32)
                .sum();
            if union < sum {
                add_row(
                    &mut p,
                    row.iter().map(|&(_, v)| (v, 1.0)),
                    Op::Le,
                    f64::from(union),
                );
                constraints += 1;
            }
            last = Some(key);
        }
    }

    for t in 0..n_trips {
        if returnees[t].is_empty() {
            continue;
        }
        let trip = &model.trips[t];
        let esc_total: f64 = escorted[t].iter().flatten().count() as f64;
        match trip.kind {
            TripKind::Scheduled => {
                add_row(
                    &mut p,
                    returnees[t].clone(),
                    Op::Le,
                    f64::from(trip.capacity),
                );
                // Rule 3: exactly escorts_per_escorted escorts per escorted returnee.
                if esc_total > 0.0 && escorts == Escorts::BySexAndDay {
                    let mut row = escorts_on[t].clone();
                    for (v, a) in escorted[t].iter().flatten() {
                        row.push((*v, -a * f64::from(model.escorts_per_escorted)));
                    }
                    add_row(&mut p, row, Op::Eq, 0.0);
                    constraints += 1;
                }
                constraints += 1;
            }
            TripKind::Charter => {
                let cost = match phase {
                    Phase::Cost => trip.fixed_cost as f64,
                    _ => 0.0,
                };
                let o = if open.is_some() {
                    // Fixed open by the enumeration of charter subsets.
                    p.add_integer(cost, (1, 1))
                } else {
                    int_var(&mut p, cost, 1)
                };
                vars.operated.push((t, o));
                // Rule 4: quota when operated, seats for everyone on board.
                let mut row = returnees[t].clone();
                row.push((o, -f64::from(trip.capacity)));
                add_row(&mut p, row, Op::Le, 0.0);
                let mut row = returnees[t].clone();
                row.extend(escorts_on[t].iter().copied());
                row.push((o, f64::from(model.charter_fixed_staff)));
                add_row(&mut p, row, Op::Le, f64::from(trip.seats));
                constraints += 2;
                // Returnees plus escorted returnees, as integers: the escorts'
                // ceiling ⌈ratio × escorted⌉ makes the seats row weaker in the
                // relaxation than in whole numbers (e.g. 21 seats, quota 14:
                // 14 + 2.67 escorted fits fractionally, at most 16 in all do).
                if let Some(beta) = charter_cut(model, trip) {
                    let mut row: Vec<(Var, f64)> = returnees[t]
                        .iter()
                        .zip(&upper_on[t])
                        .map(|(&(v, size), &(_, _, esc))| (v, size + f64::from(esc[0] + esc[1])))
                        .collect();
                    row.push((o, -f64::from(beta)));
                    add_row(&mut p, row, Op::Le, 0.0);
                    constraints += 1;
                }
                // x ≤ U·o for each count: much tighter than the quota row alone.
                for &(v, most, _) in &upper_on[t] {
                    add_row(&mut p, [(v, 1.0), (o, -most)], Op::Le, 0.0);
                    constraints += 1;
                }
                if esc_total > 0.0 {
                    // escorts >= ratio × escorted (integers: the ceiling follows).
                    let mut row = escorts_on[t].clone();
                    for (v, a) in escorted[t].iter().flatten() {
                        row.push((*v, -a * model.charter_escort_ratio));
                    }
                    add_row(&mut p, row, Op::Ge, -1e-7);
                    // Rule 7: no escorted returnee, no escorts.
                    let mut row = escorts_on[t].clone();
                    for (v, a) in escorted[t].iter().flatten() {
                        row.push((*v, -a * f64::from(trip.seats)));
                    }
                    add_row(&mut p, row, Op::Le, 0.0);
                    constraints += 2;
                }
            }
        }
        // Rule 6: an escorted returnee of sex X brings an escort of sex X.
        for s in 0..2 {
            if escorted[t][s].is_empty() || escorts == Escorts::Counted {
                continue;
            }
            let z = int_var(&mut p, 0.0, 1);
            vars.has_sex.push((t, s, z));
            // x ≤ U·z for each count with an escorted returnee of sex s.
            for &(v, most, esc) in &upper_on[t] {
                if esc[s] > 0 {
                    add_row(&mut p, [(v, 1.0), (z, -most)], Op::Le, 0.0);
                    constraints += 1;
                }
            }
            let mut row = escorts_of_sex[t][s].clone();
            row.push((z, -1.0));
            add_row(&mut p, row, Op::Ge, 0.0);
            constraints += 2;
        }
    }
    if let Some(d) = floors.0.filter(|_| !detained_all.is_empty()) {
        // The floors are optima of earlier phases: no plan exceeds them, so in the
        // cost phase they hold with equality, which tightens the relaxation.
        let op = if phase == Phase::Cost { Op::Eq } else { Op::Ge };
        add_row(&mut p, detained_all, op, f64::from(d));
        constraints += 1;
    }
    if let Some(m) = floors.1 {
        let op = if phase == Phase::Cost { Op::Eq } else { Op::Ge };
        add_row(&mut p, moved_all, op, f64::from(m));
        constraints += 1;
    }
    let variables = vars.x.len() + vars.y.len() + vars.operated.len() + vars.has_sex.len();
    Programme {
        problem: p,
        vars,
        size: ProgrammeSize {
            types: types.len(),
            classes: model.classes.len(),
            variables,
            constraints,
        },
    }
}

/// The size of the programme for `model`, without solving it.
pub fn programme_size(model: &Model) -> ProgrammeSize {
    let types = unit_types(model);
    build(
        model,
        &types,
        Phase::Cost,
        (None, None),
        None,
        Escorts::BySexAndDay,
    )
    .size
}

/// A warm start for the programme from a plan.
fn hint(model: &Model, types: &[UnitType], vars: &Vars, a: &Assignment) -> Vec<(Var, f64)> {
    let mut type_of = vec![usize::MAX; model.units.len()];
    for (k, ty) in types.iter().enumerate() {
        for &u in &ty.units {
            type_of[u] = k;
        }
    }
    let mut x_count: HashMap<(usize, usize), f64> = HashMap::new();
    for (u, t) in a.unit_trip.iter().enumerate() {
        if let Some(t) = t {
            *x_count.entry((type_of[u], *t)).or_default() += 1.0;
        }
    }
    let mut y_count: HashMap<(usize, usize), f64> = HashMap::new();
    for (t, escorts) in a.trip_escorts.iter().enumerate() {
        for &e in escorts {
            let sex = model.classes[model.escort_class[e]].sex.index();
            *y_count.entry((sex, t)).or_default() += 1.0;
            // Index 2: escorts of either sex (counted escorts).
            *y_count.entry((2, t)).or_default() += 1.0;
        }
    }
    let mut h = Vec::new();
    for &(k, t, v) in &vars.x {
        h.push((v, x_count.get(&(k, t)).copied().unwrap_or(0.0)));
    }
    for &(c, t, v) in &vars.y {
        h.push((v, y_count.get(&(c, t)).copied().unwrap_or(0.0)));
    }
    for &(t, v) in &vars.operated {
        h.push((v, if a.operated(t) { 1.0 } else { 0.0 }));
    }
    for &(t, s, v) in &vars.has_sex {
        h.push((v, if a.load[t].escorted[s] > 0 { 1.0 } else { 0.0 }));
    }
    h
}

/// Turns counts per type into persons by name, and staffs their trips.
fn disaggregate(
    model: &Model,
    types: &[UnitType],
    x: &[(usize, usize, u32)],
    meter: &mut Meter,
) -> Result<Assignment, Vec<Option<usize>>> {
    let mut unit_trip = vec![None; model.units.len()];
    let mut next = vec![0usize; types.len()];
    for &(k, t, n) in x {
        for _ in 0..n {
            if let Some(&u) = types[k].units.get(next[k]) {
                unit_trip[u] = Some(t);
                next[k] += 1;
            }
        }
    }
    let trip_escorts = demands(model, &unit_trip)
        .and_then(|d| staff(model, &d, meter))
        .ok_or(unit_trip.clone())?;
    Ok(Assignment::from_parts(model, unit_trip, trip_escorts))
}

/// What each trip needs of escorts when `unit_trip` is the plan: the least
/// number rules 3, 4 and 6 allow, and the sexes of its escorted returnees.
/// `None` when some trip cannot take that many (rule 3 fixes fewer than rule 6
/// needs, or a charter's seats run out).
pub fn demands(model: &Model, unit_trip: &[Option<usize>]) -> Option<Vec<Demand>> {
    let mut escorted = vec![[0u32; 2]; model.trips.len()];
    let mut returnees = vec![0u32; model.trips.len()];
    for (u, t) in unit_trip.iter().enumerate() {
        if let Some(t) = *t {
            returnees[t] += model.units[u].size;
            for (sum, n) in escorted[t].iter_mut().zip(model.units[u].escorted) {
                *sum += n;
            }
        }
    }
    escorted
        .iter()
        .enumerate()
        .map(|(t, e)| {
            let total = e[0] + e[1];
            if total == 0 {
                return Some(Demand::default());
            }
            let trip = &model.trips[t];
            let sexes = [e[0] > 0, e[1] > 0];
            let needed = model.escorts_needed(trip.kind, total);
            let count = needed.max(u32::from(sexes[0]) + u32::from(sexes[1]));
            let fits = match trip.kind {
                TripKind::Scheduled => count == needed,
                TripKind::Charter => returnees[t] + count + model.charter_fixed_staff <= trip.seats,
            };
            fits.then_some(Demand { count, sexes })
        })
        .collect()
}

/// The plan `unit_trip` with escorts named, if the roster can staff it.
pub fn staffed(
    model: &Model,
    unit_trip: Vec<Option<usize>>,
    meter: &mut Meter,
) -> Option<Assignment> {
    let trip_escorts = staff(model, &demands(model, &unit_trip)?, meter)?;
    Some(Assignment::from_parts(model, unit_trip, trip_escorts))
}

/// Charters worth enumerating: up to 2^this subsets.
const MAX_ENUMERATED_CHARTERS: usize = 8;

/// The cost phase by enumeration of which charters fly. A charter's fixed cost
/// makes the relaxation weak (an LP pays a fraction of a charter); with the set of
/// operated charters fixed, only ticket costs remain, whose relaxation is tight.
/// Subsets go cheapest first, and stop once the charters alone cost more than the
/// best plan. `None` when there are too many charters to enumerate.
pub fn solve_cost_by_charter_sets(
    model: &Model,
    types: &[UnitType],
    floors: (Option<u32>, Option<u32>),
    start: &Assignment,
    meter: &mut Meter,
) -> Option<PhaseResult> {
    let mut relevant: Vec<usize> = (0..model.trips.len())
        .filter(|&t| model.trips[t].kind == TripKind::Charter)
        .filter(|&t| types.iter().any(|ty| ty.trips.contains(&t)))
        .collect();
    relevant.sort_unstable();
    if relevant.len() > MAX_ENUMERATED_CHARTERS {
        return None;
    }
    let cost_of = |mask: u32| -> u64 {
        relevant
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, &t)| model.trips[t].fixed_cost)
            .sum()
    };
    let mut masks: Vec<u32> = (0..(1u32 << relevant.len())).collect();
    masks.sort_by_key(|&m| (cost_of(m), m));
    let mut best = start.clone();
    let mut best_cost = best.objective(model).cost;
    let mut proven = true;
    let mut nodes = 0;
    // A lower bound on every subset not settled: what its search proved, or for
    // those not reached, the charters' cost alone (subsets go cheapest first).
    let mut lower = f64::INFINITY;
    for (i, &mask) in masks.iter().enumerate() {
        if cost_of(mask) >= best_cost {
            break;
        }
        if meter.exhausted() {
            proven = false;
            lower = lower.min(cost_of(mask) as f64);
            break;
        }
        // An equal share of what is left for each subset still worth trying,
        // so that one hard subset does not leave the others without a bound.
        let left = masks[i..]
            .iter()
            .filter(|&&m| cost_of(m) < best_cost)
            .count()
            .max(1);
        let mut part = meter.part(1.0 / left as f64);
        let mut open = vec![false; model.trips.len()];
        for (i, &t) in relevant.iter().enumerate() {
            open[t] = mask & (1 << i) != 0;
        }
        let r = solve_phase(
            model,
            types,
            Phase::Cost,
            floors,
            &best,
            &mut part,
            Some(&open),
        );
        meter.absorb(&part);
        nodes += r.nodes;
        proven &= r.optimal;
        if !r.optimal {
            lower = lower.min(r.bound.unwrap_or(cost_of(mask) as f64));
        }
        if let Some(a) = r.assignment {
            // Lexicographically: a repaired answer may move fewer.
            let o = a.objective(model);
            if o.better_than(&best.objective(model)) {
                best = a;
                best_cost = o.cost;
            }
        }
    }
    Some(PhaseResult {
        assignment: Some(best),
        bound: Some(lower.min(best_cost as f64)),
        optimal: proven,
        nodes,
    })
}

/// Solves one phase, warm-started from `start`, within `meter`'s nodes (and
/// its outer time limit); charges the nodes it used to `meter`. First with
/// escorts only counted; if the roster cannot staff that answer, again with
/// escorts by sex and day. Both bounds hold; the tighter is kept.
pub fn solve_phase(
    model: &Model,
    types: &[UnitType],
    phase: Phase,
    floors: (Option<u32>, Option<u32>),
    start: &Assignment,
    meter: &mut Meter,
    open: Option<&[bool]>,
) -> PhaseResult {
    let (counted, staffed) = solve_relaxation(
        model,
        types,
        (phase, floors),
        start,
        meter,
        open,
        Escorts::Counted,
    );
    if staffed || meter.exhausted() {
        return counted;
    }
    let start = counted.assignment.as_ref().unwrap_or(start);
    let (mut fine, _) = solve_relaxation(
        model,
        types,
        (phase, floors),
        start,
        meter,
        open,
        Escorts::BySexAndDay,
    );
    fine.bound = match (counted.bound, fine.bound) {
        (Some(a), Some(b)) if phase == Phase::Cost => Some(a.max(b)),
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    // The counted answer's repair is a valid plan; keep it where the finer
    // programme found none and proved nothing (a proof of infeasibility stands).
    if fine.assignment.is_none() && !fine.optimal {
        fine.assignment = counted.assignment;
    }
    fine.nodes += counted.nodes;
    fine
}

/// One relaxation of a phase; whether its answer could be staffed.
fn solve_relaxation(
    model: &Model,
    types: &[UnitType],
    (phase, floors): (Phase, (Option<u32>, Option<u32>)),
    start: &Assignment,
    meter: &mut Meter,
    open: Option<&[bool]>,
    escorts: Escorts,
) -> (PhaseResult, bool) {
    let prog = build(model, types, phase, floors, open, escorts);
    let limits = Limits {
        time: meter.time_left(),
        nodes: meter.node_limit(),
        warm_start: Some(hint(model, types, &prog.vars, start)),
    };
    // A solver defect must not take the service down: the heuristic plan stands.
    let outcome = match milp::solve(meter.engine, &prog.problem, limits) {
        Solved::Done(o) => o,
        Solved::Panicked => {
            return (
                PhaseResult {
                    assignment: None,
                    bound: None,
                    optimal: false,
                    nodes: 0,
                },
                false,
            );
        }
        Solved::Failed { infeasible } => {
            meter.charge(1);
            return (
                PhaseResult {
                    assignment: None,
                    bound: None,
                    // Proven: no plan at all meets the floors (with these charters).
                    optimal: infeasible,
                    nodes: 0,
                },
                true,
            );
        }
    };
    // The root counts as a node: a budget of nodes bounds every call.
    meter.charge(outcome.nodes.max(1));
    match outcome.stop {
        Stop::TimeLimit => meter.time_hit = true,
        Stop::NodeLimit => meter.work_hit = true,
        Stop::Finished => {}
    }
    let optimal = outcome.optimal;
    let Some(solution) = outcome.solution else {
        return (
            PhaseResult {
                assignment: None,
                bound: outcome.bound,
                optimal: false,
                nodes: outcome.nodes,
            },
            false,
        );
    };
    let count = |v: Var| solution.value(v).round().max(0.0) as u32;
    let x: Vec<(usize, usize, u32)> = prog
        .vars
        .x
        .iter()
        .map(|&(k, t, v)| (k, t, count(v)))
        .collect();
    let bound = if optimal {
        Some(solution.objective)
    } else {
        outcome.bound
    };
    // The programme counts escorts by sex and day; if the roster cannot staff its
    // answer, the bound stands but the plan is the nearest one the greedy finds.
    let (assignment, staffed) = match disaggregate(model, types, &x, meter) {
        Ok(a) => (a, true),
        Err(unit_trip) => (crate::heuristic::repair(model, &unit_trip, meter), false),
    };
    (
        PhaseResult {
            assignment: Some(assignment),
            bound,
            optimal: optimal && staffed,
            nodes: outcome.nodes,
        },
        staffed,
    )
}

/// The most returnees plus escorted returnees a charter can take in whole
/// numbers, when that is less than its relaxation allows.
fn charter_cut(model: &Model, trip: &crate::model::Trip) -> Option<u32> {
    let room = trip.seats.checked_sub(model.charter_fixed_staff)?;
    let quota = trip.capacity.min(room);
    let ratio = model.charter_escort_ratio;
    if ratio <= 0.0 {
        return None;
    }
    // Whole numbers: e escorted among R returnees, R + ⌈ratio·e⌉ ≤ room.
    let best = (0..=quota)
        .filter_map(|e| {
            let escorts = crate::model::charter_escorts(ratio, e);
            let r = quota.min(room.checked_sub(escorts)?);
            (r >= e).then_some(r + e)
        })
        .max()?;
    // The relaxation: R = quota, e = (room − quota) / ratio (at most quota).
    let relaxed = f64::from(quota) + (f64::from(room - quota) / ratio).min(f64::from(quota));
    (f64::from(best) < relaxed - 1e-6).then_some(best)
}

fn int_var(p: &mut Milp, coeff: f64, most: u32) -> Var {
    p.add_integer(coeff, (0, i32::try_from(most).unwrap_or(i32::MAX)))
}

/// Adds a row, summing the coefficients of a variable named twice (a type with
/// escorted returnees of both sexes appears in both sexes' terms); the solver
/// requires each variable once per row.
fn add_row(p: &mut Milp, terms: impl IntoIterator<Item = (Var, f64)>, op: Op, rhs: f64) {
    let mut terms: Vec<(Var, f64)> = terms.into_iter().collect();
    terms.sort_by_key(|(v, _)| v.idx());
    let mut merged: Vec<(Var, f64)> = Vec::with_capacity(terms.len());
    for (v, a) in terms {
        match merged.last_mut() {
            Some((last, sum)) if *last == v => *sum += a,
            _ => merged.push((v, a)),
        }
    }
    p.add_row(merged, op, rhs);
}
