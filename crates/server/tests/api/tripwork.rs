//! Trips people can work with: the proposal grouped by trip (counts per trip
//! as the proposal's), left-out persons grouped by reason, a reason asked for
//! leaving someone out, approval only through the confirmation step, and the
//! trip manifest (page, PDF, API) per the reader's role.

use crate::helpers::{TestApp, json};
use crate::seed::{audit_after, audit_head};
use crate::trips::{PLANNER, form, offer_flight, post, ready_case, stage};
use opcentrum_access::Role;
use opcentrum_domain::{Agency, Stage, person::Sex};
use serde_json::{Value, json};

pub(crate) fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[i..][..html[i..].find('"').unwrap()].to_owned()
}

async fn page(app: &TestApp, who: (Agency, Role), path: &str) -> (u16, String) {
    let r = app
        .get_as(who.0, who.1, path)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Three ready persons for a scheduled flight of two seats: a proposal that
/// puts two on the trip and leaves one out (trips full).
async fn three_for_two(app: &TestApp) -> Value {
    for (id, sex) in [("UT-A", Sex::M), ("UT-B", Sex::F), ("UT-C", Sex::M)] {
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
    p
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn the_proposal_is_grouped_by_trip_with_names_and_left_out_by_reason() {
    let app = TestApp::sqlite().await;
    let p = three_for_two(&app).await;
    let id = p["id"].as_str().unwrap();
    let trips = p["body"]["plan"]["trips"].as_array().unwrap();
    assert_eq!(trips.len(), 1, "{p}");
    let on: Vec<&str> = trips[0]["persons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(on.len(), 2);
    // The names come with the body for a reader of identity.
    assert_eq!(p["body"]["names"][on[0]], "Testa Syntetisk");
    let (s, html) = page(&app, PLANNER, &format!("/trips/proposals/{id}")).await;
    assert_eq!(s, 200);
    // One collapsible section per trip, its count the proposal's.
    assert_eq!(count(&html, "<details class=\"trip-group\""), 1);
    assert!(
        html.contains("data-trip=\"S-IQ-1\" data-kind=\"scheduled\" data-persons=\"2\""),
        "{html}"
    );
    assert!(
        html.contains("Reguljärt flyg · Irak · 2026-12-12 · 2 av 2"),
        "{html}"
    );
    for x in &on {
        assert!(html.contains(&format!("<tr data-person=\"{x}\">")), "{x}");
        assert!(html.contains(&format!("href=\"/cases/{x}\">Testa Syntetisk</a> ({x})")));
    }
    // Left out, grouped by reason with the count.
    let unplanned = p["body"]["plan"]["unplanned"].as_array().unwrap();
    assert_eq!(unplanned.len(), 1, "{p}");
    let reason = unplanned[0]["reason"].as_str().unwrap();
    assert!(
        html.contains(&format!("data-reason=\"{reason}\" data-count=\"1\"")),
        "{html}"
    );
    assert!(html.contains("1 personer utan resa, med skäl"));
    // The planner's explanation in Swedish too: no English on the Swedish page.
    // (The test user's own name, `nte.trip_planner`, is data.)
    let text = crate::language::visible_text(&html).replace("nte.trip_planner", " ");
    let words = crate::language::not_swedish(&text);
    assert!(words.is_empty(), "English on the proposal page: {words:?}");
    assert!(
        html.contains("är fulla") || html.contains("Inget flyg"),
        "the Swedish explanation: {html}"
    );
    // In English the country and the kind are English.
    let en = app
        .get_as(PLANNER.0, PLANNER.1, &format!("/trips/proposals/{id}"))
        .header("accept", "text/html")
        .header("cookie", "opc_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        en.contains("Scheduled flight · Iraq · 2026-12-12 · 2 of 2"),
        "{en}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn leaving_someone_out_asks_a_reason_kept_and_audited() {
    let app = TestApp::sqlite().await;
    let p = three_for_two(&app).await;
    let id = p["id"].as_str().unwrap();
    let path = format!("/trips/proposals/{id}/adjust");
    // No reason: the form again, the field named, the choice kept.
    let r = form(&app, PLANNER, &path, "_csrf=&leave_out=UT-A&reason=+++")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("data-field=\"reason\""), "{html}");
    assert!(html.contains("Fältet ”skäl”"), "{html}");
    assert!(
        html.contains("value=\"UT-A\" id=\"lo-UT-A\" checked"),
        "the choice is kept: {html}"
    );
    assert_eq!(
        app.store.proposals(10).await.unwrap().len(),
        1,
        "nothing written"
    );
    // Too long: refused too.
    let long = "x".repeat(501);
    let r = form(
        &app,
        PLANNER,
        &path,
        &format!("_csrf=&leave_out=UT-A&reason={long}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 422);
    assert!(
        r.text().await.unwrap().contains(&long),
        "what was typed is kept"
    );
    let head = audit_head(&app).await;
    let r = form(
        &app,
        PLANNER,
        &path,
        "_csrf=&leave_out=UT-A&reason=Akut+sjukhusvistelse",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let newest = app.store.proposals(1).await.unwrap()[0].clone();
    assert_ne!(newest.id, id);
    let body: opcentrum_app::planning::ProposalBody =
        serde_json::from_value(newest.body.clone()).unwrap();
    assert_eq!(body.left_out.len(), 1);
    assert_eq!(
        body.left_out[0].reason.as_deref(),
        Some("Akut sjukhusvistelse")
    );
    let records = audit_after(&app, "nte.trip_planner", head).await;
    let left = records
        .iter()
        .find(|r| r.entry.case.as_deref() == Some("UT-A") && r.entry.purpose.contains("left out"))
        .expect("an audit record for the person left out");
    assert!(
        left.entry.purpose.contains("Akut sjukhusvistelse"),
        "{:?}",
        left.entry
    );
    assert!(left.entry.purpose.contains(&newest.id));
    app.cleanup().await;
}

#[tokio::test]
async fn approval_is_refused_without_the_confirmation_step_and_works_with_it() {
    let app = TestApp::sqlite().await;
    let p = three_for_two(&app).await;
    let id = p["id"].as_str().unwrap();
    let approve = format!("/trips/proposals/{id}/approve");
    let r = form(&app, PLANNER, &approve, "_csrf=")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("ett godkännande måste bekräftas"), "{html}");
    assert!(html.contains(&format!("/trips/proposals/{id}/confirm")));
    let r = form(&app, PLANNER, &approve, "_csrf=&confirm=0000")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let a = opcentrum_domain::ids::CaseId::parse("UT-A").unwrap();
    assert_eq!(
        stage(&app, &a).await,
        Stage::TransportRequested,
        "nothing approved"
    );
    assert_eq!(
        app.store.proposals(1).await.unwrap()[0].status.code(),
        "pending"
    );
    // The confirmation step: what changes against the plan in force.
    let (s, html) = page(&app, PLANNER, &format!("/trips/proposals/{id}/confirm")).await;
    assert_eq!(s, 200);
    for (code, n) in [
        ("trips", 1),
        ("planned", 2),
        ("newly_planned", 2),
        ("moved", 0),
        ("removed", 0),
    ] {
        let start = html
            .find(&format!("<tr data-count=\"{code}\">"))
            .unwrap_or_else(|| panic!("no row {code}: {html}"));
        let row = &html[start..][..html[start..].find("</tr>").unwrap()];
        assert!(
            row.ends_with(&format!("<td class=\"num\">{n}</td>")),
            "{code}: {row}"
        );
    }
    // A reader who may plan but not approve gets no confirmation step.
    let (s, _) = page(
        &app,
        (Agency::Police, Role::CaseOfficer),
        &format!("/trips/proposals/{id}/confirm"),
    )
    .await;
    assert_eq!(s, 403);
    let token = hidden(&html, "confirm");
    let r = form(&app, PLANNER, &approve, &format!("_csrf=&confirm={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store.proposals(1).await.unwrap()[0].status.code(),
        "approved"
    );
    let planned: Vec<_> = {
        let mut v = Vec::new();
        for x in ["UT-A", "UT-B", "UT-C"] {
            let c = opcentrum_domain::ids::CaseId::parse(x).unwrap();
            if stage(&app, &c).await == Stage::Planned {
                v.push(x);
            }
        }
        v
    };
    assert_eq!(planned.len(), 2);
    app.cleanup().await;
}

#[tokio::test]
async fn the_manifest_shows_each_person_per_role_and_is_audited() {
    let app = TestApp::sqlite().await;
    let p = three_for_two(&app).await;
    let id = p["id"].as_str().unwrap();
    // Before approval the trip is in no plan in force.
    let (s, b) = json(
        app.get_as(PLANNER.0, PLANNER.1, "/api/trips/S-IQ-1/manifest")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 404, "{b}");
    let (s, b) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let head = audit_head(&app).await;
    let (s, m) = json(
        app.get_as(PLANNER.0, PLANNER.1, "/api/trips/S-IQ-1/manifest")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{m}");
    assert_eq!(m["trip"], "S-IQ-1");
    assert_eq!(m["kind"], "scheduled");
    assert_eq!(m["destination"], "IQ");
    assert_eq!(m["departure"], "2026-12-12");
    assert_eq!(m["monitor_seat"], false);
    let persons = m["persons"].as_array().unwrap();
    assert_eq!(persons.len(), 2);
    for x in persons {
        assert_eq!(x["name"], "Testa Syntetisk");
        assert_eq!(x["fit_to_fly"], true);
        assert_eq!(x["fitness_assessed_on"], "2026-12-01");
        assert_eq!(x["document"], "passport");
        assert_eq!(x["document_valid_until"], "2027-06-01");
        assert_eq!(x["withheld"], json!([]));
    }
    let on: Vec<String> = persons
        .iter()
        .map(|x| x["case"].as_str().unwrap().to_owned())
        .collect();
    let records = audit_after(&app, "nte.trip_planner", head).await;
    for x in &on {
        let r = records
            .iter()
            .find(|r| {
                r.entry.case.as_deref() == Some(x.as_str()) && r.entry.purpose == "trip manifest"
            })
            .unwrap_or_else(|| panic!("no audit record for {x}"));
        assert!(
            r.entry
                .categories
                .contains(&opcentrum_access::FieldCategory::Health)
        );
    }
    // The police's trip planner may read a manifest, but not health.
    let (s, m) = json(
        app.get_as(
            Agency::Police,
            Role::TripPlanner,
            "/api/trips/S-IQ-1/manifest",
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{m}");
    for x in m["persons"].as_array().unwrap() {
        assert_eq!(x["name"], "Testa Syntetisk");
        assert_eq!(x["fit_to_fly"], Value::Null);
        assert_eq!(x["fitness_assessed_on"], Value::Null);
        assert_eq!(x["withheld"], json!(["health"]));
        assert_eq!(x["document"], "passport");
    }
    let (s, html) = page(
        &app,
        (Agency::Police, Role::TripPlanner),
        "/trips/S-IQ-1/manifest",
    )
    .await;
    assert_eq!(s, 200);
    assert!(html.contains("Passagerarförteckning S-IQ-1"));
    assert!(
        !html.contains("(2026-12-01)"),
        "no fitness date for a reader without health"
    );
    assert_eq!(count(&html, "<td data-withheld=\"true\">"), 2, "{html}");
    // A role that may not read manifests: 403 naming the catalogue row.
    for path in ["/api/trips/S-IQ-1/manifest", "/trips/S-IQ-1/manifest.pdf"] {
        let (s, b) = json(
            app.get_as(Agency::Migrationsverket, Role::CaseOfficer, path)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 403, "{path}");
        assert!(
            b["detail"].as_str().unwrap().contains("trips.manifest"),
            "{b}"
        );
    }
    // The page as the NTE planner, with names and fitness.
    let (s, html) = page(&app, PLANNER, "/trips/S-IQ-1/manifest").await;
    assert_eq!(s, 200);
    assert!(
        html.contains("<dd>Irak</dd>") && html.contains("<dd>2026-12-12</dd>"),
        "{html}"
    );
    assert!(html.contains("Ja (2026-12-01)"), "{html}");
    assert!(html.contains("Pass — giltig till 2027-06-01"), "{html}");
    assert_eq!(count(&html, "data-withheld"), 0);
    // The PDF.
    let r = app
        .get_as(PLANNER.0, PLANNER.1, "/trips/S-IQ-1/manifest.pdf")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("S-IQ-1"), "the trip id");
    assert!(text.contains("/WinAnsiEncoding"));
    // "Passagerarförteckning" as WinAnsi bytes (ö = F6) in a hex string.
    assert!(
        text.to_lowercase()
            .contains("5061737361676572617266f6727465636b6e696e67")
    );
    app.cleanup().await;
}

/// A proposal does not tell who a criminal court expelled: an adult in
/// enforcement detention has no cap when a criminal court expelled (UtlL 10
/// kap. 4 § tredje st.), so `must_leave_by` — present for one, absent for the
/// other — would tell it to a trip planner, who may not read the criminal
/// record (OSL 35 kap. 1 §). Both are withheld alike; a refusal of entry that
/// is not detained keeps its days.
#[tokio::test]
async fn a_proposal_withholds_planning_days_that_tell_of_the_criminal_record() {
    use crate::seed::{Reg, Story, T0, load, reference_data};
    let app = TestApp::sqlite().await;
    reference_data(&app).await;
    offer_flight(&app).await;
    // Held from the day of finality and reviewed since: two months end inside
    // the horizon for an administrative expulsion; a criminal court's has no
    // cap, so only its next review (past the horizon) binds.
    let detained = |id: &str, reg: Reg| {
        Story::with(id, reg, "2026-10-22T10:00:00Z")
            .final_()
            .then(
                Agency::Migrationsverket,
                json!({"type": "detention_started", "facility": "F-UNIT", "basis": "enforcement", "started_at": "2026-10-22T09:30:00Z"}),
            )
            .at(T0)
            // Reviewed: the next review is two months on, past the horizon.
            .then(
                Agency::Migrationsverket,
                json!({"type": "detention_reviewed", "at": "2026-12-01T09:00:00Z"}),
            )
            .police()
            .documents()
            .transport_asked(true)
            .nte()
    };
    let administrative = Reg {
        kind: "expulsion",
        ..Reg::plain()
    };
    load(
        &app,
        vec![
            detained("UT-CRIME", Reg::crime()),
            detained("UT-ADMIN", administrative),
            Story::new("UT-FREE").transport_requested(),
        ],
    )
    .await;
    let (s, p) = post(
        &app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_days": 14, "time_limit_seconds": 5 }),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    let persons = p["body"]["scenario"]["persons"].as_array().unwrap();
    let of = |id: &str| {
        persons
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {p}"))
    };
    for id in ["UT-CRIME", "UT-ADMIN"] {
        assert_eq!(of(id)["must_leave_by"], "withheld", "{id}: {p}");
        assert_eq!(of(id)["ready_from"], "withheld", "{id}: {p}");
    }
    assert_ne!(of("UT-FREE")["ready_from"], "withheld", "{p}");
    app.cleanup().await;
}
