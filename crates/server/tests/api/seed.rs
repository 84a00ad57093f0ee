//! Seeding for the gate's tests: whole case histories driven through the
//! domain's own lifecycle (`fixtures::Driver` runs `decide` at every step, so
//! each history is one the law allows) and loaded in one transaction with
//! `Store::load_histories` — hundreds of cases in well under a second.
//! Every name and number is invented.

use crate::helpers::TestApp;
use jiff::{Timestamp, civil::Date};
use opcentrum_access::{CategoryOwners, FieldCategory, Policy, Principal, Role, matrix};
use opcentrum_domain::{
    Agency, Case, Event, EventKind,
    decide::FacilityView,
    facility::{Facility, FacilityKind},
    fixtures::Driver,
    ids::{CaseId, FacilityId, TripId, UserName},
    trip::{TripKind, TripOffer},
};
use serde_json::{Value, json};
use std::sync::LazyLock;

/// An hour before `helpers::NOW`: when most seeded histories happen.
pub const T0: &str = "2026-12-08T08:00:00Z";
/// A week before: histories that plan a trip which has departed by `NOW`.
pub const EARLY: &str = "2026-12-01T09:00:00Z";
/// A trip that departed on 5 December (`executed` may be recorded on it).
pub const DEPARTED_TRIP: &str = "C-GONE";
pub const DEPARTED_ON: &str = "2026-12-05";

/// The default sharing matrix, compiled once for every test of this binary.
pub static POLICY: LazyLock<Policy> = LazyLock::new(|| {
    Policy::compile(matrix::default_matrix(Timestamp::UNIX_EPOCH)).expect("default matrix")
});

pub fn principal(agency: Agency, role: Role) -> Principal {
    Principal {
        user: UserName::parse(crate::helpers::user_name(agency, role)).unwrap(),
        agency,
        role,
    }
}

/// May `agency`/`role` read `category` of this case (default matrix)?
pub fn may_read(agency: Agency, role: Role, case: &Case, category: FieldCategory) -> bool {
    let owner = CategoryOwners::of_case(case).owner(category);
    POLICY
        .decide(&principal(agency, role), category, owner)
        .allowed
}

/// Every agency × role, in a fixed order.
pub fn principals() -> Vec<(Agency, Role)> {
    Agency::ALL
        .into_iter()
        .flat_map(|a| Role::ALL.into_iter().map(move |r| (a, r)))
        .collect()
}

