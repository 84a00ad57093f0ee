//! Planning rounds: the simulated state becomes an `opcentrum_planner::Scenario`,
//! the real planner (`opcentrum_planner::plan_with_work_limit`, heuristic mode,
//! bounded by work so a run is the same on any machine) plans it, and the
//! trips before the next round are committed. Who the planner may see is the
//! policy's code path: siloed, requested cases only, and each charter only its
//! closed manifest; integrated, everyone forecast ready, on every trip.

use crate::case::{Day, End, Stage};
use crate::config::Policy;
use crate::engine::{Sim, TripRecord};
use opcentrum_planner::{
    Charter, Escort, Flight, Options, Params, Person, Scenario, TripDays, Window,
    scenario::SCENARIO_FORMAT,
};
use rand::Rng;
use std::time::Duration;

/// What one planner call may use.
struct Call {
    cases: Vec<u32>,
    /// Booked charters (indices) offered.
    charters: Vec<u32>,
    /// Scheduled flights offered up to this day (exclusive); 0: none.
    flights_until: Day,
    horizon_end: Day,
}

impl Sim<'_> {
    pub(crate) fn planning_round(&mut self) {
        let today = self.today;
        let commit_until = today + self.s.planning.interval_days;
        let horizon = today + self.s.planning.horizon_days;
        match &self.s.policy {
            Policy::Siloed(p) => {
                // NTE fills each charter from its manifest, closed at the deadline.
                let due: Vec<u32> = (0..self.charters.len() as u32)
                    .filter(|&i| {
                        let b = &self.charters[i as usize];
                        !b.cancelled && b.day >= today && b.day < commit_until
                    })
                    .collect();
                for i in due {
                    let b = &self.charters[i as usize];
                    let day = b.day;
                    let cases: Vec<u32> = b
                        .manifest
                        .iter()
                        .copied()
                        .filter(|&id| {
                            let c = &self.cases[id as usize];
                            c.stage == Stage::Police && c.manifest == Some(i)
                        })
                        .collect();
                    self.call(
                        Call {
                            cases,
                            charters: vec![i],
                            flights_until: 0,
                            horizon_end: day + 1,
                        },
                        commit_until,
                    );
                    for id in self.charters[i as usize].manifest.clone() {
                        let c = &mut self.cases[id as usize];
                        if c.manifest == Some(i) {
                            c.manifest = None;
                        }
                    }
                }
                // Everyone else: the cases the police have requested, on scheduled flights.
                let cases = self
                    .police_cases(|c| {
                        c.manifest.is_none() && c.ready_day.saturating_add(p.request_days) <= today
                    })
                    .collect();
                self.call(
                    Call {
                        cases,
                        charters: Vec::new(),
                        flights_until: horizon,
                        horizon_end: horizon,
                    },
                    commit_until,
                );
            }
            Policy::Integrated(_) => {
                // One picture: every booked charter ahead, everyone forecast ready by then.
                let charters: Vec<u32> = (0..self.charters.len() as u32)
                    .filter(|&i| {
                        let b = &self.charters[i as usize];
                        !b.cancelled && b.day >= today
                    })
                    .collect();
                let end = charters
                    .iter()
                    .map(|&i| self.charters[i as usize].day + 1)
                    .max()
                    .unwrap_or(0)
                    .max(horizon);
                let cases = self.police_cases(|c| c.ready_day < end).collect();
                self.call(
                    Call {
                        cases,
                        charters,
                        flights_until: horizon,
                        horizon_end: end,
                    },
                    commit_until,
                );
            }
        }
    }

    fn police_cases<'s>(
        &'s self,
        keep: impl Fn(&crate::case::Case) -> bool + 's,
    ) -> impl Iterator<Item = u32> + 's {
        self.cases
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.stage == Stage::Police && keep(c))
            .map(|(i, _)| i as u32)
    }

    fn date(&self, day: Day) -> jiff::civil::Date {
        self.s
            .start_date
            .checked_add(jiff::Span::new().days(i64::from(day)))
            .unwrap_or(self.s.start_date)
    }

    fn on_duty(&self, e: usize, day: Day) -> bool {
        let n = &self.s.nte;
        (day + self.escort_phase[e]) % (n.on_days + n.off_days) < n.on_days
    }

    /// Builds the planner's scenario, plans, and commits the trips before `commit_until`.
    fn call(&mut self, call: Call, commit_until: Day) {
        if call.cases.is_empty() {
            return;
        }
        let today = self.today;
        let s = self.s;
        let mut persons = Vec::new();
        let mut wanted = vec![false; s.destinations.len()];
        for &id in &call.cases {
            let c = &self.cases[id as usize];
            wanted[c.destination as usize] = true;
            let last = c
                .detention
                .map_or(c.final_day + s.police.lapse_days, |p| p.limit);
            for k in 0..c.size {
                let sex = if k == 0 {
                    c.sex
                } else if k % 2 == 0 {
                    opcentrum_planner::Sex::M
                } else {
                    opcentrum_planner::Sex::F
                };
                persons.push(Person {
                    id: format!("{id}.{k}"),
                    family: (c.size > 1).then(|| format!("F{id}")),
                    destination: s.destinations[c.destination as usize].code,
                    sex,
                    escorted: c.escorted,
                    detained: c.detention.is_some(),
                    ready_from: self.date(c.ready_day.max(today)),
                    must_leave_by: Some(self.date(last)),
                });
            }
        }
        let charters = call
            .charters
            .iter()
            .map(|&i| {
                let b = &self.charters[i as usize];
                let d = &s.destinations[b.destination as usize];
                Charter {
                    id: format!("C{i}"),
                    destination: d.code,
                    date: self.date(b.day),
                    seats: d.charter_seats,
                    quota: d.charter_quota,
                    cost: d.charter_cost,
                }
            })
            .collect();
        let mut flights = Vec::new();
        for (di, d) in s.destinations.iter().enumerate() {
            let k = d.flights_per_week;
            if !wanted[di] || k == 0 {
                continue;
            }
            for day in today..call.flights_until {
                if ((day as usize + di) * k as usize) % 7 < k as usize {
                    flights.push(Flight {
                        id: format!("S{di}-{day}"),
                        destination: d.code,
                        date: self.date(day),
                        returnee_seats: d.returnee_seats,
                        ticket_cost: d.ticket_cost,
                    });
                }
            }
        }
        let escorts = self.escort_windows(call.horizon_end);
        let n = &s.nte;
        let scenario = Scenario {
            format: SCENARIO_FORMAT.to_string(),
            horizon_start: self.date(today),
            horizon_days: call.horizon_end.saturating_sub(today).max(1),
            params: Params {
                escorts_per_escorted: n.escorts_per_escorted,
                charter_escort_ratio: n.charter_escort_ratio,
                charter_fixed_staff: n.charter_fixed_staff,
                trip_days: TripDays {
                    charter: n.charter_trip_days,
                    scheduled: n.scheduled_trip_days,
                },
            },
            persons,
            charters,
            flights,
            escorts,
        };
        // The heuristic alone, bounded by work (its rounds), never by the clock:
        // the same seed gives the same run on any machine. The time limit is
        // only a safety net far above any round's need.
        let options = Options {
            time_limit: Duration::from_secs(600),
            exact: false,
            ..Options::default()
        };
        let plan =
            opcentrum_planner::plan_with_work_limit(&scenario, &options, Some(0), &mut |_| {});
        self.counters.planner_calls += 1;
        for trip in plan.trips {
            let (charter, day, dest) = match trip.trip.strip_prefix('C') {
                Some(i) => {
                    let Ok(i) = i.parse::<usize>() else { continue };
                    let b = &self.charters[i];
                    (true, b.day, b.destination)
                }
                None => {
                    let Some((d, day)) = trip.trip[1..].split_once('-') else {
                        continue;
                    };
                    let (Ok(d), Ok(day)) = (d.parse::<u16>(), day.parse::<Day>()) else {
                        continue;
                    };
                    (false, day, d)
                }
            };
            if day >= commit_until {
                continue;
            }
            let mut cases: Vec<u32> = trip
                .persons
                .iter()
                .filter_map(|p| p.split_once('.').and_then(|(id, _)| id.parse().ok()))
                .collect();
            cases.dedup();
            let d = &s.destinations[dest as usize];
            let len = if charter {
                n.charter_trip_days
            } else {
                n.scheduled_trip_days
            };
            let escorts: Vec<usize> = trip
                .escorts
                .iter()
                .filter_map(|e| e[1..].parse().ok())
                .collect();
            for &e in &escorts {
                for busy in day..day + len {
                    if let Some(slot) = self.escort_busy[e].get_mut(busy as usize) {
                        *slot = true;
                    }
                }
            }
            let persons = trip.persons.len() as u64;
            let cost = if charter {
                d.charter_cost
            } else {
                d.ticket_cost * (persons + escorts.len() as u64)
            };
            let index = self.trips.len() as u32;
            for &id in &cases {
                self.unschedule(id);
                self.cases[id as usize].stage = Stage::Planned(index);
            }
            self.trips.push(TripRecord {
                charter,
                day,
                cases,
                cost: cost + u64::from(len) * escorts.len() as u64 * n.escort_day_cost,
                executed: 0,
                flown: false,
            });
            self.pending_trips.push(index);
        }
    }

    /// Each escort's days on duty and not already on a trip, as windows.
    fn escort_windows(&self, end: Day) -> Vec<Escort> {
        let today = self.today;
        let mut out = Vec::with_capacity(self.escort_sex.len());
        for e in 0..self.escort_sex.len() {
            let mut windows = Vec::new();
            let mut open: Option<Day> = None;
            for day in today..=end {
                let free = day < end
                    && self.on_duty(e, day)
                    && !self.escort_busy[e]
                        .get(day as usize)
                        .copied()
                        .unwrap_or(true);
                match (free, open) {
                    (true, None) => open = Some(day),
                    (false, Some(from)) => {
                        windows.push(Window {
                            from: self.date(from),
                            to: self.date(day - 1),
                        });
                        open = None;
                    }
                    _ => {}
                }
            }
            if !windows.is_empty() {
                out.push(Escort {
                    id: format!("E{e}"),
                    sex: self.escort_sex[e],
                    available: windows,
                });
            }
        }
        out
    }

    /// Today's committed trips leave: each household is removed, or the attempt
    /// fails (refused boarding, resistance, medical, destination refused) and the
    /// case returns to the police, ready again after `failed_retry_days`.
    pub(crate) fn fly_trips(&mut self) {
        let today = self.today;
        let mut still = Vec::with_capacity(self.pending_trips.len());
        for t in std::mem::take(&mut self.pending_trips) {
            if self.trips[t as usize].day != today {
                still.push(t);
                continue;
            }
            let charter = self.trips[t as usize].charter;
            let mut executed = 0u32;
            for id in self.trips[t as usize].cases.clone() {
                let size = u64::from(self.cases[id as usize].size);
                if self.rng.random_bool(self.s.nte.failed_attempt_share) {
                    let c = &mut self.cases[id as usize];
                    c.stage = Stage::Police;
                    c.failed_attempts = c.failed_attempts.saturating_add(1);
                    c.ready_day = today + self.s.nte.failed_retry_days;
                    if self.measured(today) {
                        self.counters.failed_attempts += size;
                    }
                    self.schedule_police(id);
                    continue;
                }
                executed += size as u32;
                self.leave_detention(id);
                self.record_execution(id, charter);
                self.end(
                    id,
                    if charter {
                        End::ExecutedCharter
                    } else {
                        End::ExecutedScheduled
                    },
                );
            }
            let trip = &mut self.trips[t as usize];
            trip.executed = executed;
            trip.flown = true;
        }
        self.pending_trips = still;
    }

    fn record_execution(&mut self, id: u32, charter: bool) {
        let today = self.today;
        if !self.measured(today) {
            return;
        }
        let c = &self.cases[id as usize];
        let size = u64::from(c.size);
        let k = &mut self.counters;
        k.executed += size;
        if charter {
            k.executed_charter += size;
        }
        if c.escorted {
            k.executed_escorted += size;
        }
        k.lead_final.push(today - c.final_day);
        if let Some(h) = c.handover_day {
            k.lead_handover.push(today - h);
        }
    }
}
