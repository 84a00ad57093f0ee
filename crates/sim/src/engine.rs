//! The simulation's state and its day loop: a discrete-event simulation with a
//! resolution of one day. Each case carries the day of its next event; queued
//! entries carry the case's version, so a rescheduled event never fires twice.

use crate::case::{Case, Day, End, MvFate, Stage};
use crate::charter::BookedCharter;
use crate::config::{Policy, SimScenario};
use crate::outcome::{Counters, RunOutcome};
use crate::random::Draw;
use opcentrum_planner::Sex;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A trip the planner committed: who went, at what cost.
#[derive(Debug, Clone)]
pub struct TripRecord {
    pub charter: bool,
    pub day: Day,
    pub cases: Vec<u32>,
    pub cost: u64,
    /// Persons removed (after failed attempts).
    pub executed: u32,
    pub flown: bool,
}

pub struct Sim<'a> {
    pub(crate) s: &'a SimScenario,
    pub(crate) rng: ChaCha8Rng,
    pub(crate) today: Day,
    pub(crate) end_day: Day,
    pub(crate) cases: Vec<Case>,
    queue: Vec<Vec<(u32, u32)>>,
    /// Cases waiting for a detention place (siloed: first come, first served).
    pub(crate) detention_queue: Vec<u32>,
    /// Occupied places per facility.
    pub(crate) occupied: Vec<u32>,
    pub(crate) detained: Vec<u32>,
    pub(crate) charters: Vec<BookedCharter>,
    pub(crate) trips: Vec<TripRecord>,
    /// Committed trips not yet flown.
    pub(crate) pending_trips: Vec<u32>,
    /// Per escort, per day: on a trip.
    pub(crate) escort_busy: Vec<Vec<bool>>,
    pub(crate) escort_sex: Vec<Sex>,
    pub(crate) escort_phase: Vec<u32>,
    pub(crate) counters: Counters,
}

impl<'a> Sim<'a> {
    pub fn new(s: &'a SimScenario, seed: u64) -> Sim<'a> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let end_day = s.warmup_days + s.days;
        let n = s.nte.escorts as usize;
        let cycle = s.nte.on_days + s.nte.off_days;
        let escort_sex = (0..n)
            .map(|_| {
                if rng.random_bool(s.nte.escort_female_share) {
                    Sex::F
                } else {
                    Sex::M
                }
            })
            .collect();
        // Phases spread evenly over the cycle: a steady number on duty each day.
        let escort_phase = (0..n as u32)
            .map(|e| (e * cycle) / n.max(1) as u32)
            .collect();
        let span = (end_day + s.planning.horizon_days + 400) as usize;
        Sim {
            s,
            rng,
            today: 0,
            end_day,
            cases: Vec::with_capacity((s.arrivals.per_day * f64::from(end_day)) as usize + 16),
            queue: vec![Vec::new(); end_day as usize + 1],
            detention_queue: Vec::new(),
            occupied: vec![0; s.detention.facilities.len()],
            detained: Vec::new(),
            charters: Vec::new(),
            trips: Vec::new(),
            pending_trips: Vec::new(),
            escort_busy: vec![vec![false; span]; n],
            escort_sex,
            escort_phase,
            counters: Counters::default(),
        }
    }

    /// Whether `day` lies in the measured period (after the warm-up).
    pub(crate) fn measured(&self, day: Day) -> bool {
        day >= self.s.warmup_days && day < self.end_day
    }

    /// Runs every day and returns the outcome.
    pub fn run(mut self) -> RunOutcome {
        while self.today < self.end_day {
            self.step();
            self.today += 1;
        }
        crate::outcome::finish(&self)
    }

    fn step(&mut self) {
        let today = self.today;
        self.arrivals();
        while let Some((id, version)) = self.queue[today as usize].pop() {
            let c = &self.cases[id as usize];
            if c.version == version && c.due == today {
                self.fire(id);
            }
        }
        self.release_at_limits();
        self.allocate_detention();
        self.book_charters();
        if today.is_multiple_of(self.s.planning.interval_days) {
            self.planning_round();
        }
        self.fly_trips();
        // A failed attempt on someone's limit day: released that day, not later.
        self.release_at_limits();
        let held = self.detained.len() as u64;
        if self.measured(today) {
            self.counters.detention_days += held;
        }
    }

