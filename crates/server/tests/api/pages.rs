//! The pages through a real server: permissions (deny by default), login with
//! CSRF, the session cookie, withheld fields marked, CSRF on page forms, the
//! language switch, and page reads audited like API reads.

use crate::{
    helpers::{PASSWORD, TestApp, registration, token, user_name},
    secrecy::rich_case,
};
use opcentrum_access::Role;
use opcentrum_domain::Agency;
use opcentrum_store::testing::TestDb;
use reqwest::{StatusCode, header};

/// A url-encoded form body (reqwest is built without its `form` feature).
trait FormBody {
    fn form_body(self, pairs: &[(&str, &str)]) -> Self;
}

impl FormBody for reqwest::RequestBuilder {
    fn form_body(self, pairs: &[(&str, &str)]) -> Self {
        self.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(serde_urlencoded::to_string(pairs).unwrap())
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `name=value` of a Set-Cookie header named `name`.
fn set_cookie(resp: &reqwest::Response, name: &str) -> Option<String> {
    resp.headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + marker.len();
    html[i..][..html[i..].find('"').unwrap()].to_owned()
}

/// Logs in through the login page; returns the session cookie.
async fn log_in(app: &TestApp, agency: Agency, role: Role) -> String {
    let c = client();
    let form = c.get(format!("{}/login", app.base)).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let login_cookie = set_cookie(&form, "opc_login_csrf").unwrap();
    let html = form.text().await.unwrap();
    let csrf = hidden(&html, "_csrf");
    let resp = c
        .post(format!("{}/login", app.base))
        .header(header::COOKIE, login_cookie)
        .form_body(&[
            ("user", user_name(agency, role).as_str()),
            ("password", PASSWORD),
            ("_csrf", csrf.as_str()),
            ("next", "/cases"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()[header::LOCATION], "/cases");
    let raw = resp
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(raw.iter().any(|c| c.starts_with("opc_session=")
        && c.contains("HttpOnly")
        && c.contains("SameSite=Strict")));
    set_cookie(&resp, "opc_session").unwrap()
}

async fn page_as(app: &TestApp, agency: Agency, role: Role, path: &str) -> (StatusCode, String) {
    let resp = client()
        .get(format!("{}{path}", app.base))
        .bearer_auth(token(agency, role))
        .send()
        .await
        .unwrap();
    (resp.status(), resp.text().await.unwrap())
}

#[tokio::test]
async fn pages_without_a_session_send_the_browser_to_the_login_page() {
    let app = TestApp::sqlite().await;
    let c = client();
    let resp = c
        .get(format!("{}/cases?stage=final", app.base))
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        resp.headers()[header::LOCATION],
        "/login?next=%2Fcases%3Fstage%3Dfinal"
    );
    // The live parts answer 401, not a redirect.
    let resp = c
        .get(format!("{}/picture/body", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let resp = c.get(format!("{}/live", app.base)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    // The login page and the static files are public.
    let resp = c.get(format!("{}/login", app.base)).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let resp = c
        .get(format!("{}/static/app.js", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn each_page_answers_200_to_roles_allowed_it_and_403_to_others() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    for path in [
        "/",
        "/picture/body?days=30",
        "/cases",
        &format!("/cases/{id}"),
        "/inbox",
        "/detention",
    ] {
        let (status, html) = page_as(&app, Agency::Police, Role::CaseOfficer, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!html.contains("<script>"), "{path}: no inline script");
        assert!(!html.contains(" style="), "{path}: no inline style");
    }
    // Every role reads the picture; an auditor of an agency has no case pages.
    let (status, _) = page_as(&app, Agency::Migrationsverket, Role::Auditor, "/").await;
    assert_eq!(status, StatusCode::OK);
    for path in ["/cases", &format!("/cases/{id}"), "/inbox", "/detention"] {
        let (status, _) = page_as(&app, Agency::Migrationsverket, Role::Auditor, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    // A bad period is refused, naming the parameter.
    let (status, html) = page_as(&app, Agency::Police, Role::CaseOfficer, "/?days=8").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("days"));
    app.cleanup().await;
}

#[tokio::test]
async fn the_case_page_marks_withheld_fields_with_the_reason_and_is_audited() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    let section = |html: &str, cat: &str| -> String {
        let start = html.find(&format!("data-category=\"{cat}\"")).unwrap();
        let rest = &html[start..];
        rest[..rest.find("</section>").unwrap()].to_owned()
    };
    let before = app.store.audit_trail().await.unwrap().len();
    let (status, police) = page_as(
        &app,
        Agency::Police,
        Role::CaseOfficer,
        &format!("/cases/{id}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let health = section(&police, "health");
    assert!(health.contains("data-withheld=\"true\""), "{health}");
    assert!(
        health.contains("sekretess: delningsmatrisen ger Polismyndigheten"),
        "{health}"
    );
    let (_, mv) = page_as(
        &app,
        Agency::Migrationsverket,
        Role::DetentionStaff,
        &format!("/cases/{id}"),
    )
    .await;
    let health = section(&mv, "health");
    assert!(!health.contains("data-withheld"), "{health}");
    assert!(health.contains("Lagstöd"), "{health}");
    // Two page reads, two audit records, as the API would write.
    // (The family card's list writes reads of the other members only.)
    let all = app.store.audit_trail().await.unwrap();
    let trail: Vec<_> = all[before..]
        .iter()
        .filter(|t| t.entry.case.as_deref() == Some(id.as_str()))
        .collect();
    let before = 0;
    assert_eq!(trail.len(), 2);
    let r = &trail[before].entry;
    assert_eq!(
        (r.user.as_str(), r.case.as_deref()),
        ("police.case_officer", Some(id.as_str()))
    );
    assert!(!r.categories.iter().any(|c| c.code() == "health"));
    assert!(
        trail[before + 1]
            .entry
            .categories
            .iter()
            .any(|c| c.code() == "health")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn a_page_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let db = TestDb::sqlite().unwrap();
    let app = TestApp::spawn_with(db, &[(Agency::Migrationsverket, Role::CaseOfficer)]).await;
    let resp = app
        .post(
            Agency::Migrationsverket,
            "/api/cases",
            &registration("UT-CSRF"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let session = log_in(&app, Agency::Migrationsverket, Role::CaseOfficer).await;
    let c = client();
    let form = [
        ("expected_version", "1"),
        ("to", "police"),
        ("police_reason", "absconded"),
    ];
    let resp = c
        .post(format!("{}/cases/UT-CSRF/handover", app.base))
        .header(header::COOKIE, &session)
        .form_body(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let resp = c
        .post(format!("{}/cases/UT-CSRF/handover", app.base))
        .header(header::COOKIE, &session)
        .form_body(&[
            ("_csrf", "wrong"),
            ("expected_version", "1"),
            ("to", "police"),
            ("police_reason", "absconded"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let case = app
        .store
        .case(&opcentrum_domain::ids::CaseId::parse("UT-CSRF").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.version, 1);
    // A JSON body to a page route with a session and no header is refused by the guard.
    let resp = c
        .post(format!("{}/cases/UT-CSRF/handover", app.base))
        .header(header::COOKIE, &session)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // The login form itself needs its token.
    let resp = c
        .post(format!("{}/login", app.base))
        .form_body(&[
            (
                "user",
                user_name(Agency::Migrationsverket, Role::CaseOfficer).as_str(),
            ),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    app.cleanup().await;
}

#[tokio::test]
async fn a_logged_in_officer_hands_a_case_over_and_the_police_inbox_shows_it() {
    let db = TestDb::sqlite().unwrap();
    let app = TestApp::spawn_with(db, &[(Agency::Migrationsverket, Role::CaseOfficer)]).await;
    let mut reg = registration("UT-HAND");
    reg["decision"]["final_on"] = serde_json::json!("2026-11-23");
    reg["absconding_risk"] = serde_json::json!(true);
    let resp = app
        .post(Agency::Migrationsverket, "/api/cases", &reg)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    // The copied date of finality is checked by a second person (JO 8824-2019).
    let resp = app
        .post_as(
            Agency::Migrationsverket,
            Role::OperationsLead,
            "/api/cases/UT-HAND/events",
            &serde_json::json!({"expected_version": 1, "event": {"type": "finality_confirmed", "final_on": "2026-11-23"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    let session = log_in(&app, Agency::Migrationsverket, Role::CaseOfficer).await;
    let c = client();
    let page = c
        .get(format!("{}/cases/UT-HAND", app.base))
        .header(header::COOKIE, &session)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("action=\"/cases/UT-HAND/actions/handover_proposed.police\""),
        "{page}"
    );
    let csrf = hidden(&page, "_csrf");
    let resp = c
        .post(format!("{}/cases/UT-HAND/handover", app.base))
        .header(header::COOKIE, &session)
        .form_body(&[
            ("_csrf", csrf.as_str()),
            ("expected_version", "2"),
            ("to", "police"),
            ("police_reason", "coercion_needed"),
            ("reason", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::SEE_OTHER,
        "{}",
        resp.text().await.unwrap()
    );
    let (status, inbox) = page_as(&app, Agency::Police, Role::CaseOfficer, "/inbox/body").await;
    assert_eq!(status, StatusCode::OK);
    assert!(inbox.contains("data-case=\"UT-HAND\""), "{inbox}");
    // Police accept through the page with a token (no session, no CSRF to forge).
    let resp = client()
        .post(format!("{}/cases/UT-HAND/accept", app.base))
        .bearer_auth(token(Agency::Police, Role::CaseOfficer))
        .form_body(&[("expected_version", "3"), ("handover", "HO-UT-HAND-3")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let case = app
        .store
        .case(&opcentrum_domain::ids::CaseId::parse("UT-HAND").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.stage, opcentrum_domain::Stage::HandedOver);
    assert_eq!(case.responsible, Agency::Police);
    app.cleanup().await;
}

#[tokio::test]
async fn the_language_switch_is_remembered_in_a_cookie() {
    let app = TestApp::sqlite().await;
    let c = client();
    let sv = c
        .get(format!("{}/login", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(sv.contains("<html lang=\"sv\">") && sv.contains("Användarnamn"));
    let resp = c
        .get(format!("{}/lang?to=en&back=%2Flogin", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(resp.headers()[header::LOCATION], "/login");
    let cookie = set_cookie(&resp, "opc_lang").unwrap();
    assert_eq!(cookie, "opc_lang=en");
    let en = c
        .get(format!("{}/login", app.base))
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\">") && en.contains("User name"));
    // No open redirect through the switch.
    let resp = c
        .get(format!(
            "{}/lang?to=en&back=https%3A%2F%2Fevil.example",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()[header::LOCATION], "/");
    app.cleanup().await;
}
