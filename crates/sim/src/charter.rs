//! Charter booking, the policy's code path. Siloed: NTE's calendar books a
//! charter per destination at a fixed pace, and the manifest closes at the booking
//! deadline with whoever has been requested by then. Integrated: the shared
//! picture of readiness across the chain dates each charter for when enough
//! persons will be ready.

use crate::case::{Day, Stage};
use crate::config::{Integrated, Policy, Siloed};
use crate::engine::Sim;

#[derive(Debug, Clone)]
pub struct BookedCharter {
    pub destination: u16,
    pub day: Day,
    pub cancelled: bool,
    /// Siloed: the closed manifest (case ids); integrated: empty (open to all).
    pub manifest: Vec<u32>,
}

impl Sim<'_> {
    pub(crate) fn charter_destinations(&self) -> Vec<u16> {
        (0..self.s.destinations.len() as u16)
            .filter(|&d| self.s.destinations[d as usize].charter)
            .collect()
    }

    pub(crate) fn book_charters(&mut self) {
        match &self.s.policy {
            Policy::Siloed(p) => self.book_siloed(p),
            Policy::Integrated(p) => {
                if self.today.is_multiple_of(p.review_days) {
                    self.book_integrated(p);
                }
            }
        }
    }

    /// The calendar: destination k's charters fly every `charter_interval_days`,
    /// phases spread over the interval; at each booking deadline the manifest is
    /// whoever has been requested, oldest request first, up to the quota.
    fn book_siloed(&mut self, p: &Siloed) {
        let today = self.today;
        let dests = self.charter_destinations();
        let n = dests.len().max(1) as u32;
        for (k, &d) in dests.iter().enumerate() {
            let phase = (k as u32 * p.charter_interval_days) / n;
            if today < phase || !(today - phase).is_multiple_of(p.charter_interval_days) {
                continue;
            }
            let quota = self.s.destinations[d as usize].charter_quota;
            let mut requested: Vec<(Day, u32)> = self
                .cases
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.destination == d
                        && c.stage == Stage::Police
                        && c.manifest.is_none()
                        && c.ready_day.saturating_add(p.request_days) <= today
                })
                .map(|(i, c)| (c.ready_day, i as u32))
                .collect();
            requested.sort_unstable();
            let mut manifest = Vec::new();
            let mut persons = 0;
            for (_, id) in requested {
                let size = u32::from(self.cases[id as usize].size);
                if persons + size <= quota {
                    persons += size;
                    manifest.push(id);
                }
            }
            let index = self.charters.len() as u32;
            let cancelled = persons < p.charter_min_persons;
            if !cancelled {
                for &id in &manifest {
                    self.cases[id as usize].manifest = Some(index);
                }
            }
            self.charters.push(BookedCharter {
                destination: d,
                day: today + p.booking_deadline_days,
                cancelled,
                manifest: if cancelled { Vec::new() } else { manifest },
            });
        }
    }

    /// Dates a charter from the readiness forecast: the earliest day within the
    /// booking window by which `charter_target_persons` will be ready; or, when
    /// someone ready has waited `max_wait_days`, the earliest bookable day.
    fn book_integrated(&mut self, p: &Integrated) {
        let today = self.today;
        for d in self.charter_destinations() {
            let pending = self
                .charters
                .iter()
                .any(|b| b.destination == d && !b.cancelled && b.day >= today);
            if pending {
                continue;
            }
            let quota = self.s.destinations[d as usize].charter_quota;
            // (ready day, last lawful day, persons)
            let pool: Vec<(Day, Day, u32)> = self
                .cases
                .iter()
                .filter(|c| c.destination == d && c.stage == Stage::Police)
                .map(|c| {
                    let last = c.detention.map_or(Day::MAX, |pl| pl.limit);
                    (c.ready_day, last, u32::from(c.size))
                })
                .collect();
            let count = |day: Day| -> u32 {
                pool.iter()
                    .filter(|&&(r, last, _)| r <= day && day <= last)
                    .map(|&(_, _, n)| n)
                    .sum::<u32>()
                    .min(quota)
            };
            let first = today + p.min_lead_days;
            let target = p.charter_target_persons.min(quota);
            let mut chosen = (first..=today + p.max_lead_days).find(|&day| count(day) >= target);
            if chosen.is_none() {
                let oldest = pool
                    .iter()
                    .map(|&(r, _, _)| r)
                    .filter(|&r| r <= today)
                    .min();
                let waited = oldest.is_some_and(|r| today - r >= p.max_wait_days);
                if waited && count(first) >= p.charter_min_persons {
                    chosen = Some(first);
                }
            }
            if let Some(day) = chosen {
                self.charters.push(BookedCharter {
                    destination: d,
                    day,
                    cancelled: false,
                    manifest: Vec::new(),
                });
            }
        }
    }
}
