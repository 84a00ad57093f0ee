//! Issue 13, item 4: administration within one's own agency, API tokens only
//! for service accounts, four eyes for legal officer grants and matrix
//! changes, matrices that are empty or contradict themselves refused.

use crate::helpers::{TestApp, json, token};
use opcentrum_access::{Role, audit::AuditAction};
use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_server::auth::token_hash;
use opcentrum_store::{UserRecord, testing::backends};
use serde_json::{Value, json};

const MV: Agency = Agency::Migrationsverket;
const LO: Role = Role::LegalOfficer;

/// A second legal officer of `agency` with a token `second-<agency>`.
async fn second_legal_officer(app: &TestApp, agency: Agency) -> String {
    let name = format!("{}.legal_officer2", agency.code());
    let user = UserName::parse(name.clone()).unwrap();
    app.store
        .put_user(
            &UserRecord::person(user.clone(), "Andra juristen", agency, "legal_officer"),
            crate::helpers::NOW.parse().unwrap(),
            None,
        )
        .await
        .unwrap();
    let tok = format!("second-{}", agency.code());
    app.store
        .put_token(
            &token_hash(&tok),
            &user,
            "test",
            crate::helpers::NOW.parse().unwrap(),
            None,
            None,
        )
        .await
        .unwrap();
    tok
}

