//! Children through the API (issue 14): UtlL (2005:716) 10 kap. 3 § (a child
//! is not separated from both guardians by detention), Return Directive
//! 2008/115/EC art. 10.2 / UtlL 12 kap. 3 a § (an unaccompanied child is
//! planned only once its reception is arranged), and a member who leaves the
//! family by a recorded decision (`family_left`, UtlL 1 kap. 10 §).

use crate::helpers::TestApp;
use crate::seed::reference_data;
use crate::trips::{PLANNER, post, ready_member, stage};
use jiff::civil::date;
use opcentrum_access::Role;
use opcentrum_domain::{Agency, Stage, ids::CaseId, person::Sex};
use serde_json::{Value, json};

const MV_OFFICER: (Agency, Role) = (Agency::Migrationsverket, Role::CaseOfficer);

async fn version(app: &TestApp, id: &CaseId) -> u64 {
    app.store.case(id).await.unwrap().unwrap().version
}

async fn event(app: &TestApp, who: (Agency, Role), id: &CaseId, event: Value) -> (u16, Value) {
    let v = version(app, id).await;
    post(
        app,
        who,
        &format!("/api/cases/{id}/events"),
        json!({"expected_version": v, "event": event}),
    )
    .await
}

async fn flight(app: &TestApp, id: &str, day: &str, seats: u32) {
    let (s, b) = post(
        app,
        PLANNER,
        "/api/trips/offers",
        json!({
            "id": id, "kind": "scheduled", "destination": "IQ", "date": day,
            "seats": seats, "quota": null, "cost": 7000
        }),
    )
    .await;
    assert_eq!(s, 201, "{b}");
}

