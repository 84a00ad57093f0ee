//! Builds one case's history through the lifecycle's own `decide`, so every
//! generated history is one the software would have accepted.

use jiff::{Timestamp, ToSpan};
use opcentrum_domain::{
    Actor, Agency, Case, Context, Event, EventKind, FacilityView, RuleTable, decide,
    decide_registration,
    facility::Facility,
    ids::{CaseId, FacilityId, UserName},
};

pub struct Builder<'a> {
    pub id: CaseId,
    pub case: Option<Case>,
    pub events: Vec<Event>,
    pub refused: Vec<String>,
    last: Timestamp,
    now: Timestamp,
    rules: &'a RuleTable,
    facilities: &'a [Facility],
    user_no: u8,
}

fn user(agency: Agency, n: u8) -> Actor {
    let base = match agency {
        Agency::Migrationsverket => "mv.handlaggare",
        Agency::Police => "polis.gransen",
        Agency::Nte => "nte.planerare",
        Agency::Oversight => "tillsyn",
    };
    let user = UserName::parse(format!("{base}{}", n % 9 + 1))
        .unwrap_or_else(|_| UserName::parse("synth").unwrap_or_else(|e| panic!("{e}")));
    Actor { user, agency }
}

impl<'a> Builder<'a> {
    pub fn new(
        id: CaseId,
        now: Timestamp,
        rules: &'a RuleTable,
        facilities: &'a [Facility],
        user_no: u8,
    ) -> Self {
        Builder {
            id,
            case: None,
            events: Vec::new(),
            refused: Vec::new(),
            last: Timestamp::MIN,
            now,
            rules,
            facilities,
            user_no,
        }
    }

    /// Continues a generated case's history (the demo's open work).
    pub fn resume(
        case: Case,
        events: Vec<Event>,
        now: Timestamp,
        rules: &'a RuleTable,
        facilities: &'a [Facility],
    ) -> Self {
        let last = events.last().map_or(Timestamp::MIN, |e| e.recorded_at);
        Builder {
            id: case.id.clone(),
            case: Some(case),
            events,
            refused: Vec::new(),
            last,
            now,
            rules,
            facilities,
            user_no: 0,
        }
    }

    pub fn now(&self) -> Timestamp {
        self.now
    }

    pub fn last(&self) -> Timestamp {
        self.last
    }

    /// The Swedish date of the latest event (or `fallback` before any).
    pub fn last_day(&self, fallback: jiff::civil::Date) -> jiff::civil::Date {
        if self.last == Timestamp::MIN {
            fallback
        } else {
            opcentrum_domain::time::local_date(self.last)
        }
    }

    /// Appends `kind` at `at` (moved forward to keep the log ordered, never
    /// past `now`) if the lifecycle accepts it; returns whether it did.
    pub fn push(&mut self, agency: Agency, kind: EventKind, at: Timestamp) -> bool {
        let actor = user(agency, self.user_no);
        self.push_as(actor, kind, at)
    }

    /// As `push`, but a refusal is no fault of the generator: an optional
    /// step (the demo's open work) that the case's state may not allow.
    pub fn try_push(&mut self, agency: Agency, kind: EventKind, at: Timestamp) -> bool {
        let ok = self.push(agency, kind, at);
        if !ok {
            self.refused.pop();
        }
        ok
    }

    /// As `push`, recorded by a second person of the agency (another user than the
    /// case's usual one): the check of a date of finality (JO 8824-2019).
    pub fn push_second(&mut self, agency: Agency, kind: EventKind, at: Timestamp) -> bool {
        let actor = user(agency, self.user_no.wrapping_add(1));
        self.push_as(actor, kind, at)
    }

    fn push_as(&mut self, actor: Actor, kind: EventKind, at: Timestamp) -> bool {
        let mut at = at.min(self.now);
        if self.last != Timestamp::MIN && at <= self.last {
            at = self
                .last
                .saturating_add(1.second())
                .unwrap_or(self.last)
                .min(self.now);
        }
        let lookup = |id: &FacilityId| {
            self.facilities
                .iter()
                .find(|f| &f.id == id)
                .map(|f| FacilityView {
                    kind: f.kind,
                    capacity: f.capacity,
                    occupied: 0,
                })
        };
        let ctx = Context {
            now: at,
            actor: &actor,
            rules: self.rules,
            facility: &lookup,
            family: &[],
        };
        let verdict = match &self.case {
            None => decide_registration(&kind, &ctx),
            Some(c) => decide(c, &kind, &ctx),
        };
        if let Err(e) = verdict {
            self.refused.push(format!("{}: {e}", self.id));
            return false;
        }
        let version = self.case.as_ref().map_or(1, |c| c.version + 1);
        let event = Event {
            case: self.id.clone(),
            version,
            kind,
            actor,
            recorded_at: at,
            reason: None,
        };
        match &mut self.case {
            None => match Case::from_registered(&event) {
                Ok(c) => self.case = Some(c),
                Err(e) => {
                    self.refused.push(format!("{}: {e}", self.id));
                    return false;
                }
            },
            Some(c) => c.evolve(&event),
        }
        self.last = at;
        self.events.push(event);
        true
    }
}