    /// Schedules the case's next event on `day` (never, when past the end).
    pub(crate) fn schedule(&mut self, id: u32, day: Day) {
        let day = day.max(self.today);
        let c = &mut self.cases[id as usize];
        c.version += 1;
        c.due = day;
        if day < self.end_day {
            self.queue[day as usize].push((id, c.version));
        }
    }

    /// Takes the case out of the queue (its state changes other than by an event).
    pub(crate) fn unschedule(&mut self, id: u32) {
        let c = &mut self.cases[id as usize];
        c.version += 1;
        c.due = Day::MAX;
    }

    fn arrivals(&mut self) {
        let n = self.rng.poisson(self.s.arrivals.per_day);
        for _ in 0..n {
            self.new_case();
        }
    }

    fn new_case(&mut self) {
        let s = self.s;
        let today = self.today;
        let a = &s.arrivals;
        let size = if self.rng.random_bool(a.family_share) {
            self.rng.random_range(2..=a.family_size_max.min(9)) as u8
        } else {
            1
        };
        let sex = if self.rng.random_bool(a.female_share) {
            Sex::F
        } else {
            Sex::M
        };
        let destination = self.rng.pick_share(s.destinations.iter().map(|d| d.share)) as u16;
        let m = &s.mv;
        let period = if self.rng.random_bool(m.no_period_share) {
            0
        } else if self.rng.random_bool(m.refusal_of_entry_share) {
            m.departure_period_refusal_days
        } else {
            m.departure_period_expulsion_days
        };
        let u: f64 = self.rng.random();
        let (fate, due) = if u < m.voluntary_share {
            let day = today + self.rng.random_range(0..=period.max(7));
            (MvFate::Voluntary, day)
        } else if u < m.voluntary_share + m.abscond_share {
            (MvFate::Abscond, today + self.rng.random_range(0..=period))
        } else {
            let decided = today + period + self.rng.exp_days(m.decision_days_mean);
            if self.rng.random_bool(m.permit_share) {
                (MvFate::Permit, decided)
            } else {
                (MvFate::Coercion, decided)
            }
        };
        let id = self.cases.len() as u32;
        self.cases.push(Case {
            size,
            destination,
            sex,
            escorted: false,
            risk: false,
            final_day: today,
            handover_day: None,
            ready_day: Day::MAX,
            impediment_day: None,
            abscond_day: None,
            detention: None,
            released: false,
            manifest: None,
            stage: Stage::Final(fate),
            due: Day::MAX,
            version: 0,
            failed_attempts: 0,
        });
        if self.measured(today) {
            self.counters.arrived_persons += u64::from(size);
        }
        self.counters.arrived_cases += 1;
        self.schedule(id, due);
    }

    fn fire(&mut self, id: u32) {
        let today = self.today;
        match self.cases[id as usize].stage {
            Stage::Final(MvFate::Voluntary) => self.end(id, End::DepartedVoluntarily),
            Stage::Final(MvFate::Permit) => self.end(id, End::PermitGranted),
            Stage::Final(MvFate::Abscond) => self.abscond(id),
            Stage::Final(MvFate::Coercion) => {
                // MV's handover: the policy decides when it reaches the police.
                let proposed = match &self.s.policy {
                    Policy::Siloed(p) => today.next_multiple_of(p.mv_review_days),
                    Policy::Integrated(_) => today,
                };
                self.cases[id as usize].stage = Stage::AwaitingHandover;
                self.schedule(id, proposed + self.s.police.intake_days);
            }
            Stage::AwaitingHandover => self.hand_over(id, false),
            Stage::Absconded => {
                let c = &self.cases[id as usize];
                if today >= c.final_day + self.s.police.lapse_days {
                    self.end(id, End::Expired);
                } else {
                    self.hand_over(id, true);
                }
            }
            Stage::Police => self.police_event(id),
            Stage::Suspended => {
                if self.rng.random_bool(self.s.impediments.permit_share) {
                    self.end(id, End::PermitGranted);
                } else {
                    let c = &mut self.cases[id as usize];
                    c.stage = Stage::Police;
                    c.ready_day = c.ready_day.max(today);
                    self.schedule_police(id);
                }
            }
            Stage::Planned(_) | Stage::Ended(_) => {}
        }
    }