async fn post_with(app: &TestApp, tok: &str, path: &str, body: &Value) -> (u16, Value) {
    json(
        app.client
            .post(format!("{}{path}", app.base))
            .bearer_auth(tok)
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn users_and_tokens_are_administered_within_ones_own_agency() {
    let app = TestApp::sqlite().await;
    let police_lo = token(Agency::Police, LO);
    // "a police legal officer issues an API token for a Migrationsverket case officer" → 403
    let (s, p) = post_with(
        &app,
        &police_lo,
        "/api/users/migrationsverket.case_officer/tokens",
        &json!({}),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (403, Some("name")),
        "{p}"
    );
    // "resets another agency's user's password" → 403
    let (s, p) = post_with(
        &app,
        &police_lo,
        "/api/users",
        &json!({"user": "migrationsverket.case_officer", "display_name": "x", "agency": "migrationsverket",
                "role": "case_officer", "password": "a new long password"}),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (403, Some("agency")),
        "{p}"
    );
    // Nor moves one of its own into another agency, nor takes another's user.
    let (s, p) = post_with(
        &app,
        &police_lo,
        "/api/users",
        &json!({"user": "migrationsverket.case_officer", "display_name": "x", "agency": "police", "role": "case_officer"}),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (403, Some("user")),
        "{p}"
    );
    let name = UserName::parse("migrationsverket.case_officer").unwrap();
    let stored = app.store.user(&name).await.unwrap().unwrap();
    assert_eq!(stored.agency, MV);
    assert!(stored.password_hash.is_none(), "no password was set");

    // "a legal officer issues a token for his own account" → 403
    let mv_lo = token(MV, LO);
    let (s, p) = post_with(
        &app,
        &mv_lo,
        "/api/users/migrationsverket.legal_officer/tokens",
        &json!({}),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (403, Some("name")),
        "{p}"
    );
    // Not for a person's account of one's own agency either...
    let (s, p) = post_with(
        &app,
        &mv_lo,
        "/api/users/migrationsverket.case_officer/tokens",
        &json!({}),
    )
    .await;
    assert_eq!(s, 403, "{p}");
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("only for service accounts"),
        "{p}"
    );
    // ...only for a service account of one's own agency.
    let (s, p) = post_with(
        &app,
        &mv_lo,
        "/api/users",
        &json!({"user": "mv.arendesystem", "display_name": "Ärendesystemet", "agency": "migrationsverket",
                "role": "case_officer", "kind": "service"}),
    )
    .await;
    assert_eq!((s, p["kind"].as_str()), (201, Some("service")), "{p}");
    let (s, t) = post_with(
        &app,
        &mv_lo,
        "/api/users/mv.arendesystem/tokens",
        &json!({}),
    )
    .await;
    assert_eq!(s, 201, "{t}");
    let (s, _) = json(
        app.client
            .get(format!("{}/api/cases", app.base))
            .bearer_auth(t["token"].as_str().unwrap())
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    let (s, p) = post_with(
        &app,
        &police_lo,
        "/api/users/mv.arendesystem/tokens",
        &json!({}),
    )
    .await;
    assert_eq!(s, 403, "{p}");
    // Oversight administers oversight.
    let (s, p) = post_with(
        &app,
        &token(Agency::Oversight, LO),
        "/api/users",
        &json!({"user": "tillsyn.granskare2", "display_name": "Granskare", "agency": "oversight", "role": "auditor"}),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_legal_officer_grant_needs_a_second_legal_officer() {
    for db in backends("legal_officer_grant").await {
        let label = db.label;
        let app = TestApp::spawn(db).await;
        let mv_lo = token(MV, LO);
        // "a legal officer creates a second legal officer and uses it to change
        // his own account": the grant waits for a second legal officer.
        let accomplice = json!({"user": "mv.medhjalpare", "display_name": "Medhjälpare", "agency": "migrationsverket",
                                 "role": "legal_officer", "password": "a long password for it"});
        let (s, change) = post_with(&app, &mv_lo, "/api/users", &accomplice).await;
        assert_eq!(
            (s, change["status"].as_str()),
            (202, Some("pending")),
            "{label}: {change}"
        );
        let id = change["id"].as_u64().unwrap();
        let accomplice_name = UserName::parse("mv.medhjalpare").unwrap();
        assert!(
            app.store.user(&accomplice_name).await.unwrap().is_none(),
            "not created yet"
        );
        // The proposer cannot approve.
        let approve = format!("/api/admin/changes/{id}/approve");
        let (s, p) = post_with(&app, &mv_lo, &approve, &json!({})).await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (403, Some("id")),
            "{p}"
        );
        // Nor can another agency's legal officer.
        let (s, _) = post_with(&app, &token(Agency::Police, LO), &approve, &json!({})).await;
        assert_eq!(s, 403);
        assert!(
            app.store.user(&accomplice_name).await.unwrap().is_none(),
            "{label}"
        );
        // A second legal officer of the agency approves; both names are on record.
        let second = second_legal_officer(&app, MV).await;
        let (s, done) = post_with(&app, &second, &approve, &json!({"reason": "behövs"})).await;
        assert_eq!(
            (s, done["status"].as_str()),
            (200, Some("approved")),
            "{label}: {done}"
        );
        let made = app.store.user(&accomplice_name).await.unwrap().unwrap();
        assert_eq!(made.role, "legal_officer");
        let trail = app.store.audit_trail().await.unwrap();
        let decided = trail
            .iter()
            .find(|r| r.entry.action == AuditAction::ChangeDecided)
            .expect("decision recorded");
        assert_eq!(decided.entry.user, "migrationsverket.legal_officer2");
        assert!(
            decided.entry.legal_basis.contains(
                &"proposed by migrationsverket.legal_officer at 2026-12-08T09:00:00Z".to_owned()
            ),
            "{:?}",
            decided.entry.legal_basis
        );
        // Decided once only.
        let (s, _) = post_with(&app, &second, &approve, &json!({})).await;
        assert_eq!(s, 409);
        app.cleanup().await;
    }
}

fn flip(rows: &mut [Value], n: usize) {
    let mut done = 0;
    for r in rows.iter_mut() {
        if done == n {
            break;
        }
        if r["allowed"] == true {
            r["allowed"] = false.into();
            done += 1;
        }
    }
}

#[tokio::test]
async fn a_matrix_change_needs_a_second_legal_officer_and_is_recorded_whole() {
    for db in backends("matrix_four_eyes").await {
        let label = db.label;
        let app = TestApp::spawn(db).await;
        let mv_lo = token(MV, LO);
        let (_, m) = json(app.get_as(MV, LO, "/api/matrix").send().await.unwrap()).await;
        let mut rows = m["rows"].as_array().unwrap().clone();
        flip(&mut rows, 120);
        let put = |tok: &str, body: &Value| {
            app.client
                .put(format!("{}/api/matrix", app.base))
                .bearer_auth(tok.to_owned())
                .json(body)
        };
        // Empty and self-contradicting matrices are refused with the reason.
        let (s, p) = json(
            put(&mv_lo, &json!({"rows": [], "comment": "töm"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 422, "{p}");
        assert!(
            p["detail"]
                .as_str()
                .unwrap()
                .contains("the matrix is empty"),
            "{p}"
        );
        let mut contradiction = rows.clone();
        let mut twin = contradiction[0].clone();
        twin["allowed"] = (!twin["allowed"].as_bool().unwrap()).into();
        twin["legal_basis"] = "OSL (2009:400) 10 kap. 28 §".into();
        contradiction.push(twin);
        let (s, p) = json(
            put(&mv_lo, &json!({"rows": contradiction, "comment": "x"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 422, "{p}");
        assert!(
            p["detail"]
                .as_str()
                .unwrap()
                .contains("contradicts rows[0]"),
            "{p}"
        );

        let (s, change) = json(
            put(&mv_lo, &json!({"rows": rows, "comment": "Stor ändring"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, change["status"].as_str()),
            (202, Some("pending")),
            "{label}: {change}"
        );
        let n_changes = change["changes"].as_array().unwrap().len();
        assert!(n_changes > 50, "{n_changes}");
        let (_, now) = json(app.get_as(MV, LO, "/api/matrix").send().await.unwrap()).await;
        assert_eq!(now["version"], 1, "not in force before approval");
        let approve = format!("/api/admin/changes/{}/approve", change["id"]);
        let (s, _) = post_with(&app, &mv_lo, &approve, &json!({})).await;
        assert_eq!(s, 403, "the proposer cannot approve");
        // Any other legal officer who may edit the matrix approves; oversight may not.
        let (s, _) = post_with(&app, &token(Agency::Oversight, LO), &approve, &json!({})).await;
        assert_eq!(s, 403);
        let (s, done) = post_with(&app, &token(Agency::Police, LO), &approve, &json!({})).await;
        assert_eq!(s, 200, "{label}: {done}");
        let (_, now) = json(app.get_as(MV, LO, "/api/matrix").send().await.unwrap()).await;
        assert_eq!(now["version"], 2, "{label}");
        assert_eq!(
            now["changed_by"],
            "migrationsverket.legal_officer (approved by police.legal_officer)"
        );
        // The whole diff is in the record, however large.
        let trail = app.store.audit_trail().await.unwrap();
        let rec = trail
            .iter()
            .find(|r| r.entry.action == AuditAction::MatrixChange)
            .expect("matrix change recorded");
        assert_eq!(rec.entry.legal_basis.len(), 4 + n_changes, "{label}");
        assert_eq!(rec.entry.user, "police.legal_officer");
        app.cleanup().await;
    }
}
