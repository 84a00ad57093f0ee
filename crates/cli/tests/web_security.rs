#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Web security of a running `opcentrum serve --demo`: every response carries
//! the security headers (strict CSP without inline script, nosniff, no
//! referrer, no framing); and a full flow (login, lists, case reads, writes,
//! export) logged at debug level leaves none of the demo persons' names or
//! dossier numbers, and no password or token, in the application log.

mod common;

use common::{Server, client, fitness, registration};
use opcentrum_domain::EventKind;
use opcentrum_store::{Store, testing::TempDir};

struct DemoUser {
    name: String,
    password: String,
    token: String,
}

fn demo_user(stdout: &str, name: &str) -> DemoUser {
    let line = stdout
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("demo user {name} in {stdout}"));
    let f: Vec<&str> = line.split_whitespace().collect();
    DemoUser {
        name: f[0].into(),
        password: f[3].into(),
        token: f[4].into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headers_are_strict_and_logs_hold_no_personal_data() {
    let dir = TempDir::new().unwrap();
    let url = dir.0.join("demo.sqlite").display().to_string();
    let server = Server::start(
        &url,
        &["--demo", "--demo-cases", "150"],
        "debug,hyper=debug,tower_http=debug,sqlx=debug",
    );
    // The users table is printed before the server listens.
    let stdout = server.stdout.lock().unwrap().clone();
    let officer = demo_user(&stdout, "mv.case-officer");
    let legal = demo_user(&stdout, "mv.legal-officer");
    let police = demo_user(&stdout, "polis.case-officer");
    let http = client();
    let base = server.base.clone();

    // Headers, on API, document, error and page responses.
    for path in [
        "/api/health",
        "/api/openapi.json",
        "/api/no-such-route",
        "/",
    ] {
        let r = http.get(format!("{base}{path}")).send().await.unwrap();
        let h = r.headers();
        assert_eq!(
            h["content-security-policy"],
            opcentrum_server::headers::CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        assert!(
            !h.contains_key("strict-transport-security"),
            "no HSTS over plain HTTP ({path})"
        );
    }

    // A full flow: login, lists, reads of each case, writes, export.
    let r = http
        .post(format!("{base}/api/login"))
        .json(&serde_json::json!({"user": officer.name, "password": officer.password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let list = common::get_json(&http, format!("{base}/api/cases?limit=200"), &officer.token).await;
    let ids: Vec<String> = list["items"]
        .as_array()
        .or_else(|| list["cases"].as_array())
        .expect("a list of cases")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(ids.len() >= 100, "{}", ids.len());
    for (i, id) in ids.iter().enumerate() {
        let token = if i % 2 == 0 {
            &officer.token
        } else {
            &police.token
        };
        let r = http
            .get(format!("{base}/api/cases/{id}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
    }
    let r = http
        .post(format!("{base}/api/cases"))
        .bearer_auth(&officer.token)
        .json(&registration("UT-LOG-1"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    for v in 1..4 {
        let r = http
            .post(format!("{base}/api/cases/UT-LOG-1/events"))
            .bearer_auth(&officer.token)
            .json(&fitness(v, "bedömd av läkare"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    // A refused write and a malformed body are logged too.
    let r = http
        .post(format!("{base}/api/cases/UT-LOG-1/events"))
        .bearer_auth(&officer.token)
        .json(&fitness(1, "stale"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409);
    let r = http
        .post(format!("{base}/api/cases"))
        .bearer_auth(&officer.token)
        .json(&serde_json::json!({"case_id": "UT-LOG-2", "person": {"given_name": "Testa"}}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error());
    let r = http
        .get(format!("{base}/api/export"))
        .bearer_auth(&legal.token)
        .send()
        .await
        .unwrap();
    let export_status = r.status();
    let export = r.text().await.unwrap();
    assert!(export_status.is_success(), "{export_status}: {export}");
    let log = server.kill();

    // The log is real debug output of the flow (the test can fail).
    assert!(log.contains("DEBUG"), "debug logging is on");
    assert!(log.contains("/api/cases"), "requests are logged");

    // Every demo person's identity, read from the store.
    let store = Store::connect(&url).await.unwrap();
    let mut persons = Vec::new();
    store
        .export_histories(|h| {
            if let EventKind::Registered { person, .. } = &h[0].kind {
                persons.push(person.clone());
            }
            Ok(())
        })
        .await
        .unwrap();
    store.close().await;
    assert!(persons.len() >= 150);
    let mut leaks = Vec::new();
    for p in &persons {
        for needle in [
            format!("{} {}", p.given_name, p.family_name),
            p.family_name.clone(),
            p.dossier_number.clone(),
        ] {
            if needle.len() >= 4 && log.contains(&needle) {
                leaks.push(needle);
            }
        }
    }
    for secret in [
        &officer.password,
        &officer.token,
        &legal.token,
        &police.token,
    ] {
        if log.contains(secret.as_str()) {
            leaks.push("a password or token".into());
        }
    }
    assert!(
        leaks.is_empty(),
        "personal data or secrets in the log: {leaks:?}"
    );
    eprintln!(
        "log privacy: {} log bytes at debug level, {} persons checked, none found",
        log.len(),
        persons.len()
    );
}
