#![allow(clippy::unwrap_used)]
//! The catalogue's defaults, pinned: a legal officer's review changes these
//! tests together with the table.

use super::*;
use crate::{Permission, Policy, allowed, category::categories_of_event, matrix::default_matrix};
use opcentrum_domain::EventKind;
use std::collections::BTreeSet;

/// One sample of every event type, as the API takes it.
fn samples() -> Vec<EventKind> {
    [
        r#"{"type":"registered","person":{"id":"P-1","given_name":"A","family_name":"B","birth_date":"1990-01-01","sex":"F","citizenship":"IQ","dossier_number":"1"},"decision":{"kind":"expulsion_for_crime","decided_by":"general_court","decided_on":"2026-01-01","notified_on":null,"final_on":null},"destination":"IQ","family":null}"#,
        r#"{"type":"decision_final","final_on":"2026-02-01"}"#,
        r#"{"type":"handover_proposed","handover":"H-1","to":{"agency":"police","reason":"absconded"}}"#,
        r#"{"type":"handover_proposed","handover":"H-2","to":{"agency":"nte","escorted":true}}"#,
        r#"{"type":"handover_accepted","handover":"H-1"}"#,
        r#"{"type":"handover_returned","handover":"H-1","reason":"r"}"#,
        r#"{"type":"impediment_lodged","impediment":"IMP-1","kind":"stay","lodged_on":"2026-02-01"}"#,
        r#"{"type":"impediment_lifted","impediment":"IMP-1","lifted_on":"2026-02-02"}"#,
        r#"{"type":"detention_started","facility":"F-1","basis":"enforcement","started_at":"2026-02-01T08:00:00Z"}"#,
        r#"{"type":"detention_extended","reason":"exceptional_reasons","at":"2026-02-01T08:00:00Z"}"#,
        r#"{"type":"detention_reviewed","at":"2026-02-01T08:00:00Z"}"#,
        r#"{"type":"detention_ended","at":"2026-02-01T08:00:00Z","reason":"released"}"#,
        r#"{"type":"supervision_ordered","on":"2026-02-01"}"#,
        r#"{"type":"supervision_ended","on":"2026-02-01"}"#,
        r#"{"type":"absconded","on":"2026-02-01"}"#,
        r#"{"type":"located","on":"2026-02-01"}"#,
        r#"{"type":"travel_document_issued","document":"passport","valid_until":"2027-02-01"}"#,
        r#"{"type":"destination_accepted","on":"2026-02-01"}"#,
        r#"{"type":"fitness_assessed","fit":true,"on":"2026-02-01"}"#,
        r#"{"type":"planned","trip":"T-1","trip_date":"2026-02-01"}"#,
        r#"{"type":"unplanned","trip":"T-1"}"#,
        r#"{"type":"attempt_failed","trip":"T-1","failure":"medical"}"#,
        r#"{"type":"executed","trip":"T-1","on":"2026-02-01"}"#,
        r#"{"type":"departed_voluntarily","on":"2026-02-01"}"#,
        r#"{"type":"expired","on":"2026-02-01"}"#,
        r#"{"type":"permit_granted","on":"2026-02-01"}"#,
        r#"{"type":"cancelled"}"#,
        r#"{"type":"finality_confirmed","final_on":"2026-02-01"}"#,
        r#"{"type":"finality_corrected","final_on":"2026-02-01"}"#,
        r#"{"type":"departure_period_extended","until":"2026-03-01"}"#,
        r#"{"type":"detention_redecided","basis":"enforcement","at":"2026-02-01T08:00:00Z"}"#,
        r#"{"type":"counsel_appointed","at":"2026-02-01T08:00:00Z"}"#,
        r#"{"type":"family_left","decision":"permit granted"}"#,
    ]
    .iter()
    .map(|s| serde_json::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}")))
    .collect()
}

#[test]
fn every_event_type_has_a_row_and_every_row_is_well_formed() {
    let c = Catalogue::default();
    let mut ids = BTreeSet::new();
    for r in c.rows() {
        assert!(ids.insert(r.id), "{} twice", r.id);
        assert!(
            !r.name_sv().is_empty() && !r.name_en().is_empty(),
            "{}",
            r.id
        );
        assert!(
            !r.legal_ground.trim().is_empty(),
            "{}: no legal ground",
            r.id
        );
        assert!(!r.who.is_empty(), "{}: nobody", r.id);
        match r.kind {
            ActionKind::Event => {
                let e = r.event.unwrap();
                assert!(r.id == e || r.id.starts_with(&format!("{e}.")), "{}", r.id);
            }
            _ => assert!(r.event.is_none(), "{}", r.id),
        }
    }
    for s in samples() {
        let id = action_id_of(&s, None);
        let row = c.row(id).unwrap();
        assert_eq!(row.event, Some(s.name()));
        // The row lists at least what the event's payload reveals.
        for cat in categories_of_event(&s) {
            assert!(
                row.writes.contains(cat),
                "{id} writes {cat} without saying so"
            );
        }
    }
}

#[test]
fn oversight_records_no_event_and_nobody_plans_by_hand() {
    let c = Catalogue::default();
    for r in c.rows().iter().filter(|r| r.kind == ActionKind::Event) {
        assert!(
            r.who.iter().all(|g| g.agency != Agency::Oversight),
            "{} lets oversight act",
            r.id
        );
    }
    for id in ["planned", "unplanned"] {
        assert_eq!(
            c.row(id).unwrap().channel,
            Channel::ApprovedProposal,
            "{id}"
        );
    }
    for r in c.rows().iter().filter(|r| r.by_hand()) {
        assert!(
            !matches!(r.event, Some("planned" | "unplanned")),
            "{}",
            r.id
        );
    }
}

