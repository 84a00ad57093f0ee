//! Bad input is a 4xx naming the field and the reason, never a 5xx.

use crate::helpers::{TestApp, json, registration};
use opcentrum_domain::Agency;
use serde_json::json;

#[tokio::test]
async fn no_or_bad_credentials_are_401() {
    let app = TestApp::sqlite().await;
    let (s, p) = json(
        app.client
            .get(format!("{}/api/cases", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 401);
    assert_eq!(p["status"], 401);
    let (s, _) = json(
        app.client
            .get(format!("{}/api/cases", app.base))
            .bearer_auth("nope")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 401);
    app.cleanup().await;
}

#[tokio::test]
async fn malformed_and_invalid_bodies_name_the_field() {
    let app = TestApp::sqlite().await;
    let url = format!("{}/api/cases", app.base);
    let (s, p) = json(
        app.client
            .post(&url)
            .bearer_auth(crate::helpers::token(
                Agency::Migrationsverket,
                opcentrum_access::Role::CaseOfficer,
            ))
            .header("content-type", "application/json")
            .body("{\"case_id\":")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 400, "{p}");
    let mut body = registration("UT-1");
    body["person"]["birth_date"] = json!("1990-02-30");
    let (s, p) = json(
        app.post(Agency::Migrationsverket, "/api/cases", &body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"][0]["field"], "person.birth_date");
    let mut body = registration("UT-1");
    body["destination"] = json!("SE");
    let (s, p) = json(
        app.post(Agency::Migrationsverket, "/api/cases", &body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (422, Some("event.destination"))
    );
    let mut body = registration("UT-1");
    body["case_id"] = json!("has space");
    let (s, p) = json(
        app.post(Agency::Migrationsverket, "/api/cases", &body)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (422, Some("case_id"))
    );
    let (s, _) = json(
        app.client
            .post(&url)
            .bearer_auth(crate::helpers::token(
                Agency::Migrationsverket,
                opcentrum_access::Role::CaseOfficer,
            ))
            .body("x")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 415);
    // Nothing was stored by any of these.
    assert_eq!(app.store.count_cases().await.unwrap(), 0);
    app.cleanup().await;
}

#[tokio::test]
async fn bad_query_parameters_name_the_parameter() {
    let app = TestApp::sqlite().await;
    for (query, status, field) in [
        ("stage=nope", 422, "stage"),
        ("limit=0", 422, "limit"),
        ("limit=abc", 400, "limit"),
        ("destination=iq", 422, "destination"),
        ("ready=maybe", 400, "ready"),
        ("colour=red", 400, "colour"),
    ] {
        let (s, p) = json(
            app.get(Agency::Police, &format!("/api/cases?{query}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            (s, p["errors"][0]["field"].as_str()),
            (status, Some(field)),
            "{query}: {p}"
        );
    }
    let (s, _) = json(
        app.get(Agency::Police, "/api/cases/UT-404")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = json(
        app.get(Agency::Police, "/api/agencies/customs/inbox")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = json(
        app.get(Agency::Police, "/api/nothing")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 404);
    app.cleanup().await;
}
