//! Issue 15 item 5: the administration pages — the sharing matrix as a grid
//! with a draft, its diff and the two-person change; the audit trail with the
//! chain's state; users and tokens of one's own agency. Allowed and refused
//! roles (403 naming the rule), values of the draft's diff, self-approval
//! refused, approval by another legal officer putting the change in force.

use crate::helpers::{TestApp, json, token};
use opcentrum_access::{Role, audit::AuditAction};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_server::auth::token_hash;
use opcentrum_store::UserRecord;
use reqwest::header;
use serde_json::Value;

const MV: Agency = Agency::Migrationsverket;
const LO: Role = Role::LegalOfficer;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A page as a browser asks for it, with a bearer token.
async fn page(app: &TestApp, tok: &str, path: &str) -> (u16, String) {
    let r = client()
        .get(format!("{}{path}", app.base))
        .bearer_auth(tok)
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A page form post (url-encoded; a token caller has no CSRF to forge).
async fn post_form(app: &TestApp, tok: &str, path: &str, body: String) -> (u16, String, String) {
    let r = client()
        .post(format!("{}{path}", app.base))
        .bearer_auth(tok)
        .header(header::ACCEPT, "text/html")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let location = r
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (r.status().as_u16(), location, r.text().await.unwrap())
}

fn enc(pairs: &[(&str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

fn cell(r: &Value) -> String {
    format!(
        "{}|{}|{}|{}",
        r["category"].as_str().unwrap(),
        r["owner"].as_str().unwrap(),
        r["reader_agency"].as_str().unwrap(),
        r["reader_role"].as_str().unwrap()
    )
}

async fn matrix_rows(app: &TestApp) -> (u64, Vec<Value>) {
    let (_, m) = json(app.get_as(MV, LO, "/api/matrix").send().await.unwrap()).await;
    (
        m["version"].as_u64().unwrap(),
        m["rows"].as_array().unwrap().clone(),
    )
}

/// The form of a draft: every allowed cell checked, except `off`, plus `on`.
fn draft(rows: &[Value], off: Option<&str>, on: Option<&str>, extra: &[(&str, String)]) -> String {
    let mut pairs: Vec<(&str, String)> = rows
        .iter()
        .filter(|r| r["allowed"] == true)
        .map(cell)
        .filter(|c| Some(c.as_str()) != off)
        .map(|c| ("c", c))
        .collect();
    if let Some(c) = on {
        pairs.push(("c", c.to_owned()));
    }
    pairs.extend(extra.iter().cloned());
    enc(&pairs)
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// A second legal officer of Migrationsverket with a token.
async fn second_legal_officer(app: &TestApp) -> String {
    let user = UserName::parse("migrationsverket.legal_officer2").unwrap();
    let at = crate::helpers::NOW.parse().unwrap();
    app.store
        .put_user(
            &UserRecord::person(user.clone(), "Andra juristen", MV, "legal_officer"),
            at,
            None,
        )
        .await
        .unwrap();
    app.store
        .put_token(&token_hash("second-mv"), &user, "test", at, None, None)
        .await
        .unwrap();
    "second-mv".into()
}

#[tokio::test]
async fn each_admin_page_is_shown_to_the_roles_its_row_grants_and_refused_naming_the_row() {
    let app = TestApp::sqlite().await;
    let cases: [(&str, Agency, Role, u16, &str); 9] = [
        ("/admin/matrix", MV, LO, 200, "type=\"checkbox\""),
        (
            "/admin/matrix",
            MV,
            Role::OperationsLead,
            200,
            "matrix-grid",
        ),
        (
            "/admin/matrix",
            Agency::Police,
            Role::CaseOfficer,
            403,
            "matrix.read",
        ),
        (
            "/admin/audit",
            Agency::Oversight,
            Role::Auditor,
            200,
            "data-chain=\"verified\"",
        ),
        ("/admin/audit", MV, LO, 200, "data-chain=\"verified\""),
        ("/admin/audit", MV, Role::CaseOfficer, 403, "audit.read"),
        ("/admin/users", MV, LO, 200, "migrationsverket.case_officer"),
        ("/admin/users", MV, Role::Auditor, 403, "users.manage"),
        (
            "/admin/users",
            Agency::Nte,
            Role::TripPlanner,
            403,
            "users.manage",
        ),
    ];
    for (path, agency, role, want, needle) in cases {
        let (s, html) = page(&app, &token(agency, role), path).await;
        assert_eq!(s, want, "{path} as {agency:?}/{role:?}: {html}");
        assert!(
            html.contains(needle),
            "{path} as {agency:?}/{role:?}: no {needle}"
        );
        assert!(html.contains("<html lang=\"sv\""), "{path}: Swedish page");
    }
    // The operations lead reads the grid but edits nothing, sees no changes.
    let (_, html) = page(&app, &token(MV, Role::OperationsLead), "/admin/matrix").await;
    assert_eq!(count(&html, "type=\"checkbox\""), 0);
    assert!(!html.contains("/admin/changes/"));
    // The legal officer's grid: one check box per row of the matrix, grouped by category.
    let (_, rows) = matrix_rows(&app).await;
    let (_, html) = page(&app, &token(MV, LO), "/admin/matrix").await;
    assert_eq!(count(&html, "type=\"checkbox\""), rows.len());
    assert_eq!(
        count(&html, " checked"),
        rows.iter().filter(|r| r["allowed"] == true).count()
    );
    assert_eq!(count(&html, "<tbody data-category="), 9);
    // The users page lists only the legal officer's own agency.
    let (_, html) = page(&app, &token(MV, LO), "/admin/users").await;
    assert!(
        !html.contains("police.case_officer"),
        "another agency's users"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn reading_the_audit_page_is_itself_audited_and_filters_by_user() {
    let app = TestApp::sqlite().await;
    let auditor = token(Agency::Oversight, Role::Auditor);
    let (s, _) = page(&app, &auditor, "/admin/audit").await;
    assert_eq!(s, 200);
    let trail = app.store.audit_trail().await.unwrap();
    let read = trail
        .iter()
        .filter(|r| r.entry.action == AuditAction::AuditRead)
        .collect::<Vec<_>>();
    assert_eq!(read.len(), 1, "one record of the read");
    assert_eq!(read[0].entry.user, "oversight.auditor");
    // By user: only that user's records, and the chain verified up to the head.
    let (s, html) = page(&app, &auditor, "/admin/audit?user=oversight.auditor").await;
    assert_eq!(s, 200);
    let n = app.store.audit_trail().await.unwrap().len();
    assert_eq!(
        count(&html, "<tr data-seq="),
        1,
        "the auditor's earlier read only"
    );
    // Verified before this read's own record was written.
    assert!(
        html.contains(&format!("data-chain=\"verified\" data-seq=\"{}\"", n - 1)),
        "{html}"
    );
    assert!(html.contains("api-test"), "the key id is shown");
    let (s, _) = page(&app, &auditor, "/admin/audit?after=x").await;
    assert_eq!(s, 400);
    app.cleanup().await;
}

#[tokio::test]
async fn one_cell_of_the_draft_is_exactly_one_line_of_its_diff() {
    let app = TestApp::sqlite().await;
    let lo = token(MV, LO);
    let (version, rows) = matrix_rows(&app).await;
    let lose = rows
        .iter()
        .find(|r| {
            r["allowed"] == true && r["reader_agency"] == "police" && r["category"] == "identity"
        })
        .map(cell)
        .unwrap();
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/matrix/try",
        draft(&rows, Some(&lose), None, &[]),
    )
    .await;
    assert_eq!(s, 200, "{html}");
    assert_eq!(count(&html, "data-change=\""), 1, "{html}");
    assert_eq!(count(&html, "data-change=\"lost\""), 1);
    assert!(html.contains("Polisen · "), "in the reader's language");
    assert!(html.contains("förlorar Identitet (ägare: "), "{html}");
    // Gaining one cell needs a legal basis: refused naming the field, the draft kept.
    let gain = rows
        .iter()
        .find(|r| r["allowed"] == false && r["legal_basis"] == "")
        .map(cell)
        .unwrap();
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/matrix/try",
        draft(&rows, None, Some(&gain), &[]),
    )
    .await;
    assert_eq!(s, 422, "{html}");
    assert!(html.contains("basis: "), "{html}");
    assert!(
        html.contains(&format!("value=\"{gain}\" checked")),
        "the draft is kept"
    );
    let basis = ("basis", "Lag (2027:1) om försök".to_owned());
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/matrix/try",
        draft(&rows, None, Some(&gain), &[basis]),
    )
    .await;
    assert_eq!(s, 200, "{html}");
    assert_eq!(count(&html, "data-change=\""), 1);
    assert_eq!(count(&html, "data-change=\"gained\""), 1);
    assert!(html.contains("Lag (2027:1) om försök"));
    // The unchanged draft changes nothing; trying stores nothing.
    let (_, _, html) = post_form(
        &app,
        &lo,
        "/admin/matrix/try",
        draft(&rows, None, None, &[]),
    )
    .await;
    assert!(html.contains("data-diff-empty"));
    assert_eq!(matrix_rows(&app).await.0, version);
    // Only a legal officer proposes (the route's row `matrix.edit`).
    let (s, _, html) = post_form(
        &app,
        &token(MV, Role::OperationsLead),
        "/admin/matrix/propose",
        draft(&rows, Some(&lose), None, &[("comment", "x".into())]),
    )
    .await;
    assert_eq!(s, 403);
    assert!(html.contains("matrix.edit"), "{html}");
    app.cleanup().await;
}

#[tokio::test]
async fn the_proposer_cannot_approve_and_a_second_legal_officer_puts_the_change_in_force() {
    let app = TestApp::sqlite().await;
    let lo = token(MV, LO);
    let (version, rows) = matrix_rows(&app).await;
    let lose = rows
        .iter()
        .find(|r| r["allowed"] == true && r["reader_agency"] == "nte" && r["category"] == "family")
        .map(cell)
        .unwrap();
    // Proposing needs a reason; refused with the draft kept.
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/matrix/propose",
        draft(&rows, Some(&lose), None, &[]),
    )
    .await;
    assert_eq!(s, 422);
    assert!(html.contains("comment: "), "{html}");
    let (s, location, _) = post_form(
        &app,
        &lo,
        "/admin/matrix/propose",
        draft(
            &rows,
            Some(&lose),
            None,
            &[("comment", "NTE behöver inte familjen".into())],
        ),
    )
    .await;
    assert_eq!((s, location.as_str()), (303, "/admin/matrix?done=proposed"));
    assert_eq!(matrix_rows(&app).await.0, version, "not in force yet");
    let (_, changes) = json(
        app.get_as(MV, LO, "/api/admin/changes")
            .send()
            .await
            .unwrap(),
    )
    .await;
    let id = changes[0]["id"].as_u64().unwrap();
    // The proposer's page says a second legal officer must approve, and offers no approval.
    let (_, html) = page(&app, &lo, "/admin/matrix").await;
    assert!(html.contains("data-own-change"));
    assert!(!html.contains(&format!("/admin/changes/{id}/approve")));
    assert!(html.contains("Du föreslog ändringen"));
    // Approving one's own is refused, naming the rule.
    let approve = format!("/admin/changes/{id}/approve");
    let back = enc(&[("back", "/admin/matrix".into())]);
    let (s, _, html) = post_form(&app, &lo, &approve, back.clone()).await;
    assert_eq!(s, 403, "{html}");
    assert!(html.contains("regel: två olika jurister"), "{html}");
    assert_eq!(matrix_rows(&app).await.0, version);
    // The second legal officer sees the change in words and approves it.
    let second = second_legal_officer(&app).await;
    let (_, html) = page(&app, &second, "/admin/matrix").await;
    assert!(html.contains(&format!("/admin/changes/{id}/approve")));
    assert_eq!(
        count(&html, "data-change=\"lost\""),
        1,
        "the pending change's diff"
    );
    let (s, location, _) = post_form(&app, &second, &approve, back.clone()).await;
    assert_eq!((s, location.as_str()), (303, "/admin/matrix?done=approved"));
    let (now, rows_now) = matrix_rows(&app).await;
    assert_eq!(now, version + 1, "in force");
    let flipped = rows_now.iter().find(|r| cell(r) == lose).unwrap();
    assert_eq!(flipped["allowed"], false);
    let (_, html) = page(&app, &second, "/admin/matrix").await;
    assert!(!html.contains(&format!("value=\"{lose}\" checked")));
    app.cleanup().await;
}

#[tokio::test]
async fn users_page_creates_proposes_legal_officers_and_refuses_naming_the_rule() {
    let app = TestApp::sqlite().await;
    let lo = token(MV, LO);
    // A person's account: created, listed.
    let (s, location, _) = post_form(
        &app,
        &lo,
        "/admin/users",
        enc(&[
            ("user", "mv.ny_handlaggare".into()),
            ("display_name", "Ny Handläggare".into()),
            ("role", "case_officer".into()),
            ("kind", "person".into()),
            ("password", "ett långt lösenord här".into()),
        ]),
    )
    .await;
    assert_eq!((s, location.as_str()), (303, "/admin/users?done=stored"));
    let (_, html) = page(&app, &lo, "/admin/users").await;
    assert!(html.contains("mv.ny_handlaggare"));
    // A bad field: refused naming it, what was typed kept.
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/users",
        enc(&[
            ("user", "mv.kort".into()),
            ("display_name", "Kort Lösen".into()),
            ("role", "case_officer".into()),
            ("password", "kort".into()),
        ]),
    )
    .await;
    assert_eq!(s, 422);
    assert!(html.contains("password: minst 12 tecken"));
    assert!(html.contains("value=\"Kort Lösen\""), "kept");
    // Making a legal officer is proposed, not done.
    let (s, location, _) = post_form(
        &app,
        &lo,
        "/admin/users/migrationsverket.case_officer/role",
        enc(&[("role", "legal_officer".into())]),
    )
    .await;
    assert_eq!((s, location.as_str()), (303, "/admin/users?done=proposed"));
    let name = UserName::parse("migrationsverket.case_officer").unwrap();
    assert_eq!(
        app.store.user(&name).await.unwrap().unwrap().role,
        "case_officer"
    );
    let (_, html) = page(&app, &lo, "/admin/users").await;
    assert!(html.contains("data-own-change"));
    // Another agency's account, one's own, a token for a person: refused, naming the rule.
    let (s, _, html) = post_form(
        &app,
        &token(Agency::Police, LO),
        "/admin/users/migrationsverket.auditor/password",
        enc(&[("password", "ett annat långt lösenord".into())]),
    )
    .await;
    assert_eq!(s, 403);
    assert!(html.contains("regel: bara den egna myndigheten"), "{html}");
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/users/migrationsverket.legal_officer/role",
        enc(&[("role", "auditor".into())]),
    )
    .await;
    assert_eq!(s, 403);
    assert!(html.contains("regel: inte sig själv"), "{html}");
    let (s, _, html) = post_form(
        &app,
        &lo,
        "/admin/users/migrationsverket.auditor/token",
        String::new(),
    )
    .await;
    assert_eq!(s, 403);
    assert!(html.contains("bara för systemkonton"), "{html}");
    // A service account: a token shown once, which works, then revoked.
    let (s, _, _) = post_form(
        &app,
        &lo,
        "/admin/users",
        enc(&[
            ("user", "mv.system".into()),
            ("display_name", "Ärendesystemet".into()),
            ("role", "case_officer".into()),
            ("kind", "service".into()),
        ]),
    )
    .await;
    assert_eq!(s, 303);
    let (s, _, html) = post_form(&app, &lo, "/admin/users/mv.system/token", String::new()).await;
    assert_eq!(s, 201, "{html}");
    let i = html.find("<code data-token>").unwrap() + "<code data-token>".len();
    let tok = html[i..][..html[i..].find('<').unwrap()].to_owned();
    let ok = app
        .client
        .get(format!("{}/api/cases", app.base))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 200);
    let (s, location, _) =
        post_form(&app, &lo, "/admin/users/mv.system/revoke", String::new()).await;
    assert_eq!((s, location.as_str()), (303, "/admin/users?done=revoked"));
    let gone = app
        .client
        .get(format!("{}/api/cases", app.base))
        .bearer_auth(&tok)
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status().as_u16(), 401);
    app.cleanup().await;
}
