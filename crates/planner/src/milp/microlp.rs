//! A [`Milp`] solved by `microlp`: the columns and rows in the caller's order,
//! so the engine sees exactly the problem the planner built before `milp.rs`.

use super::{Domain, Limits, Milp, Op, Outcome, Sense, Solution, Solved, Stop};
use ::microlp::{
    ComparisonOp, Error, OptimizationDirection, Problem, SolveOptions, TerminationReason, Variable,
};

pub fn solve(milp: &Milp, limits: Limits) -> Solved {
    let direction = match milp.sense {
        Sense::Minimise => OptimizationDirection::Minimize,
        Sense::Maximise => OptimizationDirection::Maximize,
    };
    let mut p = Problem::new(direction);
    let vars: Vec<Variable> = milp
        .columns
        .iter()
        .map(|c| match c.domain {
            Domain::Integer => p.add_integer_var(c.cost, (c.lower, c.upper)),
            Domain::Binary => p.add_binary_var(c.cost),
        })
        .collect();
    for row in &milp.rows {
        let op = match row.op {
            Op::Le => ComparisonOp::Le,
            Op::Ge => ComparisonOp::Ge,
            Op::Eq => ComparisonOp::Eq,
        };
        let terms: Vec<(Variable, f64)> = row.terms.iter().map(|&(v, a)| (vars[v.0], a)).collect();
        p.add_constraint(terms, op, row.rhs);
    }
    let mut options = SolveOptions::default();
    options.time_limit = Some(limits.time);
    options.node_limit = limits.nodes;
    options.warm_start = limits
        .warm_start
        .map(|h| h.into_iter().map(|(v, x)| (vars[v.0], x)).collect());
    let outcome = match p.solve_with(options) {
        Ok(o) => o,
        Err(e) => {
            return Solved::Failed {
                infeasible: e == Error::Infeasible,
            };
        }
    };
    let stats = outcome.stats();
    let stop = match outcome.termination_reason() {
        TerminationReason::TimeLimit => Stop::TimeLimit,
        TerminationReason::NodeLimit => Stop::NodeLimit,
        _ => Stop::Finished,
    };
    let solution = outcome.solution().map(|s| Solution {
        values: vars.iter().map(|&v| s.var_value_raw(v)).collect(),
        objective: s.objective(),
    });
    Solved::Done(Outcome {
        nodes: stats.nodes_solved,
        stop,
        optimal: outcome.is_optimal(),
        bound: stats.best_bound,
        solution,
    })
}
