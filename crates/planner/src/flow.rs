//! A bound on persons moved that costs one maximum flow: seats are the only
//! limit (no escorts, no whole families), persons flow from their unit types to
//! the trips they may take and on to the trips' seats for returnees. No plan
//! moves more than the flow, so it bounds the moved term for any roster; on a
//! destination whose programme is too large for its share of the budget it is
//! the bound the planner can still prove.

use crate::exact::UnitType;
use crate::model::Model;

/// Dinic's maximum flow on a small graph of integer capacities.
struct Graph {
    /// (to, capacity left, index of the reverse edge)
    edges: Vec<Vec<(usize, u64, usize)>>,
}

impl Graph {
    fn new(nodes: usize) -> Graph {
        Graph {
            edges: vec![Vec::new(); nodes],
        }
    }

    fn add(&mut self, from: usize, to: usize, capacity: u64) {
        let back = self.edges[to].len();
        let fwd = self.edges[from].len();
        self.edges[from].push((to, capacity, back));
        self.edges[to].push((from, 0, fwd));
    }

    fn levels(&self, s: usize) -> Vec<Option<u32>> {
        let mut level = vec![None; self.edges.len()];
        level[s] = Some(0);
        let mut queue = std::collections::VecDeque::from([s]);
        while let Some(v) = queue.pop_front() {
            for &(to, cap, _) in &self.edges[v] {
                if cap > 0 && level[to].is_none() {
                    level[to] = level[v].map(|l| l + 1);
                    queue.push_back(to);
                }
            }
        }
        level
    }

    fn push(
        &mut self,
        v: usize,
        t: usize,
        f: u64,
        level: &[Option<u32>],
        next: &mut [usize],
    ) -> u64 {
        if v == t {
            return f;
        }
        while next[v] < self.edges[v].len() {
            let (to, cap, back) = self.edges[v][next[v]];
            if cap > 0 && level[to].is_some() && level[to] == level[v].map(|l| l + 1) {
                let pushed = self.push(to, t, f.min(cap), level, next);
                if pushed > 0 {
                    self.edges[v][next[v]].1 -= pushed;
                    self.edges[to][back].1 += pushed;
                    return pushed;
                }
            }
            next[v] += 1;
        }
        0
    }

    fn max_flow(&mut self, s: usize, t: usize) -> u64 {
        let mut total = 0;
        loop {
            let level = self.levels(s);
            if level[t].is_none() {
                return total;
            }
            let mut next = vec![0; self.edges.len()];
            loop {
                let f = self.push(s, t, u64::MAX, &level, &mut next);
                if f == 0 {
                    break;
                }
                total += f;
            }
        }
    }
}

/// The most persons of `types` that the trips' returnee seats (quota, for a
/// charter) can take, each person only on a trip of their unit's.
pub fn moved_bound(model: &Model, types: &[UnitType]) -> u32 {
    let n_trips = model.trips.len();
    // Nodes: source, one per type, one per trip, sink.
    let (source, sink) = (0, 1 + types.len() + n_trips);
    let mut g = Graph::new(sink + 1);
    let mut used = vec![false; n_trips];
    for (k, ty) in types.iter().enumerate() {
        let persons = u64::from(ty.size) * ty.units.len() as u64;
        g.add(source, 1 + k, persons);
        for &t in &ty.trips {
            used[t] = true;
            g.add(1 + k, 1 + types.len() + t, persons);
        }
    }
    for (t, _) in used.iter().enumerate().filter(|(_, u)| **u) {
        g.add(
            1 + types.len() + t,
            sink,
            u64::from(model.trips[t].capacity),
        );
    }
    u32::try_from(g.max_flow(source, sink)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flow_finds_the_augmenting_path() {
        // 0 → {1, 2} → 3: a greedy that sends 1 → 2's edge first must reroute.
        let mut g = Graph::new(4);
        g.add(0, 1, 2);
        g.add(0, 2, 1);
        g.add(1, 3, 1);
        g.add(1, 2, 1);
        g.add(2, 3, 2);
        assert_eq!(g.max_flow(0, 3), 3);
    }
}
