//! A plan under construction: which unit is on which trip, which escorts go, and
//! each escort's busy days. Every operation keeps rules 1–7 intact, so any state
//! reachable through it is a valid plan.

use crate::model::{Day, Model, TripKind};
use crate::plan::Objective;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Load {
    pub returnees: u32,
    pub detained: u32,
    pub escorted: [u32; 2],
}

impl Load {
    pub fn escorted_total(&self) -> u32 {
        self.escorted[0] + self.escorted[1]
    }
}

#[derive(Debug, Clone)]
pub struct Assignment {
    pub unit_trip: Vec<Option<usize>>,
    pub trip_units: Vec<Vec<usize>>,
    pub trip_escorts: Vec<Vec<usize>>,
    pub load: Vec<Load>,
    /// Per escort, per day: the escort is on a trip.
    busy: Vec<Vec<bool>>,
    /// Per trip: escorts whose availability covers the trip's busy days, least
    /// available first (they are the cheapest to use up).
    candidates: Vec<Vec<usize>>,
}

impl Assignment {
    pub fn new(model: &Model) -> Assignment {
        let n_escorts = model.escort_class.len();
        let mut order: Vec<usize> = (0..n_escorts).collect();
        let avail = |e: usize| -> i64 {
            model.classes[model.escort_class[e]]
                .windows
                .iter()
                .map(|(a, b)| i64::from(b - a + 1))
                .sum()
        };
        order.sort_by_key(|&e| (avail(e), e));
        let candidates = model
            .trips
            .iter()
            .map(|t| {
                order
                    .iter()
                    .copied()
                    .filter(|&e| model.classes[model.escort_class[e]].covers(t.day, t.last_day()))
                    .collect()
            })
            .collect();
        Assignment {
            unit_trip: vec![None; model.units.len()],
            trip_units: vec![Vec::new(); model.trips.len()],
            trip_escorts: vec![Vec::new(); model.trips.len()],
            load: vec![Load::default(); model.trips.len()],
            busy: vec![vec![false; model.days.max(0) as usize]; n_escorts],
            candidates,
        }
    }

    fn free(&self, e: usize, from: Day, to: Day) -> bool {
        (from..=to).all(|d| !self.busy[e][d as usize])
    }

    fn set_busy(&mut self, e: usize, from: Day, to: Day, value: bool) {
        for d in from..=to {
            self.busy[e][d as usize] = value;
        }
    }

    /// Escorts for `trip` with `load`, keeping `keep` where possible: exactly what
    /// rules 3–7 need. `None` when the roster cannot supply them.
    fn pick_escorts(
        &self,
        model: &Model,
        t: usize,
        load: &Load,
        keep: &[usize],
    ) -> Option<Vec<usize>> {
        let trip = &model.trips[t];
        if load.escorted_total() == 0 {
            // Rule 7: no escorted returnee, no escorts; rule 4: the returnees
            // and the fixed staff still fit in the charter's seats (a quota
            // may be larger than the seats leave room for).
            let fits = trip.kind != TripKind::Charter
                || load.returnees + model.charter_fixed_staff <= trip.seats;
            return fits.then(Vec::new);
        }
        let needed = model.escorts_needed(trip.kind, load.escorted_total()) as usize;
        let sexes_needed: Vec<usize> = (0..2).filter(|&s| load.escorted[s] > 0).collect();
        if trip.kind == TripKind::Scheduled && needed < sexes_needed.len() {
            // Rule 3 fixes the number of escorts below what rule 6 needs.
            return None;
        }
        let target = needed.max(sexes_needed.len());
        let sex_of = |e: usize| model.classes[model.escort_class[e]].sex.index();
        let usable = |e: &usize| keep.contains(e) || self.free(*e, trip.day, trip.last_day());
        let pool: Vec<usize> = keep
            .iter()
            .copied()
            .chain(
                self.candidates[t]
                    .iter()
                    .copied()
                    .filter(|e| !keep.contains(e)),
            )
            .filter(usable)
            .collect();
        let mut chosen: Vec<usize> = Vec::with_capacity(target);
        for &s in &sexes_needed {
            let e = pool
                .iter()
                .copied()
                .find(|&e| sex_of(e) == s && !chosen.contains(&e))?;
            chosen.push(e);
        }
        for &e in &pool {
            if chosen.len() >= target {
                break;
            }
            if !chosen.contains(&e) {
                chosen.push(e);
            }
        }
        if chosen.len() < target {
            return None;
        }
        if trip.kind == TripKind::Charter
            && load.returnees + chosen.len() as u32 + model.charter_fixed_staff > trip.seats
        {
            return None;
        }
        Some(chosen)
    }

    fn set_escorts(&mut self, model: &Model, t: usize, escorts: Vec<usize>) {
        let (from, to) = (model.trips[t].day, model.trips[t].last_day());
        for e in std::mem::take(&mut self.trip_escorts[t]) {
            self.set_busy(e, from, to, false);
        }
        for &e in &escorts {
            self.set_busy(e, from, to, true);
        }
        self.trip_escorts[t] = escorts;
    }

