//! Authentication and its safeguards, through the HTTP API.

use crate::helpers::{PASSWORD, TestApp, json};
use opcentrum_access::Role;
use opcentrum_domain::Agency;
use opcentrum_store::testing::TestDb;
use serde_json::json;

fn session_cookie(resp: &reqwest::Response) -> String {
    let set = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_session_logs_in_needs_csrf_to_write_and_expires() {
    let app = TestApp::spawn_with(
        TestDb::sqlite().unwrap(),
        &[(Agency::Migrationsverket, Role::CaseOfficer)],
    )
    .await;
    let resp = app
        .client
        .post(format!("{}/api/login", app.base))
        .json(&json!({"user": "migrationsverket.case_officer", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let cookie = session_cookie(&resp);
    let me: serde_json::Value = resp.json().await.unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_owned();
    let get = |path: &str| {
        app.client
            .get(format!("{}{path}", app.base))
            .header("cookie", &cookie)
    };
    assert_eq!(
        get("/api/cases").send().await.unwrap().status().as_u16(),
        200
    );
    // A write without the CSRF token is refused; with it, it goes through.
    let body = crate::helpers::registration("UT-S1");
    let post = || {
        app.client
            .post(format!("{}/api/cases", app.base))
            .header("cookie", &cookie)
            .json(&body)
    };
    let (s, p) = json(post().send().await.unwrap()).await;
    assert_eq!(s, 403, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("CSRF"));
    let (s, _) = json(post().header("x-csrf-token", "wrong").send().await.unwrap()).await;
    assert_eq!(s, 403);
    assert_eq!(app.store.count_cases().await.unwrap(), 0);
    let (s, p) = json(post().header("x-csrf-token", &csrf).send().await.unwrap()).await;
    assert_eq!(s, 201, "{p}");
    // Idle for 30 minutes: the session has expired.
    app.advance(jiff::SignedDuration::from_mins(29));
    assert_eq!(get("/api/me").send().await.unwrap().status().as_u16(), 200);
    app.advance(jiff::SignedDuration::from_mins(30));
    let (s, p) = json(get("/api/me").send().await.unwrap()).await;
    assert_eq!(s, 401, "{p}");
    assert!(p["detail"].as_str().unwrap().contains("idle"));
    app.cleanup().await;
}

#[tokio::test]
async fn sessions_end_at_their_absolute_age_and_on_logout() {
    let app = TestApp::spawn_with(
        TestDb::sqlite().unwrap(),
        &[(Agency::Police, Role::CaseOfficer)],
    )
    .await;
    let login = || {
        app.client
            .post(format!("{}/api/login", app.base))
            .json(&json!({"user": "police.case_officer", "password": PASSWORD}))
            .send()
    };
    let resp = login().await.unwrap();
    let cookie = session_cookie(&resp);
    let mut expired = None;
    for _ in 0..30 {
        app.advance(jiff::SignedDuration::from_mins(29));
        let (s, p) = json(
            app.client
                .get(format!("{}/api/me", app.base))
                .header("cookie", &cookie)
                .send()
                .await
                .unwrap(),
        )
        .await;
        if s == 401 {
            expired = Some(p);
            break;
        }
    }
    let p = expired.expect("the session never expired");
    assert!(p["detail"].as_str().unwrap().contains("maximum age"), "{p}");
    // Logout ends a fresh session.
    let resp = login().await.unwrap();
    let cookie = session_cookie(&resp);
    let me: serde_json::Value = resp.json().await.unwrap();
    let s = app
        .client
        .post(format!("{}/api/logout", app.base))
        .header("cookie", &cookie)
        .header("x-csrf-token", me["csrf_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(s, 204);
    assert_eq!(
        app.client
            .get(format!("{}/api/me", app.base))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        401
    );
    app.cleanup().await;
}

#[tokio::test]
async fn repeated_wrong_passwords_are_throttled() {
    let app = TestApp::spawn_with(
        TestDb::sqlite().unwrap(),
        &[(Agency::Nte, Role::TripPlanner)],
    )
    .await;
    let login = |pw: &str| {
        app.client
            .post(format!("{}/api/login", app.base))
            .json(&json!({"user": "nte.trip_planner", "password": pw}))
            .send()
    };
    for i in 0..5 {
        let s = login("wrong password here")
            .await
            .unwrap()
            .status()
            .as_u16();
        assert_eq!(s, 401, "attempt {i}");
    }
    // Locked: even the right password is refused.
    let (s, p) = json(login(PASSWORD).await.unwrap()).await;
    assert_eq!(s, 429, "{p}");
    app.advance(jiff::SignedDuration::from_mins(16));
    assert_eq!(login(PASSWORD).await.unwrap().status().as_u16(), 200);
    // Unknown users get the same answer as wrong passwords.
    let (s, p) = json(
        app.client
            .post(format!("{}/api/login", app.base))
            .json(&json!({"user": "nobody", "password": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (s, p["detail"].as_str()),
        (401, Some("wrong user name or password"))
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_wrong_role_is_forbidden() {
    let app = TestApp::sqlite().await;
    for (agency, role, path) in [
        (Agency::Police, Role::CaseOfficer, "/api/audit"),
        (Agency::Police, Role::CaseOfficer, "/api/users"),
        (Agency::Nte, Role::TripPlanner, "/api/matrix"),
        (Agency::Migrationsverket, Role::Auditor, "/api/cases"),
    ] {
        let (s, _) = json(app.get_as(agency, role, path).send().await.unwrap()).await;
        assert_eq!(s, 403, "{}/{} {path}", agency.code(), role.code());
    }
    let (s, _) = json(
        app.get_as(Agency::Oversight, Role::Auditor, "/api/audit")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    // Oversight never writes, even with a role that writes elsewhere.
    let (s, _) = json(
        app.post_as(
            Agency::Oversight,
            Role::CaseOfficer,
            "/api/cases",
            &crate::helpers::registration("UT-O"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 403);
    app.cleanup().await;
}

#[tokio::test]
async fn a_legal_officer_cannot_change_their_own_account_but_another_can() {
    let app = TestApp::sqlite().await;
    let me = "migrationsverket.legal_officer";
    let change = json!({
        "user": me, "display_name": "self-made", "agency": "migrationsverket", "role": "operations_lead"
    });
    let before = app.store.audit_trail().await.unwrap().len();
    let (s, body) = json(
        app.post_as(
            Agency::Migrationsverket,
            Role::LegalOfficer,
            "/api/users",
            &change,
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 403, "{body}");
    assert_eq!(body["errors"][0]["field"], "user", "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("your own account")
    );
    let name = opcentrum_domain::ids::UserName::parse(me).unwrap();
    let stored = app.store.user(&name).await.unwrap().unwrap();
    assert_eq!(
        (stored.agency, stored.role.as_str()),
        (Agency::Migrationsverket, "legal_officer")
    );
    assert_eq!(
        app.store.audit_trail().await.unwrap().len(),
        before,
        "nothing written"
    );

    // Another agency's legal officer may not (issue 13: one's own agency only)...
    let (s, body) = json(
        app.post_as(Agency::Police, Role::LegalOfficer, "/api/users", &change)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 403, "{body}");
    // ...another legal officer of the agency may; the change and its audit
    // record land together.
    let second = opcentrum_domain::ids::UserName::parse("migrationsverket.legal_officer2").unwrap();
    let at: jiff::Timestamp = crate::helpers::NOW.parse().unwrap();
    app.store
        .put_user(
            &opcentrum_store::UserRecord::person(
                second.clone(),
                "Andra",
                Agency::Migrationsverket,
                "legal_officer",
            ),
            at,
            None,
        )
        .await
        .unwrap();
    app.store
        .put_token(
            &opcentrum_server::auth::token_hash("second-mv-lo"),
            &second,
            "t",
            at,
            None,
            None,
        )
        .await
        .unwrap();
    let before = app.store.audit_trail().await.unwrap().len();
    let (s, body) = json(
        app.client
            .post(format!("{}/api/users", app.base))
            .bearer_auth("second-mv-lo")
            .json(&change)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    let stored = app.store.user(&name).await.unwrap().unwrap();
    assert_eq!(
        (stored.agency, stored.role.as_str()),
        (Agency::Migrationsverket, "operations_lead")
    );
    let trail = app.store.audit_trail().await.unwrap();
    assert_eq!(trail.len(), before + 1);
    let r = &trail[before].entry;
    assert_eq!(r.user, "migrationsverket.legal_officer2");
    assert_eq!(r.action, opcentrum_access::audit::AuditAction::UserChange);
    assert_eq!(
        r.legal_basis,
        vec![
            format!("user {me}"),
            "role legal_officer -> operations_lead".to_owned(),
            "display name changed".to_owned()
        ]
    );
    app.cleanup().await;
}
