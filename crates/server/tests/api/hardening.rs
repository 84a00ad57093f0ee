//! Issue 17, each item of its "Why", through HTTP on the real app (both
//! databases where the database matters).

use crate::helpers::{PASSWORD, TestApp, json, keyring, login, registration, token};
use opcentrum_access::{Role, audit::AuditAction};
use opcentrum_domain::Agency;
use opcentrum_store::testing::backends;
use serde_json::{Value, json};

const MV_LO: (Agency, Role) = (Agency::Migrationsverket, Role::LegalOfficer);
const MV_CO: (Agency, Role) = (Agency::Migrationsverket, Role::CaseOfficer);

/// "40 parallel logins with one user name were all checked (39 wrong), and
/// the right password was accepted after them."
#[tokio::test]
async fn parallel_logins_are_throttled_atomically() {
    for db in backends("parallel_logins").await {
        let label = db.label;
        let app = TestApp::spawn_with(db, &[(Agency::Police, Role::CaseOfficer)]).await;
        let attempts = (0..40).map(|_| {
            let c = app.client.clone();
            let url = format!("{}/api/login", app.base);
            tokio::spawn(async move {
                c.post(url)
                    .json(
                        &json!({"user": "police.case_officer", "password": "wrong password here"}),
                    )
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        });
        let mut statuses = Vec::new();
        for a in attempts {
            statuses.push(a.await.unwrap());
        }
        let checked = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!((checked, refused), (5, 35), "{label}: {statuses:?}");
        // Locked: the right password is refused too.
        let (s, _, _) = login(&app, "police.case_officer", PASSWORD).await;
        assert_eq!(s, 429, "{label}");
        // Exactly the checked attempts were audited as failed logins.
        let failed = app
            .store
            .audit_trail()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.entry.action == AuditAction::LoginFailed)
            .count();
        assert_eq!(failed, 5, "{label}");
        app.advance(jiff::SignedDuration::from_mins(16));
        assert_eq!(login(&app, "police.case_officer", PASSWORD).await.0, 200);
        app.cleanup().await;
    }
}

/// "a wrong password takes 43 ms and an unknown user 4 ms".
#[tokio::test]
async fn an_unknown_user_takes_as_long_as_a_wrong_password() {
    let app = TestApp::spawn_with(
        opcentrum_store::testing::TestDb::sqlite().unwrap(),
        &[(Agency::Nte, Role::TripPlanner)],
    )
    .await;
    let time = |user: String| {
        let app = &app;
        async move {
            let t = std::time::Instant::now();
            let (s, _, _) = login(app, &user, "wrong password here").await;
            assert_eq!(s, 401);
            t.elapsed().as_secs_f64()
        }
    };
    let _ = time("warm.up".into()).await;
    let mut wrong = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..4 {
        wrong.push(time("nte.trip_planner".into()).await);
        unknown.push(time(format!("nobody.{i}")).await);
        unknown.push(time("not a user name!".into()).await);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (w, u) = (median(&mut wrong), median(&mut unknown));
    assert!(
        u > 0.5 * w,
        "unknown user {u:.4}s vs wrong password {w:.4}s"
    );
    app.cleanup().await;
}

async fn me_status(app: &TestApp, cookie: &str, tok: Option<&str>) -> u16 {
    let mut r = app.client.get(format!("{}/api/me", app.base));
    r = match tok {
        Some(t) => r.bearer_auth(t),
        None => r.header("cookie", cookie),
    };
    r.send().await.unwrap().status().as_u16()
}

async fn put_user(app: &TestApp, body: Value) -> (u16, Value) {
    json(
        app.post_as(MV_LO.0, MV_LO.1, "/api/users", &body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// "after `user revoke` the tokens give 401 but a browser session still
/// gives 200; sessions and tokens survive a password reset, and come back
/// after a user is disabled and enabled again" (role change too).
#[tokio::test]
async fn sessions_and_tokens_end_when_access_changes() {
    for db in backends("sessions_end").await {
        let label = db.label;
        let app = TestApp::spawn_with(db, &[MV_CO]).await;
        let officer = |extra: Value| {
            let mut b = json!({
                "user": "migrationsverket.case_officer", "display_name": "Handläggare",
                "agency": "migrationsverket", "role": "case_officer"
            });
            for (k, v) in extra.as_object().unwrap() {
                b[k] = v.clone();
            }
            b
        };
        let tok = token(MV_CO.0, MV_CO.1);
        let (s, cookie, _) = login(&app, "migrationsverket.case_officer", PASSWORD).await;
        assert_eq!(s, 200);
        assert_eq!(me_status(&app, &cookie, None).await, 200);
        assert_eq!(me_status(&app, "", Some(&tok)).await, 200);
        // A display name alone changes nothing.
        assert_eq!(
            put_user(&app, officer(json!({"display_name": "Ny"})))
                .await
                .0,
            201
        );
        assert_eq!(me_status(&app, &cookie, None).await, 200, "{label}");

        // Disabled: both end; enabled again: neither comes back.
        assert_eq!(
            put_user(&app, officer(json!({"disabled": true}))).await.0,
            201
        );
        assert_eq!(me_status(&app, &cookie, None).await, 401, "{label}");
        assert_eq!(me_status(&app, "", Some(&tok)).await, 401, "{label}");
        assert_eq!(put_user(&app, officer(json!({}))).await.0, 201);
        assert_eq!(
            me_status(&app, &cookie, None).await,
            401,
            "{label}: re-enabled"
        );
        assert_eq!(
            me_status(&app, "", Some(&tok)).await,
            401,
            "{label}: re-enabled"
        );

        // A password reset ends the new session.
        let (s, cookie, _) = login(&app, "migrationsverket.case_officer", PASSWORD).await;
        assert_eq!(s, 200);
        let (s, p) = put_user(&app, officer(json!({"password": "another long password"}))).await;
        assert_eq!(s, 201, "{p}");
        assert_eq!(me_status(&app, &cookie, None).await, 401, "{label}: reset");
        assert_eq!(
            login(&app, "migrationsverket.case_officer", PASSWORD)
                .await
                .0,
            401
        );

        // A role change ends the next one.
        let (s, cookie, _) = login(
            &app,
            "migrationsverket.case_officer",
            "another long password",
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(
            put_user(&app, officer(json!({"role": "detention_staff"})))
                .await
                .0,
            201
        );
        assert_eq!(me_status(&app, &cookie, None).await, 401, "{label}: role");
        // Revoking through the store (what `opcentrum user revoke` calls) too.
        let (s, cookie, _) = login(
            &app,
            "migrationsverket.case_officer",
            "another long password",
        )
        .await;
        assert_eq!(s, 200);
        let name = opcentrum_domain::ids::UserName::parse("migrationsverket.case_officer").unwrap();
        let ended = app.store.revoke_user(&name, None).await.unwrap();
        assert_eq!(ended.sessions, 1);
        assert_eq!(
            me_status(&app, &cookie, None).await,
            401,
            "{label}: revoked"
        );
        app.cleanup().await;
    }
}

/// "`GET /lang?to=en&back=/%09/127.0.0.1:18093/` answers `Location: /<TAB>/…`;
/// `/login?next=` is guarded by the same check."
#[tokio::test]
async fn redirect_targets_stay_on_this_origin() {
    let app = TestApp::sqlite().await;
    let no_follow = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    // The issue's example: the TAB is refused by the input policy before the
    // handler (422 naming `back`); no Location, so no redirect at all.
    let resp = no_follow
        .get(format!(
            "{}/lang?to=en&back=/%09/127.0.0.1:18093/",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 422);
    assert!(resp.headers().get("location").is_none());
    let (_, p) = json(resp).await;
    assert_eq!(p["errors"][0]["field"], "back", "{p}");
    // Encoded once more it passes the policy and reaches the parser, which
    // decodes it and refuses it: the redirect goes home.
    for back in [
        "/%2509/127.0.0.1:18093/",
        "/%252F/evil.example",
        "%2F%2Fevil.example",
        "/%5Cevil.example",
        "https://evil.example/",
    ] {
        let resp = no_follow
            .get(format!("{}/lang?to=en&back={back}", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 303, "{back}");
        assert_eq!(resp.headers()["location"], "/", "{back}");
    }
    let resp = no_follow
        .get(format!(
            "{}/lang?to=en&back=/cases%3Fstage%3Dfinal",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["location"], "/cases?stage=final");
    // The login form carries the parsed target, never the hostile one.
    let page = no_follow
        .get(format!("{}/login?next=/%2509/127.0.0.1:18093/", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(r#"name="next" value="/""#), "{page}");
    assert!(!page.contains("127.0.0.1:18093"));
    app.cleanup().await;
}

async fn create(app: &TestApp, body: &Value) -> (u16, Value) {
    json(
        app.post(Agency::Migrationsverket, "/api/cases", body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// "PostgreSQL answers 500 to a `\u0000` in free text (an event's reason, a
/// display name, a matrix comment, a rejection reason)", trailing garbage,
/// dates without bounds, bidi and zero-width characters in names.
#[tokio::test]
async fn one_input_policy_for_every_text_field() {
    for db in backends("input_policy").await {
        let label = db.label;
        let app = TestApp::spawn(db).await;
        let mut reg = registration("UT-IN-1");
        reg["reason"] = "nul \u{0} here".into();
        let (s, p) = create(&app, &reg).await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("reason")),
            "{label}: {p}"
        );
        assert!(p["errors"][0]["reason"].as_str().unwrap().contains("NUL"));

        let mut reg = registration("UT-IN-1");
        reg["person"]["given_name"] = "An\u{202E}na".into();
        let (s, p) = create(&app, &reg).await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("person.given_name")),
            "{p}"
        );
        let mut reg = registration("UT-IN-1");
        reg["person"]["family_name"] = "Berg\u{200B}".into();
        assert_eq!(create(&app, &reg).await.0, 422);
        let mut reg = registration("UT-IN-1");
        reg["person"]["birth_date"] = "2027-01-01".into();
        let (s, p) = create(&app, &reg).await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("person.birth_date")),
            "{p}"
        );
        assert!(
            p["errors"][0]["reason"]
                .as_str()
                .unwrap()
                .contains("future")
        );

        // Trailing content after the JSON value: refused, nothing stored.
        let body = format!("{}xyz", registration("UT-IN-1"));
        let (s, p) = json(
            app.client
                .post(format!("{}/api/cases", app.base))
                .bearer_auth(token(Agency::Migrationsverket, Role::CaseOfficer))
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (400, Some("body")),
            "{p}"
        );
        assert_eq!(app.store.count_cases().await.unwrap(), 0, "{label}");

        // A valid case; then its events.
        let (s, c) = create(&app, &registration("UT-IN-1")).await;
        assert_eq!(s, 201, "{c}");
        let version = c["case"]["version"].as_u64().unwrap_or(1);
        let event = |on: &str, reason: &str| json!({"expected_version": version, "event": {"type": "fitness_assessed", "fit": true, "on": on}, "reason": reason});
        for (on, field) in [("0000-01-01", "event.on"), ("2101-01-01", "event.on")] {
            let (s, p) = json(
                app.post(
                    Agency::Migrationsverket,
                    "/api/cases/UT-IN-1/events",
                    &event(on, "x"),
                )
                .send()
                .await
                .unwrap(),
            )
            .await;
            assert_eq!(
                (s, p["errors"][0]["field"].as_str()),
                (422, Some(field)),
                "{on}: {p}"
            );
            assert!(
                p["errors"][0]["reason"]
                    .as_str()
                    .unwrap()
                    .contains("1900-01-01 to 2100-12-31")
            );
        }
        let (s, p) = json(
            app.post(
                Agency::Migrationsverket,
                "/api/cases/UT-IN-1/events",
                &event("2026-06-01", "a\u{0}b"),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("reason")),
            "{label}: {p}"
        );
        // Line breaks stay allowed in free text.
        let (s, p) = json(
            app.post(
                Agency::Migrationsverket,
                "/api/cases/UT-IN-1/events",
                &event("2026-06-01", "two\nlines"),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(s, 201, "{p}");

        // A display name, a matrix comment, a rejection reason.
        let (s, p) = put_user(
            &app,
            json!({"user": "ny.person", "display_name": "A\u{0}", "agency": "migrationsverket", "role": "auditor"}),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("display_name")),
            "{label}: {p}"
        );
        let (s, p) = json(
            app.client
                .put(format!("{}/api/matrix", app.base))
                .bearer_auth(token(MV_LO.0, MV_LO.1))
                .json(&json!({"rows": [], "comment": "nul\u{0}"}))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("comment")),
            "{label}: {p}"
        );
        let (s, p) = json(
            app.post_as(
                Agency::Nte,
                Role::TripPlanner,
                "/api/trips/proposals/P-1/reject",
                &json!({"reason": "\u{0}"}),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("reason")),
            "{label}: {p}"
        );
        // Query parameters and path segments.
        let (s, p) = json(
            app.get(Agency::Police, "/api/cases?q=%00")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("q")),
            "{label}: {p}"
        );
        let (s, p) = json(
            app.get(Agency::Police, "/api/cases/UT%00")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (422, Some("path")),
            "{label}: {p}"
        );
        let (s, _) = json(
            app.get_as(
                Agency::Nte,
                Role::TripPlanner,
                "/api/trips/offers?from=0001-01-01",
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(s, 422, "{label}");
        // Nothing bad was stored.
        assert_eq!(app.store.count_cases().await.unwrap(), 1);
        app.cleanup().await;
    }
}

/// "`GET /api/audit` itself is not audited"; every record is sealed under
/// the server's key.
#[tokio::test]
async fn reading_the_audit_trail_is_recorded_and_every_record_is_sealed() {
    for db in backends("audit_read").await {
        let label = db.label;
        let app = TestApp::spawn(db).await;
        let (s, _) = create(&app, &registration("UT-AR-1")).await;
        assert_eq!(s, 201);
        let (s, body) = json(
            app.get_as(Agency::Oversight, Role::Auditor, "/api/audit?case=UT-AR-1")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200, "{body}");
        let trail = app.store.audit_trail().await.unwrap();
        let last = trail.last().unwrap();
        assert_eq!(last.entry.action, AuditAction::AuditRead, "{label}");
        assert_eq!(last.entry.user, "oversight.auditor");
        assert_eq!(
            last.entry.legal_basis,
            vec![
                "case UT-AR-1".to_owned(),
                format!("{} records shown", body.as_array().unwrap().len())
            ]
        );
        assert!(trail.iter().all(|r| r.key_id == "api-test"));
        let s = opcentrum_access::audit::verify_sealed(&trail, &keyring()).unwrap();
        assert_eq!(s.unsealed_prefix, 0, "{label}");
        app.cleanup().await;
    }
}
