//! The case page's action forms and the registration page, through the real
//! server: each form posted as a role the catalogue allows (the event is in
//! the history) and as one it refuses (the answer keeps what was typed and
//! names the field and the rule in the reader's language); a two-person
//! action awaits its second legal officer; a new case gets the next free
//! number, two at once two different numbers.

use crate::{
    helpers::{TestApp, json, token},
    seed::{self, Story},
};
use opcentrum_access::Role;
use opcentrum_domain::Agency::{self, *};
use serde_json::{Value, json};

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Posts a page form as a principal (a bearer token has no session to
/// forge, so no CSRF token is needed); returns status, Location and body.
async fn post_form(
    app: &TestApp,
    agency: Agency,
    role: Role,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let resp = client()
        .post(format!("{}{path}", app.base))
        .bearer_auth(token(agency, role))
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields)
                .finish(),
        )
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let location = resp
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, location, resp.text().await.unwrap())
}

async fn page(app: &TestApp, agency: Agency, role: Role, path: &str) -> (u16, String) {
    let resp = client()
        .get(format!("{}{path}", app.base))
        .bearer_auth(token(agency, role))
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

async fn case(app: &TestApp, id: &str) -> Value {
    let (status, body) = json(
        app.get(Migrationsverket, &format!("/api/cases/{id}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn kinds(case: &Value) -> Vec<String> {
    case["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn the_case_page_offers_the_catalogues_actions_and_records_finality_and_detention() {
    let app = TestApp::sqlite().await;
    seed::reference_data(&app).await;
    seed::load(&app, vec![Story::new("UT-2026-000101")]).await;
    let id = "UT-2026-000101";

    let (status, html) = page(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{id}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-action="decision_final""#), "{html}");
    assert!(!html.contains(r#"data-action="planned""#));
    assert!(!html.contains(r#"data-action="unplanned""#));
    // The field's label, its help and the statute, in Swedish.
    assert!(html.contains("Dag för laga kraft"));
    assert!(html.contains("Dag då beslutet vann laga kraft."));

    // Refused by the catalogue: NTE does not record finality. What was typed is kept.
    let path = format!("/cases/{id}/actions/decision_final");
    let (status, _, html) = post_form(
        &app,
        Nte,
        Role::CaseOfficer,
        &path,
        &[
            ("expected_version", "1"),
            ("f.final_on", "2026-10-22"),
            ("note", "kvar-efter-nej"),
        ],
    )
    .await;
    assert_eq!(status, 403, "{html}");
    assert!(html.contains("Åtgärden registrerades inte"), "{html}");
    assert!(html.contains(r#"value="2026-10-22""#));
    assert!(html.contains(r#"value="kvar-efter-nej""#));
    assert!(!html.contains("Det gick inte"));
    assert_eq!(kinds(&case(&app, id).await), vec!["registered"]);

    // Allowed: recorded, and the page says so.
    let (status, location, _) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &path,
        &[("expected_version", "1"), ("f.final_on", "2026-10-22")],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(
        location,
        format!("/cases/{id}?recorded=decision_final#actions")
    );
    let c = case(&app, id).await;
    assert_eq!(kinds(&c), vec!["registered", "decision_final"]);
    let version = c["version"].as_u64().unwrap().to_string();

    // The confirmation by someone other than who recorded it.
    let (status, html) = page(
        &app,
        Migrationsverket,
        Role::OperationsLead,
        &format!("/cases/{id}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-action="finality_confirmed""#));
    let (status, _, html) = post_form(
        &app,
        Migrationsverket,
        Role::OperationsLead,
        &format!("/cases/{id}/actions/finality_confirmed"),
        &[
            ("expected_version", version.as_str()),
            ("f.final_on", "2026-10-22"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{html}");
    let c = case(&app, id).await;
    assert_eq!(
        kinds(&c).last().map(String::as_str),
        Some("finality_confirmed")
    );
    let version = c["version"].as_u64().unwrap().to_string();

    // A bad field: named, in Swedish, with what was typed.
    let dpath = format!("/cases/{id}/actions/detention_started");
    let (status, _, html) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &dpath,
        &[
            ("expected_version", version.as_str()),
            ("f.facility", "F-UNIT"),
            ("f.basis", "enforcement"),
            ("f.started_at", "igår"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("Började: måste vara en tidpunkt"), "{html}");
    assert!(html.contains(r#"data-field="started_at""#));
    assert!(html.contains(r#"value="igår""#));
    assert!(html.contains(r#"value="F-UNIT""#));

    // The detention starts; the page counts the limit down.
    let (status, _, html) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &dpath,
        &[
            ("expected_version", version.as_str()),
            ("f.facility", "F-UNIT"),
            ("f.basis", "enforcement"),
            ("f.started_at", "2026-12-08T09:30"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{html}");
    let c = case(&app, id).await;
    assert_eq!(
        kinds(&c).last().map(String::as_str),
        Some("detention_started")
    );
    let (_, html) = page(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{id}"),
    )
    .await;
    assert!(html.contains("data-days-left="), "{html}");
    assert!(html.contains(r#"data-action="detention_extended""#));
    assert!(html.contains(r#"data-action="detention_ended""#));

    // A stale version: the law's 409, in Swedish, the form kept.
    let (status, _, html) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{id}/actions/detention_reviewed"),
        &[("expected_version", "1"), ("f.at", "2026-12-08T11:00")],
    )
    .await;
    assert_eq!(status, 409, "{html}");
    assert!(html.contains(r#"value="2026-12-08T11:00""#));
    assert!(html.contains("Tillbaka till ärendet"));

    // The board links each row's actions to the case page's form.
    let (_, board) = page(&app, Migrationsverket, Role::CaseOfficer, "/detention").await;
    assert!(
        board.contains(&format!(
            "/cases/{id}?action=detention_extended#action-detention_extended"
        )),
        "{board}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn lifting_a_stay_awaits_a_second_legal_officer() {
    let app = TestApp::sqlite().await;
    seed::reference_data(&app).await;
    let id = "UT-2026-000102";
    seed::load(
        &app,
        vec![Story::new(id).final_().then(
            Migrationsverket,
            json!({"type": "impediment_lodged", "impediment": "IMP-9", "kind": "stay", "lodged_on": "2026-11-01"}),
        )],
    )
    .await;
    let version = case(&app, id).await["version"]
        .as_u64()
        .unwrap()
        .to_string();
    let (_, html) = page(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{id}"),
    )
    .await;
    // The open stay's id is filled in.
    assert!(html.contains(r#"value="IMP-9""#), "{html}");
    let (status, location, html) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{id}/actions/impediment_lifted.stay"),
        &[
            ("expected_version", version.as_str()),
            ("f.impediment", "IMP-9"),
            ("f.lifted_on", "2026-12-07"),
        ],
    )
    .await;
    assert_eq!(status, 303, "{html}");
    let (_, html) = page(&app, Migrationsverket, Role::CaseOfficer, &location).await;
    assert!(
        html.contains("väntar på godkännande av en andra jurist"),
        "{html}"
    );
    assert!(!kinds(&case(&app, id).await).contains(&"impediment_lifted".to_owned()));
    app.cleanup().await;
}

#[tokio::test]
async fn registering_on_the_page_gets_the_next_free_number_and_a_refusal_keeps_the_form() {
    let app = TestApp::sqlite().await;
    seed::load(&app, vec![Story::new("UT-2026-000001")]).await;
    let fields = |decided_by: &'static str| {
        vec![
            ("f.person.id", "P-NEW-1"),
            ("f.person.given_name", "Nyregistrerad"),
            ("f.person.family_name", "Syntetisk"),
            ("f.person.birth_date", "1991-02-03"),
            ("f.person.sex", "M"),
            ("f.person.citizenship", "iq"),
            ("f.person.dossier_number", "9-000777"),
            ("f.decision.kind", "refusal_of_entry"),
            ("f.decision.decided_by", decided_by),
            ("f.decision.decided_on", "2026-11-30"),
            ("f.decision.notified_on", "2026-11-30"),
            ("f.destination", "IQ"),
        ]
    };
    let (status, html) = page(&app, Migrationsverket, Role::CaseOfficer, "/cases/new").await;
    assert_eq!(status, 200);
    assert!(html.contains("Beslutande"));
    let (status, _) = page(&app, Nte, Role::TripPlanner, "/cases/new").await;
    assert_eq!(status, 403);

    // The Police register only their own decisions: refused, the field named, the values kept.
    let (status, _, html) = post_form(
        &app,
        Police,
        Role::CaseOfficer,
        "/cases/new",
        &fields("migrationsverket"),
    )
    .await;
    assert_eq!(status, 403, "{html}");
    assert!(
        html.contains(r#"data-field="decision.decided_by""#),
        "{html}"
    );
    assert!(html.contains(r#"value="Nyregistrerad""#));

    let (status, location, html) = post_form(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        "/cases/new",
        &fields("migrationsverket"),
    )
    .await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(location, "/cases/UT-2026-000002?recorded=registered");

    // Two registrations at once through the API, without a case id.
    let mut body = crate::helpers::registration("x");
    body.as_object_mut().unwrap().remove("case_id");
    let (a, b) = tokio::join!(
        app.post(Migrationsverket, "/api/cases", &body).send(),
        app.post(Migrationsverket, "/api/cases", &body).send(),
    );
    let (sa, a) = json(a.unwrap()).await;
    let (sb, b) = json(b.unwrap()).await;
    assert_eq!((sa, sb), (201, 201), "{a} {b}");
    let mut ids = vec![
        a["id"].as_str().unwrap().to_owned(),
        b["id"].as_str().unwrap().to_owned(),
    ];
    ids.sort();
    assert_eq!(ids, vec!["UT-2026-000003", "UT-2026-000004"]);
    app.cleanup().await;
}

/// UtlL 10 kap. 3 §: on a child's case page the detention form offers the
/// family's open members, and a child and its only guardian are detained in
/// one write from the page (alone, each is refused).
#[tokio::test]
async fn a_child_and_its_guardian_are_detained_together_from_the_page() {
    let app = TestApp::sqlite().await;
    let member = |id: &str, birth: &'static str| {
        let reg = seed::Reg {
            family: Some("FAM-PAGE".into()),
            birth_date: birth,
            ..seed::Reg::plain()
        };
        Story::with(id, reg, seed::T0).final_()
    };
    let kid = member("UT-2026-000201", "2015-02-02").then(
        Migrationsverket,
        json!({"type": "guardians_recorded", "guardians": ["UT-2026-000202"], "unaccompanied": false}),
    );
    let parent = member("UT-2026-000202", "1985-02-02");
    seed::load(&app, vec![kid, parent]).await;
    seed::reference_data(&app).await;
    let (kid, parent) = ("UT-2026-000201", "UT-2026-000202");
    let (status, html) = page(
        &app,
        Migrationsverket,
        Role::CaseOfficer,
        &format!("/cases/{kid}"),
    )
    .await;
    assert_eq!(status, 200);
    let form_at = html
        .find(r#"data-action="detention_started""#)
        .expect("detention form");
    let form = &html[form_at..];
    let field = format!("name=\"together.{parent}\"");
    assert!(form.contains(&field), "the guardian is offered: {form}");
    let kv = case(&app, kid).await["version"]
        .as_u64()
        .unwrap()
        .to_string();
    let pv = case(&app, parent).await["version"]
        .as_u64()
        .unwrap()
        .to_string();
    let detain = [
        ("f.facility", "F-UNIT"),
        ("f.basis", "enforcement"),
        ("f.started_at", "2026-12-08T09:30"),
    ];
    let path = format!("/cases/{kid}/actions/detention_started");
    // Alone: refused, with the rule, and the form kept.
    let mut alone = vec![("expected_version", kv.as_str())];
    alone.extend(detain);
    let (status, _, html) =
        post_form(&app, Migrationsverket, Role::CaseOfficer, &path, &alone).await;
    let refusal = html
        .find(r#"class="refusal""#)
        .map(|at| &html[at..(at + 1200).min(html.len())])
        .unwrap_or("no refusal shown");
    assert_eq!(status, 409, "{refusal}");
    assert!(refusal.contains("10 kap. 3 §"), "{refusal}");
    // Together: both detained in the same facility.
    let key = format!("together.{parent}");
    let mut both = alone.clone();
    both.push((key.as_str(), pv.as_str()));
    let (status, location, html) =
        post_form(&app, Migrationsverket, Role::CaseOfficer, &path, &both).await;
    assert_eq!(status, 303, "{html}");
    assert!(
        location.contains("recorded=detention_started"),
        "{location}"
    );
    for id in [kid, parent] {
        assert_eq!(
            kinds(&case(&app, id).await).last().map(String::as_str),
            Some("detention_started"),
            "{id}"
        );
    }
    app.cleanup().await;
}

/// A page form's field refused reads Swedish on a Swedish page: the trip
/// offer's date and the report's period name the field and say why in
/// Swedish; the API's English stays in `detail`.
#[tokio::test]
async fn a_refused_page_field_says_why_in_swedish() {
    let app = TestApp::sqlite().await;
    let (s, _, html) = post_form(
        &app,
        Nte,
        Role::TripPlanner,
        "/trips/offers",
        &[
            ("id", "C-T-1"),
            ("kind", "charter"),
            ("destination", "IQ"),
            ("date", "14/12"),
            ("seats", "40"),
        ],
    )
    .await;
    assert_eq!(s, 422, "{html}");
    assert!(
        html.contains("date: inte ett datum (ÅÅÅÅ-MM-DD): 14/12"),
        "{html}"
    );
    assert!(!html.contains("not a date"), "{html}");
    let (s, html) = page(
        &app,
        Migrationsverket,
        Role::OperationsLead,
        "/reports/file?from=2026-12-01&to=2026-11-01&format=html",
    )
    .await;
    assert_eq!(s, 422, "{html}");
    assert!(
        html.contains("to: 2026-11-01 ligger före från och med (2026-12-01)"),
        "{html}"
    );
    app.cleanup().await;
}
