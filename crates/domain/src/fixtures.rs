//! Synthetic test data and a small driver for the lifecycle, for this crate's
//! tests and the tests of the crates around it (feature `fixtures`).
//! Every name here is invented.

use crate::{
    agency::Agency,
    case::Case,
    country::Country,
    decide::{Context, FacilityView, TransitionError, decide, decide_registration},
    decision::{Decision, DecisionKind, DecisionMaker},
    event::{Actor, Event, EventKind},
    facility::FacilityKind,
    ids::{CaseId, FacilityId, PersonId, UserName},
    person::{Person, Sex},
    rules::RuleTable,
};
use jiff::{Timestamp, civil::Date};

pub fn actor(agency: Agency) -> Actor {
    let user = match agency {
        Agency::Migrationsverket => "mv.handlaggare",
        Agency::Police => "polis.gransen",
        Agency::Nte => "nte.planerare",
        Agency::Oversight => "tillsyn.granskare",
    };
    Actor {
        user: UserName::parse(user).unwrap_or_else(|_| unreachable_user()),
        agency,
    }
}

/// Another named person of the agency (the second pair of eyes).
pub fn second_person(agency: Agency) -> Actor {
    let user = match agency {
        Agency::Migrationsverket => "mv.granskare",
        Agency::Police => "polis.granskare",
        Agency::Nte => "nte.granskare",
        Agency::Oversight => "tillsyn.andra",
    };
    Actor {
        user: UserName::parse(user).unwrap_or_else(|_| unreachable_user()),
        agency,
    }
}

fn unreachable_user() -> UserName {
    UserName::parse("user").unwrap_or_else(|e| panic!("{e}"))
}

pub fn person(birth: Date, sex: Sex) -> Person {
    Person {
        id: PersonId::parse("P-TEST-1").unwrap_or_else(|e| panic!("{e}")),
        given_name: "Testa".into(),
        family_name: "Testsson".into(),
        birth_date: birth,
        sex,
        citizenship: Country::parse("IQ").unwrap_or_else(|e| panic!("{e}")),
        dossier_number: "9-000001".into(),
    }
}

pub fn registered(kind: DecisionKind, decided_on: Date, birth: Date) -> EventKind {
    EventKind::Registered {
        person: person(birth, Sex::F),
        decision: Decision {
            kind,
            decided_by: if kind == DecisionKind::ExpulsionForCrime {
                DecisionMaker::GeneralCourt
            } else {
                DecisionMaker::Migrationsverket
            },
            decided_on,
            notified_on: Some(decided_on),
            final_on: None,
            departure: None,
            departure_extended_until: None,
        },
        destination: Country::parse("IQ").unwrap_or_else(|e| panic!("{e}")),
        family: None,
        absconding_risk: false,
    }
}

/// A case driven through the lifecycle in memory, with a settable clock and a
/// facility list, exactly as the store drives it.
pub struct Driver {
    pub case: Case,
    pub events: Vec<Event>,
    pub now: Timestamp,
    pub rules: RuleTable,
    pub facilities: Vec<(FacilityId, FacilityView)>,
}

impl Driver {
    pub fn new(kind: EventKind, now: Timestamp) -> Result<Driver, TransitionError> {
        let rules = RuleTable::default();
        let facilities = vec![
            (
                FacilityId::parse("F-UNIT").unwrap_or_else(|e| panic!("{e}")),
                FacilityView {
                    kind: FacilityKind::DetentionUnit,
                    capacity: 100,
                    occupied: 0,
                },
            ),
            (
                FacilityId::parse("F-UNIT2").unwrap_or_else(|e| panic!("{e}")),
                FacilityView {
                    kind: FacilityKind::DetentionUnit,
                    capacity: 100,
                    occupied: 0,
                },
            ),
            (
                FacilityId::parse("F-CELL").unwrap_or_else(|e| panic!("{e}")),
                FacilityView {
                    kind: FacilityKind::PoliceCell,
                    capacity: 10,
                    occupied: 0,
                },
            ),
            (
                FacilityId::parse("F-FULL").unwrap_or_else(|e| panic!("{e}")),
                FacilityView {
                    kind: FacilityKind::DetentionUnit,
                    capacity: 5,
                    occupied: 5,
                },
            ),
        ];
        let a = actor(Agency::Migrationsverket);
        {
            let lookup =
                |id: &FacilityId| facilities.iter().find(|(f, _)| f == id).map(|(_, v)| *v);
            let ctx = Context {
                now,
                actor: &a,
                rules: &rules,
                facility: &lookup,
                family: &[],
            };
            decide_registration(&kind, &ctx)?;
        }
        let event = Event {
            case: CaseId::parse("UT-TEST-1").unwrap_or_else(|e| panic!("{e}")),
            version: 1,
            kind,
            actor: a,
            recorded_at: now,
            reason: None,
        };
        let case = Case::from_registered(&event).unwrap_or_else(|e| panic!("{e}"));
        Ok(Driver {
            case,
            events: vec![event],
            now,
            rules,
            facilities,
        })
    }

    /// Decides and, if allowed, appends.
    pub fn apply(&mut self, agency: Agency, kind: EventKind) -> Result<(), TransitionError> {
        self.apply_as(actor(agency), kind)
    }

    /// Records, as a second person of the agency, that the date of finality was
    /// checked against the decision (JO 8824-2019).
    pub fn confirm_finality(&mut self, agency: Agency) -> Result<(), TransitionError> {
        let final_on = self
            .case
            .decision
            .final_on
            .unwrap_or_else(|| panic!("confirm_finality: the decision is not final"));
        self.apply_as(
            second_person(agency),
            EventKind::FinalityConfirmed { final_on },
        )
    }

    /// Decides and, if allowed, appends as `a`.
    pub fn apply_as(&mut self, a: Actor, kind: EventKind) -> Result<(), TransitionError> {
        {
            let lookup = |id: &FacilityId| {
                self.facilities
                    .iter()
                    .find(|(f, _)| f == id)
                    .map(|(_, v)| *v)
            };
            let ctx = Context {
                now: self.now,
                actor: &a,
                rules: &self.rules,
                facility: &lookup,
                family: &[],
            };
            decide(&self.case, &kind, &ctx)?;
        }
        let event = Event {
            case: self.case.id.clone(),
            version: self.case.version + 1,
            kind,
            actor: a,
            recorded_at: self.now,
            reason: None,
        };
        self.case.evolve(&event);
        self.events.push(event);
        Ok(())
    }

    pub fn set_now(&mut self, now: &str) {
        self.now = now.parse().unwrap_or_else(|e| panic!("{e}"));
    }
}
