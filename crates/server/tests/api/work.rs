//! Work lists (issue 15 item 3): each role's tasks on the start page counted
//! over what it may read, the returned handover in the sender's inbox, the
//! case list's search (allowed, refused, audited), sorting and paging both ways.

use crate::helpers::{TestApp, json, registration};
use opcentrum_access::Role;
use opcentrum_domain::Agency;
use reqwest::StatusCode;
use serde_json::json;

async fn post_as(app: &TestApp, agency: Agency, role: Role, path: &str, body: serde_json::Value) {
    let (s, b) = json(app.post_as(agency, role, path, &body).send().await.unwrap()).await;
    assert!(s == 201 || s == 200, "{path}: {s} {b}");
}

async fn event(app: &TestApp, agency: Agency, role: Role, id: &str, v: u64, e: serde_json::Value) {
    post_as(
        app,
        agency,
        role,
        &format!("/api/cases/{id}/events"),
        json!({"expected_version": v, "event": e}),
    )
    .await;
}

/// `n` final cases of Migrationsverket (`UT-1`…); the first two handed to
/// the police, the second given back with a reason.
async fn seed(app: &TestApp, n: usize) {
    let mv = Agency::Migrationsverket;
    for i in 1..=n {
        let id = format!("UT-{i}");
        let mut r = registration(&id);
        r["person"]["family_name"] = json!(format!("Testsson{i}"));
        r["person"]["dossier_number"] = json!(format!("D{:08}", i));
        post_as(app, mv, Role::CaseOfficer, "/api/cases", r).await;
        event(
            app,
            mv,
            Role::CaseOfficer,
            &id,
            1,
            json!({"type": "decision_final", "final_on": "2026-11-23"}),
        )
        .await;
        event(
            app,
            mv,
            Role::OperationsLead,
            &id,
            2,
            json!({"type": "finality_confirmed", "final_on": "2026-11-23"}),
        )
        .await;
    }
    if n < 2 {
        return;
    }
    for id in ["UT-1", "UT-2"] {
        event(app, mv, Role::CaseOfficer, id, 3, json!({"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "coercion_needed"}})).await;
    }
    event(app, Agency::Police, Role::CaseOfficer, "UT-2", 4, json!({"type": "handover_returned", "handover": "H1", "reason": "Adress saknas i underlaget"})).await;
}

async fn page(app: &TestApp, agency: Agency, role: Role, path: &str) -> (StatusCode, String) {
    let resp = app.get_as(agency, role, path).send().await.unwrap();
    (resp.status(), resp.text().await.unwrap())
}

/// The count of a task on the start page, `None` if the role has no such task.
fn task(html: &str, kind: &str) -> Option<u64> {
    let marker = format!("data-task=\"{kind}\" data-count=\"");
    let i = html.find(&marker)? + marker.len();
    html[i..][..html[i..].find('"')?].parse().ok()
}

#[tokio::test]
async fn each_role_sees_its_tasks_counted_over_what_it_may_read() {
    let app = TestApp::sqlite().await;
    seed(&app, 3).await;
    let (s, police) = page(&app, Agency::Police, Role::CaseOfficer, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        task(&police, "accept"),
        Some(1),
        "one handover waits for the police"
    );
    assert_eq!(
        task(&police, "returned"),
        Some(0),
        "the police got none back"
    );
    assert!(
        police.contains("href=\"/inbox\""),
        "the task links to the inbox"
    );

    let (_, mv) = page(&app, Agency::Migrationsverket, Role::CaseOfficer, "/").await;
    assert_eq!(
        task(&mv, "returned"),
        Some(1),
        "the returned handover reaches its sender"
    );
    assert_eq!(
        task(&mv, "accept"),
        None,
        "nothing is handed over to Migrationsverket"
    );
    assert!(mv.contains("href=\"/inbox#returned\""));

    // MV's detention staff do not hand over: no handover tasks, but the detention one.
    let (_, staff) = page(&app, Agency::Migrationsverket, Role::DetentionStaff, "/").await;
    assert_eq!(task(&staff, "returned"), None);
    assert_eq!(task(&staff, "detention_due"), Some(0));

    // NTE's planners: persons to plan and failed attempts; nothing of MV's handovers.
    let (_, nte) = page(&app, Agency::Nte, Role::TripPlanner, "/").await;
    assert_eq!(task(&nte, "ready_to_plan"), Some(0));
    assert_eq!(task(&nte, "failed_attempt"), Some(0));
    assert_eq!(task(&nte, "returned"), None);

    // An agency's auditor reads no cases: no tasks, and no link that would answer 403.
    let (s, auditor) = page(&app, Agency::Migrationsverket, Role::Auditor, "/").await;
    assert_eq!(s, StatusCode::OK);
    assert!(!auditor.contains("data-task="), "no tasks for an auditor");
    assert!(
        !auditor.contains("href=\"/cases"),
        "no case links for an auditor"
    );
    assert!(
        !auditor.contains("href=\"/inbox"),
        "no inbox links for an auditor"
    );
    // Oversight's case officers read no location: no detention task, no detention links.
    let (_, oversight) = page(&app, Agency::Oversight, Role::CaseOfficer, "/").await;
    assert_eq!(task(&oversight, "detention_due"), None);
    assert!(!oversight.contains("href=\"/detention?within"));
    assert!(!oversight.contains("href=\"/cases?detained=true"));
    app.cleanup().await;
}

#[tokio::test]
async fn a_returned_handover_reaches_the_senders_inbox_with_its_reason() {
    let app = TestApp::sqlite().await;
    seed(&app, 2).await;
    let (s, mv) = page(&app, Agency::Migrationsverket, Role::CaseOfficer, "/inbox").await;
    assert_eq!(s, StatusCode::OK);
    let returned = &mv[mv
        .find("table class=\"returned\"")
        .expect("a returned table")..];
    assert!(returned.contains("data-rows=\"1\""), "{returned}");
    assert!(returned.contains("UT-2") && returned.contains("Adress saknas i underlaget"));
    // The receiver no longer has it; the police inbox keeps only UT-1.
    let (_, police) = page(&app, Agency::Police, Role::CaseOfficer, "/inbox").await;
    assert!(
        police.contains("table class=\"inbox\" data-rows=\"1\""),
        "{police}"
    );
    assert!(
        !police.contains("Adress saknas"),
        "the reason is the sender's follow-up"
    );
    // In the API too.
    let (_, api) = json(
        app.get(
            Agency::Migrationsverket,
            "/api/agencies/migrationsverket/inbox",
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(api["returned"][0]["reason"], "Adress saknas i underlaget");
    assert_eq!(api["returned"][0]["to"], "police");
    app.cleanup().await;
}

#[tokio::test]
async fn search_by_identity_is_for_readers_of_identity_and_every_search_is_audited() {
    let app = TestApp::sqlite().await;
    seed(&app, 3).await;
    let before = app.store.audit_trail().await.unwrap().len();
    for (q, hit) in [
        ("Testsson2", "UT-2"),
        ("P-UT-3", "UT-3"),
        ("D00000001", "UT-1"),
        ("UT-2", "UT-2"),
    ] {
        let (s, html) = page(
            &app,
            Agency::Migrationsverket,
            Role::CaseOfficer,
            &format!("/cases?q={q}"),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{q}");
        assert!(html.contains("data-total=\"1\""), "{q}: {html}");
        assert!(html.contains(&format!("href=\"/cases/{hit}\"")), "{q}");
    }
    let trail = app.store.audit_trail().await.unwrap();
    let searches: Vec<_> = trail[before..]
        .iter()
        .filter(|r| r.entry.case.is_none() && r.entry.purpose.starts_with("case search"))
        .collect();
    assert_eq!(searches.len(), 4, "each search is one audit record");
    assert_eq!(searches[0].entry.user, "migrationsverket.case_officer");
    assert!(searches[0].entry.purpose.contains("by name"));
    assert!(
        !searches
            .iter()
            .any(|r| r.entry.purpose.contains("Testsson")),
        "the term is not echoed"
    );

    // Oversight's case officers may not read identity: a name is refused, in
    // Swedish, naming the field, the term kept in the form; by case number is fine.
    let before = app.store.audit_trail().await.unwrap().len();
    let (s, html) = page(
        &app,
        Agency::Oversight,
        Role::CaseOfficer,
        "/cases?q=Testsson2",
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(
        html.contains("Fältet Sök: du får inte söka på namn"),
        "{html}"
    );
    assert!(html.contains("value=\"Testsson2\""), "the term is kept");
    assert!(!html.contains("href=\"/cases/UT-2\""));
    let trail = app.store.audit_trail().await.unwrap();
    assert_eq!(trail.len(), before + 1, "the refusal is audited");
    assert!(!trail[before].entry.purpose.contains("Testsson"));
    let (s, html) = page(&app, Agency::Oversight, Role::CaseOfficer, "/cases?q=UT-2").await;
    assert_eq!(s, StatusCode::OK);
    assert!(html.contains("data-total=\"1\""));
    app.cleanup().await;
}

#[tokio::test]
async fn the_case_list_sorts_by_whitelisted_columns_and_pages_both_ways() {
    let app = TestApp::sqlite().await;
    seed(&app, 0).await;
    let mv = Agency::Migrationsverket;
    for i in 10..=62 {
        post_as(
            &app,
            mv,
            Role::CaseOfficer,
            "/api/cases",
            registration(&format!("UT-{i}")),
        )
        .await;
    }
    let (s, p1) = page(&app, mv, Role::CaseOfficer, "/cases?sort=id&dir=desc").await;
    assert_eq!(s, StatusCode::OK);
    assert!(p1.contains("data-total=\"53\""), "the total of all pages");
    assert!(p1.contains("data-rows=\"50\""));
    let first = p1
        .find("href=\"/cases/UT-62\"")
        .expect("UT-62 first when descending");
    assert!(first < p1.find("href=\"/cases/UT-61\"").unwrap());
    assert!(
        !p1.contains("rel=\"prev\""),
        "no previous page on the first"
    );
    assert!(p1.contains("rel=\"next\""));
    let (_, p2) = page(
        &app,
        mv,
        Role::CaseOfficer,
        "/cases?sort=id&dir=desc&page=2",
    )
    .await;
    assert!(p2.contains("data-rows=\"3\""));
    assert!(p2.contains("href=\"/cases/UT-10\"") && !p2.contains("href=\"/cases/UT-62\""));
    assert!(p2.contains("rel=\"prev\"") && !p2.contains("rel=\"next\""));
    let prev = &p2[p2.find("rel=\"prev\"").unwrap().saturating_sub(120)..];
    assert!(prev.contains("page=1"), "{prev}");
    // A column off the whitelist: 400 naming the field, in Swedish.
    let (s, html) = page(&app, mv, Role::CaseOfficer, "/cases?sort=state").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        html.contains("Fältet sort: okänd sorteringskolumn"),
        "{html}"
    );
    let (s, _) = page(&app, mv, Role::CaseOfficer, "/cases?dir=up").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = page(&app, mv, Role::CaseOfficer, "/cases?page=0").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    app.cleanup().await;
}

/// The rows of a page's table, in order (`tr data-case=…` after `table class="…"`).
fn rows_of(html: &str, table: &str) -> Vec<String> {
    let Some(at) = html.find(&format!("table class=\"{table}\"")) else {
        return vec![];
    };
    let part = &html[at..html[at..].find("</table>").map_or(html.len(), |e| at + e)];
    part.split("tr data-case=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The inbox sorts by when a handover was proposed (the longest waiting
/// first), by case or by name, both ways, and keeps the order when its live
/// part is fetched again; a column off the list is a 400 naming it.
#[tokio::test]
async fn the_inbox_sorts_by_its_columns_both_ways() {
    let app = TestApp::sqlite().await;
    seed(&app, 4).await;
    let mv = Agency::Migrationsverket;
    // Proposed later, in this order: UT-4, then UT-3 (the clock moves on).
    for id in ["UT-4", "UT-3"] {
        app.advance(jiff::SignedDuration::from_mins(5));
        event(&app, mv, Role::CaseOfficer, id, 3, json!({"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "coercion_needed"}})).await;
    }
    let police = |path: &'static str| page(&app, Agency::Police, Role::CaseOfficer, path);
    let (s, html) = police("/inbox").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        rows_of(&html, "inbox"),
        ["UT-1", "UT-4", "UT-3"],
        "longest waiting first"
    );
    assert!(html.contains(r#"aria-sort="ascending" data-sort="proposed""#));
    assert!(html.contains(r#"data-body="/inbox/body?sort=proposed&amp;dir=asc""#));
    let (_, html) = police("/inbox?sort=proposed&dir=desc").await;
    assert_eq!(rows_of(&html, "inbox"), ["UT-3", "UT-4", "UT-1"]);
    let (_, html) = police("/inbox?sort=case&dir=desc").await;
    assert_eq!(rows_of(&html, "inbox"), ["UT-4", "UT-3", "UT-1"]);
    assert!(html.contains(r#"data-body="/inbox/body?sort=case&amp;dir=desc""#));
    let (_, body) = police("/inbox/body?sort=case&dir=desc").await;
    assert_eq!(rows_of(&body, "inbox"), ["UT-4", "UT-3", "UT-1"]);
    let (_, html) = police("/inbox?sort=name").await;
    assert_eq!(
        rows_of(&html, "inbox"),
        ["UT-1", "UT-3", "UT-4"],
        "Testsson1, 3, 4"
    );
    let (s, html) = police("/inbox?sort=waited").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(html.contains("okänd sorteringskolumn"), "{html}");
    app.cleanup().await;
}
