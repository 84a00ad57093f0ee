//! A trip's crew (issues 14, 15): NTE records the forced-return monitor and
//! the medical staff (`PUT /api/trips/{id}/crew`, the manifest page's form),
//! the manifest shows them or "not recorded", a bad input names its field
//! and stores nothing, other agencies are refused, and `executed` on a
//! charter waits for the monitoring body to be notified (rule
//! `ForcedReturnMonitor`).

use crate::helpers::{TestApp, get_json as get, json, page_ok as html};
use crate::seed::{DEPARTED_ON, EARLY, Reg, Story, audit_after, audit_head, load, reference_data};
use crate::trips::{PLANNER, form, offer_flight, post, ready_case};
use opcentrum_access::Role;
use opcentrum_domain::{
    Agency,
    ids::{CaseId, TripId},
    person::Sex,
    trip::{TripKind, TripOffer},
};
use serde_json::{Value, json};

async fn put(app: &TestApp, who: (Agency, Role), path: &str, body: Value) -> (u16, Value) {
    json(
        app.client
            .put(format!("{}{path}", app.base))
            .bearer_auth(crate::helpers::token(who.0, who.1))
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Two ready persons on the scheduled flight S-IQ-1, approved: the trip is
/// in the plan in force.
async fn approved_trip(app: &TestApp) {
    for (id, sex) in [("UT-A", Sex::M), ("UT-B", Sex::F)] {
        ready_case(app, id, sex, false).await;
    }
    offer_flight(app).await;
    let (s, p) = post(
        app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_days": 14, "time_limit_seconds": 5 }),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    let id = p["id"].as_str().unwrap();
    let (s, b) = post(
        app,
        PLANNER,
        &format!("/api/trips/proposals/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
}

fn full_crew() -> Value {
    json!({
        "monitor": {
            "body": "Migrationsverket",
            "notified_on": "2026-12-07",
            "attendance": {"kind": "attending", "organisation": "Migrationsverket", "name": "Observatör Testsson"}
        },
        "medical_staff": [{"role": "nurse", "name": "Syster Exempelsdotter"}, {"role": "doctor"}]
    })
}

#[tokio::test]
async fn the_crew_is_recorded_shown_on_the_manifest_and_audited() {
    let app = TestApp::sqlite().await;
    approved_trip(&app).await;
    // Nothing recorded: the manifest says so plainly.
    let (s, m) = get(&app, PLANNER, "/api/trips/S-IQ-1/manifest").await;
    assert_eq!(s, 200, "{m}");
    assert_eq!(m["crew"], Value::Null);
    let page = html(&app, PLANNER, "/trips/S-IQ-1/manifest").await;
    assert_eq!(page.matches("Inte registrerat").count(), 2, "{page}");
    assert!(page.contains("action=\"/trips/S-IQ-1/crew\""), "the form");

    let head = audit_head(&app).await;
    let (s, r) = put(&app, PLANNER, "/api/trips/S-IQ-1/crew", full_crew()).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["version"], 1);
    assert_eq!(r["recorded_by"], "nte.trip_planner");
    let records = audit_after(&app, "nte.trip_planner", head).await;
    assert!(
        records.iter().any(|r| r.entry.purpose == "trip crew S-IQ-1"
            && r.entry.action == opcentrum_access::audit::AuditAction::Write),
        "a write record for the crew"
    );

    let (_, m) = get(&app, PLANNER, "/api/trips/S-IQ-1/manifest").await;
    assert_eq!(m["crew"]["monitor"]["body"], "Migrationsverket");
    assert_eq!(
        m["crew"]["monitor"]["attendance"]["name"],
        "Observatör Testsson"
    );
    assert_eq!(m["crew"]["medical_staff"].as_array().unwrap().len(), 2);
    assert_eq!(m["crew"]["medical_staff"][1]["role"], "doctor");
    let page = html(&app, PLANNER, "/trips/S-IQ-1/manifest").await;
    assert!(
        page.contains("2: Sjuksköterska (Syster Exempelsdotter), Läkare"),
        "{page}"
    );
    assert!(
        page.contains("Migrationsverket, underrättat 2026-12-07 — deltar: Observatör Testsson (Migrationsverket)"),
        "{page}"
    );
    let en = app
        .get_as(PLANNER.0, PLANNER.1, "/trips/S-IQ-1/manifest")
        .header("accept", "text/html")
        .header("cookie", "opc_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        en.contains("2: Nurse (Syster Exempelsdotter), Doctor"),
        "{en}"
    );
    // The PDF carries the same facts ("Läkare" as WinAnsi bytes, ä = E4).
    let pdf = app
        .get_as(PLANNER.0, PLANNER.1, "/trips/S-IQ-1/manifest.pdf")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&pdf).to_lowercase();
    assert!(text.contains("4ce46b617265"), "Läkare in the PDF");

    // The page's form replaces the record: the monitor declined, no staff.
    let r = form(
        &app,
        PLANNER,
        "/trips/S-IQ-1/crew",
        "attendance=declined&body=Migrationsverket&notified_on=2026-12-06&organisation=&name=&medical_role_0=&medical_name_0=",
    )
    .send()
    .await
    .unwrap();
    assert!(
        r.status().is_redirection() || r.status() == 200,
        "{}",
        r.status()
    );
    let (_, m) = get(&app, PLANNER, "/api/trips/S-IQ-1/manifest").await;
    assert_eq!(m["crew"]["monitor"]["attendance"]["kind"], "declined");
    assert_eq!(m["crew"]["medical_staff"], json!([]));
    let page = html(&app, PLANNER, "/trips/S-IQ-1/manifest").await;
    assert!(page.contains("avböjde att delta"), "{page}");
    assert!(page.contains("<dd>Ingen</dd>"), "{page}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_bad_crew_names_its_field_and_nothing_is_stored() {
    let app = TestApp::sqlite().await;
    approved_trip(&app).await;
    let trip = TripId::parse("S-IQ-1").unwrap();
    let mut future = full_crew();
    future["monitor"]["notified_on"] = json!("2026-12-20");
    let mut no_name = full_crew();
    no_name["monitor"]["attendance"]["name"] = json!(" ");
    let mut surgeon = full_crew();
    surgeon["medical_staff"][0]["role"] = json!("surgeon");
    for (body, field) in [
        (future, "monitor.notified_on"),
        (no_name, "monitor.attendance.name"),
        (surgeon, "medical_staff[0].role"),
    ] {
        let (s, p) = put(&app, PLANNER, "/api/trips/S-IQ-1/crew", body).await;
        assert!((400..500).contains(&s), "{s} {p}");
        let named = p["errors"][0]["field"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            named.contains(field) || p.to_string().contains(field),
            "{field}: {p}"
        );
        assert_eq!(app.store.trip_crew(&trip).await.unwrap(), None, "{field}");
    }
    // The page's form names the field too.
    let r = form(
        &app,
        PLANNER,
        "/trips/S-IQ-1/crew",
        "attendance=attending&body=Migrationsverket&notified_on=2026-12-07&organisation=Migrationsverket&name=",
    )
    .header("accept", "text/html")
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-field=\"monitor.attendance.name\""));
    // In the reader's language (Swedish by default), not the API's English.
    assert!(html.contains("får inte vara tomt"), "{html}");
    // A field the form itself cannot read says why in Swedish too.
    let r = form(
        &app,
        PLANNER,
        "/trips/S-IQ-1/crew",
        "attendance=attending&body=Migrationsverket&notified_on=7/12&organisation=Migrationsverket&name=Ann",
    )
    .header("accept", "text/html")
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("data-field=\"monitor.notified_on\""),
        "{html}"
    );
    assert!(html.contains("ett datum, ÅÅÅÅ-MM-DD"), "{html}");
    assert_eq!(app.store.trip_crew(&trip).await.unwrap(), None);
    // A trip not in the plan in force: 404, and the attempt audited.
    let head = audit_head(&app).await;
    let (s, _) = put(&app, PLANNER, "/api/trips/C-NONE/crew", full_crew()).await;
    assert_eq!(s, 404);
    let refused: Vec<_> = audit_after(&app, "nte.trip_planner", head)
        .await
        .into_iter()
        .filter(|r| r.entry.action == opcentrum_access::audit::AuditAction::Refused)
        .collect();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(
        refused[0].entry.purpose.contains("C-NONE"),
        "{:?}",
        refused[0].entry
    );
    app.cleanup().await;
}

#[tokio::test]
async fn other_agencies_may_not_record_a_crew() {
    let app = TestApp::sqlite().await;
    approved_trip(&app).await;
    for who in [
        (Agency::Police, Role::TripPlanner),
        (Agency::Migrationsverket, Role::CaseOfficer),
        (Agency::Nte, Role::CaseOfficer),
    ] {
        let (s, p) = put(&app, who, "/api/trips/S-IQ-1/crew", full_crew()).await;
        assert_eq!(s, 403, "{who:?} {p}");
        assert!(p["detail"].as_str().unwrap().contains("trips.crew"), "{p}");
    }
    // The police's trip planner still reads the manifest, without the form.
    let page = html(
        &app,
        (Agency::Police, Role::TripPlanner),
        "/trips/S-IQ-1/manifest",
    )
    .await;
    assert!(!page.contains("action=\"/trips/S-IQ-1/crew\""));
    assert_eq!(
        app.store
            .trip_crew(&TripId::parse("S-IQ-1").unwrap())
            .await
            .unwrap(),
        None
    );
    app.cleanup().await;
}

async fn executed(app: &TestApp, case: &str, trip: &str) -> (u16, Value) {
    let version = app
        .store
        .case(&CaseId::parse(case).unwrap())
        .await
        .unwrap()
        .unwrap()
        .version;
    json(
        app.post_as(
            Agency::Nte,
            Role::CaseOfficer,
            &format!("/api/cases/{case}/events"),
            &json!({"expected_version": version,
                    "event": {"type": "executed", "trip": trip, "on": "2026-12-07"}}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await
}

#[tokio::test]
async fn executed_on_a_charter_waits_for_the_monitoring_body() {
    let app = TestApp::sqlite().await;
    reference_data(&app).await;
    for (id, kind) in [
        ("C-UNMON", TripKind::Charter),
        ("S-UNMON", TripKind::Scheduled),
    ] {
        app.store
            .put_trip_offer(&TripOffer {
                id: TripId::parse(id).unwrap(),
                kind,
                destination: opcentrum_domain::Country::parse("IQ").unwrap(),
                date: DEPARTED_ON.parse().unwrap(),
                seats: 10,
                quota: (kind == TripKind::Charter).then_some(10),
                cost: 1,
            })
            .await
            .unwrap();
    }
    load(
        &app,
        vec![
            Story::with("UT-M-1", Reg::plain(), EARLY).planned("C-UNMON", DEPARTED_ON),
            Story::with("UT-M-2", Reg::plain(), EARLY).planned("S-UNMON", DEPARTED_ON),
        ],
    )
    .await;
    let (s, p) = executed(&app, "UT-M-1", "C-UNMON").await;
    assert_eq!(s, 409, "{p}");
    assert_eq!(p["rule"], "forced_return_monitor");
    assert_eq!(p["statute"], "direktiv 2008/115/EG art. 8.6");
    assert!(
        p["detail"].as_str().unwrap().contains("monitoring body"),
        "{p}"
    );
    // A scheduled flight is not conditioned (docs/legal-rules.md).
    let (s, p) = executed(&app, "UT-M-2", "S-UNMON").await;
    assert_eq!(s, 201, "{p}");
    // Notified after the departure: still refused.
    let audit = |purpose: &str| opcentrum_access::audit::AuditEntry {
        at: jiff::Timestamp::UNIX_EPOCH,
        request_id: "t".into(),
        user: "t".into(),
        agency: "nte".into(),
        role: "trip_planner".into(),
        action: opcentrum_access::audit::AuditAction::Write,
        case: None,
        categories: vec![],
        legal_basis: vec![],
        purpose: purpose.into(),
    };
    let mut crew: opcentrum_domain::crew::TripCrew = serde_json::from_value(full_crew()).unwrap();
    if let Some(m) = &mut crew.monitor {
        m.notified_on = "2026-12-06".parse().unwrap();
    }
    let trip = TripId::parse("C-UNMON").unwrap();
    let now = jiff::Timestamp::UNIX_EPOCH;
    app.store
        .put_trip_crew(&trip, &crew, "t", audit("late"), now)
        .await
        .unwrap();
    let (s, p) = executed(&app, "UT-M-1", "C-UNMON").await;
    assert_eq!(
        (s, p["rule"].as_str()),
        (409, Some("forced_return_monitor")),
        "{p}"
    );
    // Notified by the departure day: executed.
    if let Some(m) = &mut crew.monitor {
        m.notified_on = DEPARTED_ON.parse().unwrap();
    }
    app.store
        .put_trip_crew(&trip, &crew, "t", audit("in time"), now)
        .await
        .unwrap();
    let (s, p) = executed(&app, "UT-M-1", "C-UNMON").await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["stage"], "executed");
    app.cleanup().await;
}
