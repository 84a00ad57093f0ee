//! The search's budget, counted in work so that the same scenario and options
//! give the same plan on any machine: one unit is one branch-and-bound node of
//! the exact search. Wall-clock time is only an outer limit; when it cuts a
//! search short, the plan says so (`Stopped::TimeLimit`), because only then may
//! a faster or slower machine have reached a different plan.

use crate::milp::Engine;
use std::time::{Duration, Instant};

/// Work and time left to a search, and what it has used.
#[derive(Debug, Clone)]
pub struct Meter {
    /// Nodes this search may still use (`None`: no limit but time).
    left: Option<u64>,
    deadline: Instant,
    used: u64,
    /// A limit was reached: a phase stopped before its proof.
    pub work_hit: bool,
    pub time_hit: bool,
    /// The engine that solves the programmes this budget pays for.
    pub engine: Engine,
}

impl Meter {
    pub fn new(work: Option<u64>, deadline: Instant) -> Meter {
        Meter {
            left: work,
            deadline,
            used: 0,
            work_hit: false,
            time_hit: false,
            engine: Engine::default(),
        }
    }

    /// This budget, its programmes solved by `engine`.
    pub fn with_engine(self, engine: Engine) -> Meter {
        Meter { engine, ..self }
    }

    /// Work used so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Wall-clock time left before the outer limit.
    pub fn time_left(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Whether the outer time limit has passed (and notes it).
    pub fn out_of_time(&mut self) -> bool {
        let out = Instant::now() >= self.deadline;
        self.time_hit |= out;
        out
    }

    /// Whether work or time has run out (and notes which).
    pub fn exhausted(&mut self) -> bool {
        let no_work = self.left == Some(0);
        self.work_hit |= no_work;
        no_work || self.out_of_time()
    }

    /// A part of this budget: `share` of the work left (at least one node), and
    /// `share` of the time left as the part's outer limit.
    pub fn part(&self, share: f64) -> Meter {
        let share = share.clamp(0.0, 1.0);
        let left = self
            .left
            .map(|n| ((n as f64 * share).floor() as u64).max(1).min(n));
        let time = self.time_left().mul_f64(share);
        Meter::new(left, Instant::now() + time).with_engine(self.engine)
    }

    /// Takes back a part after it ran: its work counts here, as do its limits.
    pub fn absorb(&mut self, part: &Meter) {
        self.charge(part.used);
        self.work_hit |= part.work_hit;
        self.time_hit |= part.time_hit;
    }

    /// Counts `nodes` of work.
    pub fn charge(&mut self, nodes: u64) {
        self.used += nodes;
        if let Some(left) = &mut self.left {
            *left = left.saturating_sub(nodes);
        }
    }

    /// The node limit for the next solver call.
    pub fn node_limit(&self) -> Option<u64> {
        self.left
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_share_the_work_and_charge_it_back() {
        let mut m = Meter::new(Some(1000), Instant::now() + Duration::from_secs(60));
        let mut p = m.part(0.25);
        assert_eq!(p.node_limit(), Some(250));
        p.charge(300);
        assert_eq!(p.node_limit(), Some(0));
        assert!(p.exhausted());
        m.absorb(&p);
        assert_eq!(m.used(), 300);
        assert_eq!(m.node_limit(), Some(700));
        assert!(!m.exhausted());
        // A part always has a node to work with.
        assert_eq!(
            Meter::new(Some(1), m.deadline).part(0.1).node_limit(),
            Some(1)
        );
    }

    #[test]
    fn the_time_limit_is_noted_when_it_passes() {
        let mut m = Meter::new(None, Instant::now());
        assert!(m.exhausted());
        assert!(m.time_hit);
        assert!(!m.work_hit);
        let mut m = Meter::new(None, Instant::now() + Duration::from_secs(60));
        assert!(!m.exhausted());
        assert!(!m.time_hit);
    }
}
