//! A [`Milp`] solved by HiGHS (cargo feature `highs`).
//!
//! Determinism: one thread and a fixed random seed, so that HiGHS takes the
//! same path on every run; the planner's work budget is HiGHS's `mip_max_nodes`
//! and the wall-clock limit its `time_limit` (only the latter may make two runs
//! differ, and the planner then says `stopped: time_limit`). The relative gap
//! is 0: `Optimal` means proven within HiGHS's absolute gap (1e-6), and every
//! objective the planner builds is integer-valued.
//!
//! Proofs: the answer's objective is computed from its columns, and `Optimal`
//! counts only when HiGHS's reported objective agrees with it; the bound is
//! HiGHS's reported dual bound (`mip_dual_bound`) when it reports a finite one
//! after a branch and bound that ran, widened by a relative 1e-6 for its
//! tolerances, and never tighter than the answer found.

use super::{Limits, Milp, Op, Outcome, Sense, Solution, Solved, Stop};
use ::highs::{HighsModelStatus, HighsSolutionStatus, RowProblem, Sense as HighsSense};
use std::ffi::{CStr, c_void};

/// The seed of HiGHS's random choices: fixed, for the same path every run.
const RANDOM_SEED: i32 = 0;

pub fn solve(milp: &Milp, limits: Limits) -> Solved {
    if milp.columns.is_empty() {
        // HiGHS calls a programme without columns empty; its rows are constants.
        let feasible = milp.rows.iter().all(|r| match r.op {
            Op::Le => 0.0 <= r.rhs + 1e-9,
            Op::Ge => 0.0 >= r.rhs - 1e-9,
            Op::Eq => r.rhs.abs() <= 1e-9,
        });
        if !feasible {
            return Solved::Failed { infeasible: true };
        }
        return Solved::Done(Outcome {
            nodes: 0,
            stop: Stop::Finished,
            optimal: true,
            bound: Some(0.0),
            solution: Some(Solution {
                values: Vec::new(),
                objective: 0.0,
            }),
        });
    }
    let mut p = RowProblem::default();
    let cols: Vec<::highs::Col> = milp
        .columns
        .iter()
        .map(|c| p.add_integer_column(c.cost, f64::from(c.lower)..=f64::from(c.upper)))
        .collect();
    for row in &milp.rows {
        let terms = row.terms.iter().map(|&(v, a)| (cols[v.0], a));
        match row.op {
            Op::Le => p.add_row(..=row.rhs, terms),
            Op::Ge => p.add_row(row.rhs.., terms),
            Op::Eq => p.add_row(row.rhs..=row.rhs, terms),
        }
    }
    let sense = match milp.sense {
        Sense::Minimise => HighsSense::Minimise,
        Sense::Maximise => HighsSense::Maximise,
    };
    let Ok(mut model) = p.try_optimise(sense) else {
        return Solved::Failed { infeasible: false };
    };
    model.make_quiet();
    let node_limit = limits
        .nodes
        .map(|n| i32::try_from(n.max(1)).unwrap_or(i32::MAX));
    let set = [
        model.try_set_option("threads", 1),
        model.try_set_option("random_seed", RANDOM_SEED),
        model.try_set_option("mip_rel_gap", 0.0),
        model.try_set_option("time_limit", limits.time.as_secs_f64().max(1e-3)),
        node_limit.map_or(Ok(()), |n| model.try_set_option("mip_max_nodes", n)),
    ];
    if set.iter().any(Result::is_err) {
        // Without its limits HiGHS would not keep the planner's promises.
        return Solved::Failed { infeasible: false };
    }
    // No warm start: with one (`Highs_setSolution`) HiGHS 1.16 returned the
    // start's columns as its answer while reporting a better optimum (the
    // 8,000-person individual roster, seed 7: destination AZ alone, 84 persons,
    // reported 26 detained with columns worth the start's 25), and the planner
    // proved 25 where 26 is possible. HiGHS's own heuristics find a start.
    let Ok(solved) = model.try_solve() else {
        return Solved::Failed { infeasible: false };
    };
    let status = solved.status();
    let ran = match status {
        HighsModelStatus::Infeasible => return Solved::Failed { infeasible: true },
        HighsModelStatus::Optimal
        | HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedInterrupt => true,
        // Errors, "unbounded or infeasible", unknown: nothing proven.
        _ => false,
    };
    let stop = match status {
        HighsModelStatus::ReachedTimeLimit => Stop::TimeLimit,
        HighsModelStatus::ReachedSolutionLimit | HighsModelStatus::ReachedIterationLimit
            if node_limit.is_some() =>
        {
            Stop::NodeLimit
        }
        _ => Stop::Finished,
    };
    let nodes = node_count(solved.as_ptr());
    // The answer's own objective, not the one HiGHS reports (see the warm start
    // above): an answer that disagrees is a plan, not the proven optimum; the
    // dual bound stands.
    let solution =
        (ran && solved.primal_solution_status() == HighsSolutionStatus::Feasible).then(|| {
            let values = solved.get_solution().columns().to_vec();
            let objective = milp
                .columns
                .iter()
                .zip(&values)
                .map(|(c, x)| c.cost * x)
                .sum();
            Solution { values, objective }
        });
    let consistent = solution.as_ref().is_some_and(|s| {
        (s.objective - solved.objective_value()).abs() <= 1e-6 * s.objective.abs().max(1.0)
    });
    let bound = if ran {
        solved
            .double_info_value(c"mip_dual_bound")
            .ok()
            .filter(|b| b.is_finite())
            .map(|b| {
                let slack = 1e-6 * b.abs().max(1.0);
                let found = solution.as_ref().map(|s| s.objective);
                match milp.sense {
                    Sense::Maximise => found.map_or(b + slack, |f| (b + slack).max(f)),
                    Sense::Minimise => found.map_or(b - slack, |f| (b - slack).min(f)),
                }
            })
    } else {
        None
    };
    Solved::Done(Outcome {
        nodes,
        stop,
        optimal: status == HighsModelStatus::Optimal && consistent,
        bound,
        solution,
    })
}

/// HiGHS's branch-and-bound node count (a 64-bit info value, which the `highs`
/// crate does not read).
fn node_count(highs: *const c_void) -> u64 {
    const NAME: &CStr = c"mip_node_count";
    let mut count: i64 = 0;
    // SAFETY: `highs` is the live HiGHS instance of a solved model, borrowed for
    // this call; NAME is NUL-terminated; `count` is a valid i64 to write.
    let status = unsafe { ::highs_sys::Highs_getInt64InfoValue(highs, NAME.as_ptr(), &mut count) };
    if status == ::highs_sys::STATUS_OK {
        u64::try_from(count).unwrap_or(0)
    } else {
        0
    }
}