    /// The police take over: documents and acceptance start, risk is assessed.
    fn hand_over(&mut self, id: u32, located: bool) {
        let today = self.today;
        let s = self.s;
        let dest = &s.destinations[self.cases[id as usize].destination as usize];
        let documents = self.rng.exp_days(dest.document_days_mean);
        let acceptance = self.rng.exp_days(dest.acceptance_days_mean);
        let single = self.cases[id as usize].size == 1;
        let risk = single && (located || self.rng.random_bool(s.detention.risk_share));
        let escorted = single && (risk || self.rng.random_bool(s.police.escorted_share));
        let ready = today + documents + acceptance;
        let impediment = self
            .rng
            .random_bool(s.impediments.share)
            .then(|| today + self.rng.random_range(0..=documents + acceptance + 30));
        let c = &mut self.cases[id as usize];
        c.stage = Stage::Police;
        c.handover_day.get_or_insert(today);
        c.ready_day = ready;
        c.risk = risk;
        c.escorted = escorted;
        c.impediment_day = impediment;
        c.released = false;
        if self.measured(today) {
            self.counters.handovers += 1;
        }
        self.schedule_police(id);
        self.on_police_intake(id);
    }

    /// Draws when a person at liberty absconds and schedules the next of the
    /// police stage's events: absconding, an impediment, lapse.
    pub(crate) fn schedule_police(&mut self, id: u32) {
        let today = self.today;
        let p = &self.s.police;
        let c = &self.cases[id as usize];
        let abscond = if c.detention.is_some() {
            None
        } else {
            let mean = if c.risk || c.released {
                p.risk_abscond_days_mean
            } else {
                p.abscond_days_mean
            };
            Some(today + 1 + self.rng.exp_days(mean))
        };
        let c = &mut self.cases[id as usize];
        c.abscond_day = abscond;
        let lapse = c.final_day + p.lapse_days;
        let due = [
            abscond,
            c.impediment_day.filter(|&d| d >= today),
            Some(lapse),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(lapse);
        self.schedule(id, due);
    }

    fn police_event(&mut self, id: u32) {
        let today = self.today;
        let c = &self.cases[id as usize];
        if today >= c.final_day + self.s.police.lapse_days {
            self.leave_detention(id);
            self.end(id, End::Expired);
        } else if c.impediment_day == Some(today) {
            self.leave_detention(id);
            let c = &mut self.cases[id as usize];
            c.impediment_day = None;
            c.stage = Stage::Suspended;
            c.manifest = None;
            self.counters.impediments += 1;
            let back = today + 1 + self.rng.exp_days(self.s.impediments.duration_days_mean);
            self.schedule(id, back);
        } else if c.abscond_day == Some(today) && c.detention.is_none() {
            self.abscond(id);
        } else {
            self.schedule_police(id);
        }
    }

    pub(crate) fn abscond(&mut self, id: u32) {
        let today = self.today;
        self.leave_detention(id);
        let p = &self.s.police;
        let located = self.rng.random_bool(p.locate_share);
        let c = &mut self.cases[id as usize];
        c.stage = Stage::Absconded;
        c.manifest = None;
        let lapse = c.final_day + p.lapse_days;
        if self.measured(today) {
            self.counters.absconded += 1;
        }
        let due = if located {
            (today + 1 + self.rng.exp_days(p.locate_days_mean)).min(lapse)
        } else {
            lapse
        };
        self.schedule(id, due);
    }

    pub(crate) fn end(&mut self, id: u32, end: End) {
        let today = self.today;
        self.unschedule(id);
        let c = &mut self.cases[id as usize];
        c.stage = Stage::Ended(end);
        c.manifest = None;
        if today >= self.s.warmup_days {
            let persons = u64::from(c.size);
            match end {
                End::DepartedVoluntarily => self.counters.voluntary += persons,
                End::Expired => self.counters.expired += persons,
                End::PermitGranted => self.counters.permits += persons,
                End::ExecutedCharter | End::ExecutedScheduled => {}
            }
        }
    }
}
