//! Detention places per facility and the legal limit. Who gets a place is the
//! policy's code path: siloed, the first asked for at handover; integrated, those
//! a trip can take before their limit, soonest trip first.

use crate::case::{Day, Placement, Stage};
use crate::config::Policy;
use crate::engine::Sim;
use rand::Rng;

impl Sim<'_> {
    /// A case reaches the police: a person at risk of absconding is put on the
    /// list for a detention place.
    pub(crate) fn on_police_intake(&mut self, id: u32) {
        let c = &self.cases[id as usize];
        if c.risk && !c.released && c.detention.is_none() {
            self.detention_queue.push(id);
        }
    }

    fn free_facility(&self) -> Option<usize> {
        let places = &self.s.detention.facilities;
        (0..places.len())
            .filter(|&f| self.occupied[f] < places[f].places)
            .max_by_key(|&f| (places[f].places - self.occupied[f], std::cmp::Reverse(f)))
    }

    fn waiting(&self, id: u32) -> bool {
        let c = &self.cases[id as usize];
        c.stage == Stage::Police && c.detention.is_none() && !c.released
    }

    /// The day a trip can probably take the case, from the shared picture: the
    /// first booked charter after it is ready, else the scheduled flights' pace.
    pub(crate) fn expected_trip(&self, id: u32) -> Option<Day> {
        let c = &self.cases[id as usize];
        let ready = c.ready_day.max(self.today);
        let charter = self
            .charters
            .iter()
            .filter(|b| b.destination == c.destination && !b.cancelled && b.day >= ready)
            .map(|b| b.day)
            .min();
        let dest = &self.s.destinations[c.destination as usize];
        let scheduled = (dest.flights_per_week > 0).then(|| ready + 7 / dest.flights_per_week + 7);
        match (charter, scheduled) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Fills free places from the list, as the policy says.
    pub(crate) fn allocate_detention(&mut self) {
        self.detention_queue.retain(|&id| {
            let c = &self.cases[id as usize];
            c.stage == Stage::Police && c.detention.is_none() && !c.released
        });
        if self.free_facility().is_none() || self.detention_queue.is_empty() {
            return;
        }
        let places: u32 = self.s.detention.facilities.iter().map(|f| f.places).sum();
        let (chosen, others, reserve) = match &self.s.policy {
            Policy::Siloed(_) => (self.detention_queue.clone(), Vec::new(), 0),
            Policy::Integrated(p) => {
                let horizon = self.today + self.s.detention.limit_days;
                let horizon = horizon.saturating_sub(p.detention_margin_days);
                let mut fit = Vec::new();
                let mut rest = Vec::new();
                for &id in &self.detention_queue {
                    match self.expected_trip(id) {
                        Some(d) if d <= horizon => fit.push((d, id)),
                        _ => rest.push((self.cases[id as usize].ready_day, id)),
                    }
                }
                fit.sort_unstable();
                rest.sort_unstable();
                let ids = |v: Vec<(Day, u32)>| v.into_iter().map(|(_, id)| id).collect();
                (ids(fit), ids(rest), p.detention_reserve_places)
            }
        };
        for id in chosen {
            let Some(f) = self.free_facility() else { break };
            if self.waiting(id) {
                self.detain(id, f);
            }
        }
        for id in others {
            let held: u32 = self.occupied.iter().sum();
            if held + reserve >= places {
                break;
            }
            let Some(f) = self.free_facility() else { break };
            if self.waiting(id) {
                self.detain(id, f);
            }
        }
    }

    fn detain(&mut self, id: u32, facility: usize) {
        let d = &self.s.detention;
        let days = if self.rng.random_bool(d.exceptional_share) {
            d.exceptional_limit_days
        } else {
            d.limit_days
        };
        self.occupied[facility] += 1;
        self.detained.push(id);
        let c = &mut self.cases[id as usize];
        c.detention = Some(Placement {
            facility: facility as u16,
            since: self.today,
            limit: self.today + days,
        });
        self.schedule_police(id);
    }

    /// Ends a placement (moved, absconding impossible, suspended, lapsed).
    pub(crate) fn leave_detention(&mut self, id: u32) {
        if let Some(p) = self.cases[id as usize].detention.take() {
            let held = self.today - p.since;
            self.counters.longest_detention = self.counters.longest_detention.max(held);
            self.counters.over_limit += u64::from(self.today > p.limit);
            self.occupied[p.facility as usize] -= 1;
            self.detained.retain(|&x| x != id);
        }
    }

    /// The legal limit: whoever is not on a trip by their limit is released.
    pub(crate) fn release_at_limits(&mut self) {
        let today = self.today;
        let due: Vec<u32> = self
            .detained
            .iter()
            .copied()
            .filter(|&id| {
                let c = &self.cases[id as usize];
                !matches!(c.stage, Stage::Planned(_))
                    && c.detention.is_some_and(|p| p.limit <= today)
            })
            .collect();
        for id in due {
            self.leave_detention(id);
            if self.measured(today) {
                self.counters.released_at_limit += 1;
            }
            let c = &mut self.cases[id as usize];
            c.released = true;
            c.manifest = None;
            if self
                .rng
                .random_bool(self.s.detention.released_abscond_share)
            {
                self.abscond(id);
            } else {
                self.schedule_police(id);
            }
        }
    }
}