async fn propose(app: &TestApp) -> Value {
    let (s, p) = post(
        app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_start": "2026-12-09", "horizon_days": 14, "time_limit_seconds": 5 }),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    p
}

fn planned_ids(p: &Value) -> Vec<String> {
    let mut v: Vec<String> = p["body"]["plan"]["trips"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["persons"].as_array().unwrap().clone())
        .map(|x| x.as_str().unwrap().to_owned())
        .collect();
    v.sort();
    v
}

fn trip_of(p: &Value, person: &str) -> Option<String> {
    p["body"]["plan"]["trips"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["persons"].as_array().unwrap().iter().any(|x| x == person))
        .map(|t| t["trip"].as_str().unwrap().to_owned())
}

async fn approve(app: &TestApp, p: &Value) {
    let (s, r) = post(
        app,
        PLANNER,
        &format!("/api/trips/proposals/{}/approve", p["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
}

/// A family is proposed and approved together; in another family a member
/// who is not ready holds the family back until a recorded decision
/// (`family_left`) parts them, after which the other is planned apart.
#[tokio::test]
async fn a_family_travels_together_and_a_member_leaves_it_only_by_a_recorded_decision() {
    let app = TestApp::sqlite().await;
    let birth = date(1988, 4, 4);
    let a = ready_member(&app, "UT-FAM-A", Sex::M, false, birth, Some("FAM-T-1")).await;
    let b = ready_member(&app, "UT-FAM-B", Sex::F, false, birth, Some("FAM-T-1")).await;
    let x = ready_member(&app, "UT-FAM-X", Sex::M, false, birth, Some("FAM-T-2")).await;
    let y = ready_member(&app, "UT-FAM-Y", Sex::F, false, birth, Some("FAM-T-2")).await;
    flight(&app, "S-IQ-1", "2026-12-12", 2).await;
    flight(&app, "S-IQ-2", "2026-12-14", 2).await;
    // Y is not ready: an impediment (UtlL 12 kap. 18 §).
    let (s, r) = event(
        &app,
        (Agency::Police, Role::CaseOfficer),
        &y,
        json!({"type": "impediment_lodged", "impediment": "IMP-Y", "kind": "impediment", "lodged_on": "2026-12-01"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");

    let p = propose(&app).await;
    assert_eq!(planned_ids(&p), vec![a.to_string(), b.to_string()], "{p}");
    assert_eq!(trip_of(&p, a.as_str()), trip_of(&p, b.as_str()), "together");
    let held = p["body"]["held_back"]
        .as_array()
        .unwrap_or_else(|| panic!("held_back: {p}"))
        .iter()
        .find(|u| u["person"] == x.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("{x} is held back with its family: {p}"));
    assert_eq!(held["reason"], "family_not_ready", "{held}");
    approve(&app, &p).await;
    assert_eq!(stage(&app, &a).await, Stage::Planned);
    assert_eq!(stage(&app, &b).await, Stage::Planned);
    assert_eq!(stage(&app, &x).await, Stage::TransportRequested);

    // Y leaves the family by a recorded decision (its reference is required).
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &y,
        json!({"type": "family_left", "decision": "  "}),
    )
    .await;
    assert_eq!(s, 422, "{r}");
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &y,
        json!({"type": "family_left", "decision": "synthetic: Migrationsverket 2026-12-02, separate decision"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    let p = propose(&app).await;
    // X is planned apart from Y (A and B, already planned, stay on their trip).
    let ids = planned_ids(&p);
    assert!(ids.contains(&x.to_string()), "{p}");
    assert!(!ids.contains(&y.to_string()), "{p}");
    approve(&app, &p).await;
    assert_eq!(stage(&app, &x).await, Stage::Planned);
    assert_eq!(stage(&app, &y).await, Stage::TransportRequested);
    app.cleanup().await;
}

/// Return Directive art. 10.2 (UtlL 12 kap. 3 a §): an unaccompanied child is
/// left out of the proposal until its reception is arranged, then planned.
#[tokio::test]
async fn an_unaccompanied_child_is_planned_only_once_reception_is_arranged_art_10_2() {
    let app = TestApp::sqlite().await;
    let k = ready_member(&app, "UT-UAM-1", Sex::M, false, date(2012, 5, 5), None).await;
    flight(&app, "S-IQ-1", "2026-12-12", 2).await;
    // The police may not record guardians; Migrationsverket's case officer may.
    let unaccompanied =
        json!({"type": "guardians_recorded", "guardians": [], "unaccompanied": true});
    let (s, r) = event(
        &app,
        (Agency::Police, Role::CaseOfficer),
        &k,
        unaccompanied.clone(),
    )
    .await;
    assert_eq!(s, 403, "{r}");
    let (s, r) = event(&app, MV_OFFICER, &k, unaccompanied).await;
    assert_eq!(s, 201, "{r}");

    let p = propose(&app).await;
    assert!(planned_ids(&p).is_empty(), "{p}");

    let (s, r) = event(
        &app,
        (Agency::Police, Role::CaseOfficer),
        &k,
        json!({"type": "reception_arranged", "receiver": "reception_facility", "description": "", "confirmed_on": "2026-12-01"}),
    )
    .await;
    assert_eq!(s, 422, "{r}");
    assert!(r.to_string().contains("description"), "{r}");
    let (s, r) = event(
        &app,
        (Agency::Police, Role::CaseOfficer),
        &k,
        json!({"type": "reception_arranged", "receiver": "family_member", "description": "synthetic: an uncle, confirmed through the embassy", "confirmed_on": "2026-12-01"}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    let p = propose(&app).await;
    assert_eq!(planned_ids(&p), vec![k.to_string()], "{p}");
    approve(&app, &p).await;
    assert_eq!(stage(&app, &k).await, Stage::Planned);
    app.cleanup().await;
}

/// UtlL 10 kap. 3 §: a child whose guardians are not recorded, or who would
/// be held without its guardian, is not detained; the last free guardian is
/// not detained while the child stays free; an unaccompanied child only for
/// stated exceptional reasons.
#[tokio::test]
async fn a_child_is_not_separated_from_its_guardians_by_detention_utll_10_3() {
    let app = TestApp::sqlite().await;
    reference_data(&app).await;
    let kid = registered_final(&app, "UT-KID-1", date(2014, 6, 1), Some("FAM-K")).await;
    let parent = registered_final(&app, "UT-PAR-1", date(1984, 6, 1), Some("FAM-K")).await;
    let detain = |reasons: Option<&str>| {
        let mut e = json!({"type": "detention_started", "facility": "F-UNIT", "basis": "enforcement", "started_at": "2026-12-08T07:00:00Z"});
        if let Some(r) = reasons {
            e["exceptional_reasons"] = json!(r);
        }
        e
    };
    let refused = |s: u16, r: &Value| {
        assert_eq!(s, 409, "{r}");
        let text = r.to_string();
        assert!(
            text.contains("child_not_separated") || text.contains("ChildNotSeparated"),
            "{text}"
        );
        assert!(text.contains("10 kap. 3 §"), "{text}");
    };
    let (s, r) = event(&app, MV_OFFICER, &kid, detain(None)).await;
    refused(s, &r);
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &kid,
        json!({"type": "guardians_recorded", "guardians": [parent.as_str()], "unaccompanied": false}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    // Alone: no guardian held with the child.
    let (s, r) = event(&app, MV_OFFICER, &kid, detain(None)).await;
    refused(s, &r);
    // The only guardian, while the child stays free.
    let (s, r) = event(&app, MV_OFFICER, &parent, detain(None)).await;
    refused(s, &r);
    assert!(
        app.store
            .case(&kid)
            .await
            .unwrap()
            .unwrap()
            .detention
            .is_none()
    );
    assert!(
        app.store
            .case(&parent)
            .await
            .unwrap()
            .unwrap()
            .detention
            .is_none()
    );

    // Together, in one write (`together`): the child and its only guardian
    // are detained at once, both or neither.
    let other = registered_final(&app, "UT-OTH-1", date(1980, 1, 1), Some("FAM-O")).await;
    let together = |members: Value| {
        let app = &app;
        let kid = kid.clone();
        async move {
            let v = version(app, &kid).await;
            post(
                app,
                MV_OFFICER,
                &format!("/api/cases/{kid}/events"),
                json!({"expected_version": v, "event": detain(None), "together": members}),
            )
            .await
        }
    };
    let pv = version(&app, &parent).await;
    let kv = version(&app, &kid).await;
    // Not a family member, or an unknown case: one answer naming the field,
    // nothing recorded; a stale member version is a 409.
    for bad in [other.as_str(), "UT-NONE-1", kid.as_str()] {
        let (s, r) = together(json!([{"case": bad, "expected_version": 1}])).await;
        assert_eq!(s, 422, "{bad}: {r}");
        assert_eq!(r["errors"][0]["field"], "together[0].case", "{r}");
    }
    let (s, r) = together(json!([{"case": parent.as_str(), "expected_version": pv + 5}])).await;
    assert_eq!(s, 409, "{r}");
    // Another event than detention_started may not take family members.
    let v = version(&app, &kid).await;
    let (s, r) = post(
        &app,
        MV_OFFICER,
        &format!("/api/cases/{kid}/events"),
        json!({"expected_version": v, "event": {"type": "reception_arranged", "receiver": "family_member", "description": "synthetic", "confirmed_on": "2026-12-01"},
               "together": [{"case": parent.as_str(), "expected_version": pv}]}),
    )
    .await;
    assert_eq!(s, 422, "{r}");
    assert_eq!(r["errors"][0]["field"], "together", "{r}");
    assert_eq!(version(&app, &parent).await, pv, "nothing written");
    assert_eq!(version(&app, &kid).await, kv, "nothing written");
    let (s, r) = together(json!([{"case": parent.as_str(), "expected_version": pv}])).await;
    assert_eq!(s, 201, "{r}");
    for id in [&kid, &parent] {
        let c = app.store.case(id).await.unwrap().unwrap();
        let d = c
            .detention
            .as_ref()
            .unwrap_or_else(|| panic!("{id} detained"));
        assert_eq!(d.facility.as_str(), "F-UNIT", "{id}");
    }
    assert_eq!(r["id"], kid.as_str(), "{r}");

    // An unaccompanied child: only with the exceptional reasons stated.
    let lone = registered_final(&app, "UT-KID-2", date(2013, 1, 1), None).await;
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &lone,
        json!({"type": "guardians_recorded", "unaccompanied": true}),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    let (s, r) = event(&app, MV_OFFICER, &lone, detain(None)).await;
    assert_eq!(s, 422, "{r}");
    assert!(r.to_string().contains("exceptional_reasons"), "{r}");
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &lone,
        detain(Some("synthetic: stated exceptional reasons")),
    )
    .await;
    assert_eq!(s, 201, "{r}");
    app.cleanup().await;
}

/// UtlL 10 kap. 3 §: with the other guardian in Sweden without a case here
/// (`guardian_without_case`, e.g. a parent with a residence permit), the
/// guardian with a case may be detained while the child stays free with the
/// other; without that record it is refused.
#[tokio::test]
async fn a_guardian_is_detained_while_the_child_stays_with_a_guardian_without_a_case() {
    let app = TestApp::sqlite().await;
    reference_data(&app).await;
    let kid = registered_final(&app, "UT-KID-3", date(2016, 6, 1), Some("FAM-P")).await;
    let parent = registered_final(&app, "UT-PAR-3", date(1986, 6, 1), Some("FAM-P")).await;
    let detain = json!({"type": "detention_started", "facility": "F-UNIT", "basis": "enforcement", "started_at": "2026-12-08T07:00:00Z"});
    let record = |without: bool| json!({"type": "guardians_recorded", "guardians": [parent.as_str()], "unaccompanied": false, "guardian_without_case": without});
    let (s, r) = event(&app, MV_OFFICER, &kid, record(false)).await;
    assert_eq!(s, 201, "{r}");
    let (s, r) = event(&app, MV_OFFICER, &parent, detain.clone()).await;
    assert_eq!(s, 409, "{r}");
    assert!(r.to_string().contains("10 kap. 3 §"), "{r}");
    let (s, r) = event(&app, MV_OFFICER, &kid, record(true)).await;
    assert_eq!(s, 201, "{r}");
    let (s, r) = event(&app, MV_OFFICER, &parent, detain).await;
    assert_eq!(s, 201, "{r}");
    assert!(
        app.store
            .case(&kid)
            .await
            .unwrap()
            .unwrap()
            .detention
            .is_none()
    );
    // Unaccompanied and a guardian in Sweden at once: refused, naming the field.
    let lone = registered_final(&app, "UT-KID-4", date(2013, 1, 1), None).await;
    let (s, r) = event(
        &app,
        MV_OFFICER,
        &lone,
        json!({"type": "guardians_recorded", "unaccompanied": true, "guardian_without_case": true}),
    )
    .await;
    assert_eq!(s, 422, "{r}");
    assert!(r.to_string().contains("guardian_without_case"), "{r}");
    app.cleanup().await;
}

/// A case registered by Migrationsverket, final and confirmed by a second person.
async fn registered_final(
    app: &TestApp,
    id: &str,
    birth: jiff::civil::Date,
    family: Option<&str>,
) -> CaseId {
    use opcentrum_domain::{
        Actor, Country, EventKind,
        decision::{Decision, DecisionKind, DecisionMaker},
        ids::{FamilyId, PersonId, UserName},
        person::Person,
    };
    use opcentrum_store::NewEvent;
    let now: jiff::Timestamp = crate::helpers::NOW.parse().unwrap();
    let ev = |kind, user: &str| NewEvent {
        kind,
        actor: Actor {
            user: UserName::parse(user).unwrap(),
            agency: Agency::Migrationsverket,
        },
        reason: Some("synthetic".into()),
        audit: None,
    };
    let case = CaseId::parse(id).unwrap();
    app.store
        .create_case(
            Some(case.clone()),
            ev(
                EventKind::Registered {
                    person: Person {
                        id: PersonId::parse(format!("P-{id}")).unwrap(),
                        given_name: "Testa".into(),
                        family_name: "Syntetisk".into(),
                        birth_date: birth,
                        sex: Sex::F,
                        citizenship: Country::parse("IQ").unwrap(),
                        dossier_number: format!("D-{id}"),
                    },
                    decision: Decision {
                        kind: DecisionKind::Expulsion,
                        decided_by: DecisionMaker::Migrationsverket,
                        decided_on: date(2026, 9, 30),
                        notified_on: Some(date(2026, 9, 30)),
                        final_on: None,
                        departure: None,
                        departure_extended_until: None,
                    },
                    destination: Country::parse("IQ").unwrap(),
                    family: family.map(|f| FamilyId::parse(f).unwrap()),
                    absconding_risk: true,
                },
                "migrationsverket.case_officer",
            ),
            now,
        )
        .await
        .unwrap();
    let final_on = date(2026, 10, 22);
    for (v, kind, user) in [
        (
            1,
            EventKind::DecisionFinal {
                final_on,
                appeal_waived: false,
            },
            "migrationsverket.case_officer",
        ),
        (
            2,
            EventKind::FinalityConfirmed { final_on },
            "migrationsverket.operations_lead",
        ),
    ] {
        app.store
            .append(&case, v, ev(kind, user), now)
            .await
            .unwrap();
    }
    case
}