/// An event payload from its API JSON (the `type` tag and fields).
pub fn kind(v: Value) -> EventKind {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

/// The registration of a seeded case.
#[derive(Debug, Clone)]
pub struct Reg {
    pub kind: &'static str,
    pub decided_by: &'static str,
    pub decided_on: &'static str,
    pub given_name: String,
    pub family_name: String,
    pub dossier: String,
    pub family: Option<String>,
    pub absconding_risk: bool,
    pub sex: &'static str,
    pub birth_date: &'static str,
}

impl Reg {
    /// A refusal of entry by Migrationsverket, decided and notified on 30
    /// September 2026 (the appeal's last day is 21 October).
    pub fn plain() -> Reg {
        Reg {
            kind: "refusal_of_entry",
            decided_by: "migrationsverket",
            decided_on: "2026-09-30",
            given_name: "Testa".into(),
            family_name: "Syntetisk".into(),
            dossier: "9-000001".into(),
            family: None,
            absconding_risk: false,
            sex: "F",
            birth_date: "1985-03-03",
        }
    }

    /// An expulsion for a crime by a general court.
    pub fn crime() -> Reg {
        Reg {
            kind: "expulsion_for_crime",
            decided_by: "general_court",
            ..Reg::plain()
        }
    }

    fn event(&self, id: &str) -> EventKind {
        kind(json!({
            "type": "registered",
            "person": {
                "id": format!("P-{id}"), "given_name": self.given_name,
                "family_name": self.family_name, "birth_date": self.birth_date, "sex": self.sex,
                "citizenship": "IQ", "dossier_number": self.dossier
            },
            "decision": {
                "kind": self.kind, "decided_by": self.decided_by,
                "decided_on": self.decided_on, "notified_on": self.decided_on, "final_on": null
            },
            "destination": "IQ",
            "family": self.family,
            "absconding_risk": self.absconding_risk
        }))
    }
}

/// A case's history under construction.
pub struct Story {
    id: CaseId,
    d: Driver,
}

impl Story {
    /// Registered at `T0` (Migrationsverket's refusal of entry).
    pub fn new(id: &str) -> Story {
        Story::with(id, Reg::plain(), T0)
    }

    pub fn with(id: &str, reg: Reg, at: &str) -> Story {
        let mut d = Driver::new(reg.event(id), at.parse().unwrap())
            .unwrap_or_else(|e| panic!("{id}: registered: {e}"));
        d.facilities.push((
            FacilityId::parse(SENTINEL_FACILITY).unwrap(),
            FacilityView {
                kind: FacilityKind::DetentionUnit,
                capacity: 100,
                occupied: 0,
            },
        ));
        Story {
            id: CaseId::parse(id).unwrap(),
            d,
        }
    }

    /// Appends an event the lifecycle allows (panics naming the rule otherwise).
    pub fn then(mut self, agency: Agency, event: Value) -> Story {
        let k = kind(event);
        let name = k.name();
        self.d
            .apply(agency, k)
            .unwrap_or_else(|e| panic!("{}: {name}: {e}", self.id));
        self
    }

    /// Gives every event after `version` a free-text reason naming its type
    /// and place (a sentinel), and returns each with its event type.
    pub fn tag_after(&mut self, version: u64, tag: &str) -> Vec<(String, &'static str)> {
        let mut out = Vec::new();
        for e in self.d.events.iter_mut().filter(|e| e.version > version) {
            let text = format!("SENTINEL-{}-{tag}-v{}", e.kind.name(), e.version);
            e.reason = Some(text.clone());
            out.push((text, e.kind.name()));
        }
        out
    }

    pub fn case(&self) -> Case {
        let mut c = self.d.case.clone();
        c.id = self.id.clone();
        c
    }

    pub fn events(self) -> Vec<Event> {
        let id = self.id;
        self.d
            .events
            .into_iter()
            .map(|mut e| {
                e.case = id.clone();
                e
            })
            .collect()
    }

    // The ordinary road, one step at a time.

    /// Final on 22 October (three weeks after notification); the voluntary
    /// departure period ended on 5 November.
    /// A second person of Migrationsverket then checks the date against the
    /// decision (JO 8824-2019), as every coercive step needs.
    pub fn final_(self) -> Story {
        self.then(
            Agency::Migrationsverket,
            json!({"type": "decision_final", "final_on": "2026-10-22"}),
        )
        .confirmed()
    }

    /// Finality recorded but not yet checked by a second person.
    pub fn final_unconfirmed(self) -> Story {
        self.then(
            Agency::Migrationsverket,
            json!({"type": "decision_final", "final_on": "2026-10-22"}),
        )
    }

    /// The second person's check of the date of finality.
    pub fn confirmed(mut self) -> Story {
        self.d
            .confirm_finality(Agency::Migrationsverket)
            .unwrap_or_else(|e| panic!("{}: finality_confirmed: {e}", self.id));
        self
    }

    /// Proposed to the police (coercion needed), handover `H1`.
    pub fn proposed_to_police(self) -> Story {
        self.then(
            Agency::Migrationsverket,
            json!({"type": "handover_proposed", "handover": "H1",
                   "to": {"agency": "police", "reason": "coercion_needed"}}),
        )
    }

    /// Handed over: the police accepted `H1`.
    pub fn police(self) -> Story {
        self.proposed_to_police().then(
            Agency::Police,
            json!({"type": "handover_accepted", "handover": "H1"}),
        )
    }

    /// The history goes on at `at` (later events, e.g. after a long detention).
    pub fn at(mut self, at: &str) -> Story {
        self.d.now = at.parse().unwrap();
        self
    }

    /// A passport, the destination's acceptance and fitness to fly.
    pub fn documents(self) -> Story {
        self.then(
            Agency::Police,
            json!({"type": "travel_document_issued", "document": "passport", "valid_until": "2027-06-01"}),
        )
        .then(
            Agency::Police,
            json!({"type": "destination_accepted", "on": "2026-12-01"}),
        )
        .then(
            Agency::Nte,
            json!({"type": "fitness_assessed", "fit": true, "on": "2026-12-01"}),
        )
    }

    /// Transport requested of NTE (handover `H2`), not yet accepted.
    pub fn transport_asked(self, escorted: bool) -> Story {
        self.then(
            Agency::Police,
            json!({"type": "handover_proposed", "handover": "H2",
                   "to": {"agency": "nte", "escorted": escorted}}),
        )
    }

    /// NTE accepted the transport request.
    pub fn nte(self) -> Story {
        self.then(
            Agency::Nte,
            json!({"type": "handover_accepted", "handover": "H2"}),
        )
    }

    /// The whole road to `transport_requested`, ready for a trip.
    pub fn transport_requested(self) -> Story {
        self.final_()
            .police()
            .documents()
            .transport_asked(true)
            .nte()
    }

    /// Planned on a trip (the history must run at `EARLY` for a departed trip).
    pub fn planned(self, trip: &str, date: &str) -> Story {
        self.transport_requested().then(
            Agency::Nte,
            json!({"type": "planned", "trip": trip, "trip_date": date}),
        )
    }
}

pub const SENTINEL_FACILITY: &str = "F-SENTINEL-LOC";

/// Facilities and trip offers the seeded histories use.
pub async fn reference_data(app: &TestApp) {
    for (id, kind) in [
        ("F-UNIT", FacilityKind::DetentionUnit),
        ("F-CELL", FacilityKind::PoliceCell),
        (SENTINEL_FACILITY, FacilityKind::DetentionUnit),
    ] {
        app.store
            .put_facility(&Facility {
                id: FacilityId::parse(id).unwrap(),
                name: format!("Enhet {id}"),
                kind,
                capacity: 100_000,
            })
            .await
            .unwrap();
    }
    app.store
        .put_trip_offer(&TripOffer {
            id: TripId::parse(DEPARTED_TRIP).unwrap(),
            kind: TripKind::Charter,
            destination: opcentrum_domain::Country::parse("IQ").unwrap(),
            date: DEPARTED_ON.parse::<Date>().unwrap(),
            seats: 100,
            quota: Some(100),
            cost: 500_000,
        })
        .await
        .unwrap();
    // The departed charter's monitoring body was notified (and declined), so
    // `executed` may be recorded on it (rule ForcedReturnMonitor).
    let at: Timestamp = T0.parse().unwrap();
    app.store
        .put_trip_crew(
            &TripId::parse(DEPARTED_TRIP).unwrap(),
            &opcentrum_domain::crew::TripCrew {
                monitor: Some(opcentrum_domain::crew::MonitorNotice {
                    body: "Migrationsverket".into(),
                    notified_on: "2026-11-30".parse::<Date>().unwrap(),
                    attendance: opcentrum_domain::crew::Attendance::Declined,
                }),
                medical_staff: vec![],
            },
            "seed",
            opcentrum_access::audit::AuditEntry {
                at,
                request_id: "seed".into(),
                user: "seed".into(),
                agency: "nte".into(),
                role: "trip_planner".into(),
                action: opcentrum_access::audit::AuditAction::Write,
                case: None,
                categories: vec![FieldCategory::Trip],
                legal_basis: vec![],
                purpose: "trip crew (seed)".into(),
            },
            at,
        )
        .await
        .unwrap();
}

/// Loads the histories in one transaction.
pub async fn load(app: &TestApp, stories: Vec<Story>) {
    let histories: Vec<Vec<Event>> = stories.into_iter().map(Story::events).collect();
    app.store
        .load_histories(&histories, crate::helpers::NOW.parse().unwrap())
        .await
        .unwrap();
}

/// The audit records the store holds for one user after position `after`.
pub async fn audit_after(
    app: &TestApp,
    user: &str,
    after: u64,
) -> Vec<opcentrum_access::audit::AuditRecord> {
    app.store
        .audit_records(&opcentrum_store::AuditQuery {
            case: None,
            user: Some(user.to_owned()),
            after: Some(after),
            limit: 10_000,
        })
        .await
        .unwrap()
}

pub async fn audit_head(app: &TestApp) -> u64 {
    app.store.audit_head().await.unwrap().0
}