    /// Puts unit `u` (not on a trip) on trip `t` if every rule still holds.
    pub fn try_add(&mut self, model: &Model, u: usize, t: usize) -> bool {
        debug_assert!(self.unit_trip[u].is_none());
        let unit = &model.units[u];
        let trip = &model.trips[t];
        if trip.destination != unit.destination
            || trip.day < unit.ready
            || unit.deadline.is_some_and(|d| trip.day > d)
        {
            return false;
        }
        let mut load = self.load[t];
        load.returnees += unit.size;
        load.detained += unit.detained;
        load.escorted[0] += unit.escorted[0];
        load.escorted[1] += unit.escorted[1];
        if load.returnees > trip.capacity {
            return false;
        }
        let keep = self.trip_escorts[t].clone();
        let Some(escorts) = self.pick_escorts(model, t, &load, &keep) else {
            return false;
        };
        self.set_escorts(model, t, escorts);
        self.load[t] = load;
        self.trip_units[t].push(u);
        self.unit_trip[u] = Some(t);
        true
    }

    /// Takes unit `u` off its trip, releasing escorts no longer needed.
    pub fn remove(&mut self, model: &Model, u: usize) {
        let Some(t) = self.unit_trip[u].take() else {
            return;
        };
        let unit = &model.units[u];
        self.trip_units[t].retain(|&x| x != u);
        let load = &mut self.load[t];
        load.returnees -= unit.size;
        load.detained -= unit.detained;
        load.escorted[0] -= unit.escorted[0];
        load.escorted[1] -= unit.escorted[1];
        let load = *load;
        let keep = self.trip_escorts[t].clone();
        // Fewer escorted returnees never need more escorts, nor a new sex.
        let escorts = self
            .pick_escorts(model, t, &load, &keep)
            .unwrap_or_default();
        self.set_escorts(model, t, escorts);
    }

    /// Moves unit `u` to trip `to`, or leaves it where it was.
    pub fn try_move(&mut self, model: &Model, u: usize, to: usize) -> bool {
        let from = self.unit_trip[u];
        if from == Some(to) {
            return false;
        }
        self.remove(model, u);
        if self.try_add(model, u, to) {
            return true;
        }
        if let Some(from) = from {
            let back = self.try_add(model, u, from);
            debug_assert!(back, "a unit can always go back where it came from");
        }
        false
    }

    pub fn operated(&self, t: usize) -> bool {
        !self.trip_units[t].is_empty()
    }

    /// The cost of trip `t` as it stands.
    pub fn trip_cost(&self, model: &Model, t: usize) -> u64 {
        if !self.operated(t) {
            return 0;
        }
        let trip = &model.trips[t];
        match trip.kind {
            TripKind::Charter => trip.fixed_cost,
            TripKind::Scheduled => {
                trip.ticket * u64::from(self.load[t].returnees + self.trip_escorts[t].len() as u32)
            }
        }
    }

    pub fn objective(&self, model: &Model) -> Objective {
        let mut o = Objective::default();
        for t in 0..model.trips.len() {
            o.detained_moved += self.load[t].detained;
            o.moved += self.load[t].returnees;
            o.cost += self.trip_cost(model, t);
        }
        o
    }
}

impl Assignment {
    /// Re-planning: gives empty trip `t` the preferred escorts that are still
    /// on the roster for its days and free, before any unit is seated, so that
    /// seating keeps them where the rules allow. Call `drop_idle_escorts` after
    /// seating: a trip left without returnees takes no escorts (rule 7).
    pub fn seed_escorts(&mut self, model: &Model, t: usize, preferred: &[usize]) {
        if self.operated(t) || !self.trip_escorts[t].is_empty() {
            return;
        }
        let (from, to) = (model.trips[t].day, model.trips[t].last_day());
        let seeded: Vec<usize> = preferred
            .iter()
            .copied()
            .filter(|e| self.candidates[t].contains(e) && self.free(*e, from, to))
            .collect();
        self.set_escorts(model, t, seeded);
    }

    /// Releases the escorts of trips that carry nobody.
    pub fn drop_idle_escorts(&mut self, model: &Model) {
        for t in 0..model.trips.len() {
            if !self.operated(t) && !self.trip_escorts[t].is_empty() {
                self.set_escorts(model, t, Vec::new());
            }
        }
    }
}

impl Assignment {
    /// Builds the state of a plan given as unit → trip and trip → escorts, e.g.
    /// the exact search's answer. The caller vouches that the rules hold; the
    /// independent checker verifies it in tests.
    pub fn from_parts(
        model: &Model,
        unit_trip: Vec<Option<usize>>,
        trip_escorts: Vec<Vec<usize>>,
    ) -> Assignment {
        let mut a = Assignment::new(model);
        for (u, t) in unit_trip.iter().enumerate() {
            if let Some(t) = *t {
                let unit = &model.units[u];
                let load = &mut a.load[t];
                load.returnees += unit.size;
                load.detained += unit.detained;
                load.escorted[0] += unit.escorted[0];
                load.escorted[1] += unit.escorted[1];
                a.trip_units[t].push(u);
            }
        }
        a.unit_trip = unit_trip;
        for (t, escorts) in trip_escorts.into_iter().enumerate() {
            a.set_escorts(model, t, escorts);
        }
        a
    }
}