fn may(c: &Catalogue, id: &str, agency: Agency, role: Role) -> bool {
    c.row(id).unwrap().grants_role(agency, role)
}

#[test]
fn who_decides_what_in_law() {
    use Agency::*;
    use Role::*;
    let c = Catalogue::default();
    // Detention and supervision: Migrationsverket (UtlL 10 kap. 12 §).
    assert!(may(&c, "detention_started", Migrationsverket, CaseOfficer));
    assert!(may(
        &c,
        "detention_started",
        Migrationsverket,
        DetentionStaff
    ));
    assert!(!may(&c, "detention_started", Migrationsverket, TripPlanner));
    assert!(!may(&c, "detention_started", Police, CaseOfficer));
    assert!(!may(&c, "detention_started", Nte, DetentionStaff));
    assert!(!may(&c, "supervision_ordered", Police, CaseOfficer));
    // Police custody: the Police (10 kap. 17 §).
    assert!(may(
        &c,
        "detention_started.police_custody",
        Police,
        CaseOfficer
    ));
    assert!(!may(
        &c,
        "detention_started.police_custody",
        Migrationsverket,
        CaseOfficer
    ));
    // Locating, documents, acceptance: the Police.
    for id in ["located", "travel_document_issued", "destination_accepted"] {
        assert!(may(&c, id, Police, CaseOfficer), "{id}");
        assert!(!may(&c, id, Migrationsverket, CaseOfficer), "{id}");
        assert!(!may(&c, id, Nte, CaseOfficer), "{id}");
    }
    // NTE carries out the trip.
    for id in ["executed", "attempt_failed"] {
        assert!(may(&c, id, Nte, CaseOfficer), "{id}");
        assert!(!may(&c, id, Police, CaseOfficer), "{id}");
        assert!(!may(&c, id, Nte, DetentionStaff), "{id}");
    }
    assert!(
        c.row("executed")
            .unwrap()
            .conditions
            .contains(&Condition::TripDeparted)
    );
    // Lifting: only the deciding agency; a stay and an international interim
    // measure need a legal officer's approval too.
    for id in [
        "impediment_lifted",
        "impediment_lifted.stay",
        "impediment_lifted.international_interim_measure",
    ] {
        let r = c.row(id).unwrap();
        assert!(r.conditions.contains(&Condition::DecidingAgency), "{id}");
        assert!(!r.grants_role(Nte, TripPlanner), "{id}");
        assert!(!r.grants_role(Police, TripPlanner), "{id}");
    }
    assert_eq!(c.row("impediment_lifted").unwrap().second_person, None);
    for id in [
        "impediment_lifted.stay",
        "impediment_lifted.international_interim_measure",
    ] {
        assert_eq!(
            c.row(id).unwrap().second_person,
            Some(SecondPerson { role: LegalOfficer }),
            "{id}"
        );
    }
    // Fitness to fly writes health.
    assert_eq!(
        c.row("fitness_assessed").unwrap().writes,
        &[FieldCategory::Health]
    );
    assert!(!may(&c, "fitness_assessed", Police, CaseOfficer));
    // Two persons for the legal officer's role and for the matrix.
    for id in ["users.grant_legal_officer", "matrix.edit"] {
        assert_eq!(
            c.row(id).unwrap().second_person,
            Some(SecondPerson { role: LegalOfficer }),
            "{id}"
        );
    }
}

/// A row nobody it names can use is a mistake in the table: every granted
/// role may read, under the default matrix, every category the row writes
/// for the agency that would own it when that role acts.
#[test]
fn every_granted_role_may_read_what_it_writes_under_the_default_matrix() {
    let c = Catalogue::default();
    let policy = Policy::compile(default_matrix(jiff::Timestamp::UNIX_EPOCH)).unwrap();
    let mut dead = Vec::new();
    for r in c.rows().iter().filter(|r| r.kind == ActionKind::Event) {
        for g in r.who {
            for role in g.roles {
                for cat in r.writes {
                    let readable = Agency::OPERATIONAL
                        .iter()
                        .any(|owner| policy.decide_for(g.agency, *role, *cat, *owner).allowed);
                    if !readable {
                        dead.push(format!("{}: {}/{} writes {cat}", r.id, g.agency, role));
                    }
                }
            }
        }
    }
    assert!(
        dead.is_empty(),
        "rows that may write what they may not read: {dead:#?}"
    );
}

#[test]
fn route_permissions_are_read_off_the_catalogue() {
    use Agency::*;
    use Role::*;
    assert!(allowed(Nte, TripPlanner, Permission::ApproveTrips));
    assert!(!allowed(Police, TripPlanner, Permission::ApproveTrips));
    assert!(!allowed(
        Migrationsverket,
        TripPlanner,
        Permission::AppendEvent
    ));
    assert!(!allowed(Nte, DetentionStaff, Permission::AppendEvent));
    assert!(allowed(
        Migrationsverket,
        DetentionStaff,
        Permission::AppendEvent
    ));
    assert!(allowed(Oversight, LegalOfficer, Permission::ManageUsers));
    assert!(!allowed(Oversight, LegalOfficer, Permission::EditMatrix));
    assert!(!allowed(Oversight, CaseOfficer, Permission::AppendEvent));
}

/// A condition's code is its JSON name, and its text is in both catalogues.
#[test]
fn every_condition_has_its_code_and_a_text_in_both_languages() {
    for c in Condition::ALL {
        assert_eq!(
            serde_json::to_value(c).unwrap(),
            serde_json::Value::String(c.code().into())
        );
        for lang in opcentrum_text::Lang::ALL {
            assert!(!c.text(lang).is_empty(), "{}: {c:?}", lang.code());
        }
    }
    assert_eq!(
        Condition::Responsible.text_sv(),
        "din myndighet måste ansvara för ärendet"
    );
}
