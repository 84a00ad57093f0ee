//! The exact search's mixed-integer programmes in a form no engine owns:
//! integer columns with bounds and objective coefficients, and rows. `exact.rs`
//! and `staff.rs` build a [`Milp`]; [`solve`] hands it to the chosen
//! [`Engine`]: `microlp` (pure Rust, the default) or, with the cargo feature
//! `highs`, HiGHS. Each engine's file translates the programme and its answer,
//! and nothing else: the planner's decisions stay in the callers.

mod microlp;

#[cfg(feature = "highs")]
mod highs;

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// The engine that solves the programmes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Engine {
    /// `microlp`: pure Rust simplex with branch and bound.
    #[default]
    Microlp,
    /// HiGHS (cargo feature `highs`), single-threaded with a fixed seed.
    #[cfg(feature = "highs")]
    Highs,
}

impl Engine {
    /// The engines this build has.
    pub const ALL: &[Engine] = &[
        Engine::Microlp,
        #[cfg(feature = "highs")]
        Engine::Highs,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Microlp => "microlp",
            #[cfg(feature = "highs")]
            Engine::Highs => "highs",
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Engine {
    type Err = String;

    fn from_str(s: &str) -> Result<Engine, String> {
        if let Some(&e) = Engine::ALL.iter().find(|e| e.as_str() == s) {
            return Ok(e);
        }
        if s == "highs" {
            return Err(
                "this build has no HiGHS engine: build with `--features highs` \
                 (needs cmake, a C++ compiler and libclang), or use `microlp`"
                    .to_string(),
            );
        }
        Err(format!(
            "unknown engine `{s}`: one of {}",
            Engine::ALL
                .iter()
                .map(|e| e.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

/// A column of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Var(usize);

impl Var {
    pub fn idx(self) -> usize {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Minimise,
    Maximise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Le,
    Ge,
    Eq,
}

/// Integer between bounds, or 0-1 (`microlp` treats the two differently).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    Integer,
    Binary,
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub cost: f64,
    pub lower: i32,
    pub upper: i32,
    pub domain: Domain,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Each column at most once.
    pub terms: Vec<(Var, f64)>,
    pub op: Op,
    pub rhs: f64,
}

/// A mixed-integer programme: every column is integer.
#[derive(Debug, Clone)]
pub struct Milp {
    pub sense: Sense,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Milp {
    pub fn new(sense: Sense) -> Milp {
        Milp {
            sense,
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn add_integer(&mut self, cost: f64, (lower, upper): (i32, i32)) -> Var {
        self.columns.push(Column {
            cost,
            lower,
            upper,
            domain: Domain::Integer,
        });
        Var(self.columns.len() - 1)
    }

    pub fn add_binary(&mut self, cost: f64) -> Var {
        self.columns.push(Column {
            cost,
            lower: 0,
            upper: 1,
            domain: Domain::Binary,
        });
        Var(self.columns.len() - 1)
    }

    /// Adds a row; each column at most once in `terms`.
    pub fn add_row(&mut self, terms: Vec<(Var, f64)>, op: Op, rhs: f64) {
        self.rows.push(Row { terms, op, rhs });
    }
}

/// What a solve may use.
#[derive(Debug, Clone, Default)]
pub struct Limits {
    pub time: Duration,
    /// Branch-and-bound nodes (`None`: no limit but time).
    pub nodes: Option<u64>,
    /// A known plan to start from, in column order of the caller's choosing.
    pub warm_start: Option<Vec<(Var, f64)>>,
}

/// Which limit stopped a solve short of its proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Finished,
    TimeLimit,
    NodeLimit,
}

/// An answer: the value of every column (not rounded) and its objective.
#[derive(Debug, Clone)]
pub struct Solution {
    pub values: Vec<f64>,
    pub objective: f64,
}

impl Solution {
    pub fn value(&self, v: Var) -> f64 {
        self.values[v.0]
    }
}

/// A solve that ran to a proof or to a limit.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub nodes: u64,
    pub stop: Stop,
    /// The answer is proven optimal.
    pub optimal: bool,
    /// The proven bound on the objective (upper when maximising, lower when
    /// minimising), only as far as the engine reports one.
    pub bound: Option<f64>,
    pub solution: Option<Solution>,
}

#[derive(Debug, Clone)]
pub enum Solved {
    Done(Outcome),
    /// The engine gave up; `infeasible`: because it proved no answer exists.
    Failed {
        infeasible: bool,
    },
    /// The engine panicked (a defect must not take the service down).
    Panicked,
}

/// Solves `milp` with `engine` within `limits`.
pub fn solve(engine: Engine, milp: &Milp, limits: Limits) -> Solved {
    let solved = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match engine {
        Engine::Microlp => microlp::solve(milp, limits),
        #[cfg(feature = "highs")]
        Engine::Highs => highs::solve(milp, limits),
    }));
    solved.unwrap_or(Solved::Panicked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// max 3a + 2b, a + b ≤ 4, a + 3b ≤ 6, a ≤ 3: a = 3, b = 1, 11.
    fn small() -> Milp {
        let mut m = Milp::new(Sense::Maximise);
        let a = m.add_integer(3.0, (0, 3));
        let b = m.add_integer(2.0, (0, 10));
        m.add_row(vec![(a, 1.0), (b, 1.0)], Op::Le, 4.0);
        m.add_row(vec![(a, 1.0), (b, 3.0)], Op::Le, 6.0);
        m
    }

    #[test]
    fn every_engine_solves_a_small_programme() {
        for &e in Engine::ALL {
            let limits = Limits {
                time: Duration::from_secs(10),
                ..Limits::default()
            };
            let Solved::Done(o) = solve(e, &small(), limits) else {
                panic!("{e} failed");
            };
            assert!(o.optimal, "{e}");
            let s = o.solution.expect("an answer");
            assert!((s.objective - 11.0).abs() < 1e-6, "{e}: {}", s.objective);
            assert_eq!(s.values.len(), 2);
        }
    }

    #[test]
    fn every_engine_proves_infeasibility() {
        for &e in Engine::ALL {
            let mut m = small();
            m.add_row(vec![(Var(0), 1.0), (Var(1), 1.0)], Op::Ge, 5.0);
            let limits = Limits {
                time: Duration::from_secs(10),
                ..Limits::default()
            };
            assert!(
                matches!(solve(e, &m, limits), Solved::Failed { infeasible: true }),
                "{e}"
            );
        }
    }

    #[test]
    fn engines_by_name() {
        assert_eq!("microlp".parse::<Engine>(), Ok(Engine::Microlp));
        assert!("cplex".parse::<Engine>().is_err());
        #[cfg(feature = "highs")]
        assert_eq!("highs".parse::<Engine>(), Ok(Engine::Highs));
        #[cfg(not(feature = "highs"))]
        assert!(
            "highs"
                .parse::<Engine>()
                .is_err_and(|e| e.contains("--features highs"))
        );
    }
}
