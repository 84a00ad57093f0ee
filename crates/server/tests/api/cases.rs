use crate::helpers::{TestApp, json, registration};
use opcentrum_domain::Agency;
use opcentrum_store::testing::backends;
use serde_json::json;

async fn append(
    app: &TestApp,
    agency: Agency,
    id: &str,
    version: u64,
    event: serde_json::Value,
) -> (u16, serde_json::Value) {
    json(
        app.post(
            agency,
            &format!("/api/cases/{id}/events"),
            &json!({"expected_version": version, "event": event}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_case_moves_from_migrationsverket_to_the_police_inbox() {
    for db in backends("a_case_moves_from_migrationsverket_to_the_police_inbox").await {
        let app = TestApp::spawn(db).await;
        let (status, body) = json(
            app.post(
                Agency::Migrationsverket,
                "/api/cases",
                &registration("UT-1"),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["stage"], "registered");
        assert_eq!(body["version"], 1);
        let unmet: Vec<&str> = body["unmet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["condition"].as_str().unwrap())
            .collect();
        assert!(unmet.contains(&"not_final"), "{unmet:?}");

        let (s, _) = append(
            &app,
            Agency::Migrationsverket,
            "UT-1",
            1,
            json!({"type": "decision_final", "final_on": "2026-11-23"}),
        )
        .await;
        assert_eq!(s, 201);
        // A second person checks the date of finality (JO 8824-2019).
        let (s, b) = json(
            app.post_as(
                Agency::Migrationsverket,
                opcentrum_access::Role::OperationsLead,
                "/api/cases/UT-1/events",
                &json!({"expected_version": 2, "event": {"type": "finality_confirmed", "final_on": "2026-11-23"}}),
            )
            .send()
            .await
            .unwrap(),
        )
        .await;
        assert_eq!(s, 201, "{b}");
        let (s, b) = append(&app, Agency::Migrationsverket, "UT-1", 3, json!({"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "coercion_needed"}})).await;
        assert_eq!(s, 201, "{b}");

        let (s, inbox) = json(
            app.get(Agency::Police, "/api/agencies/police/inbox")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(inbox["items"][0]["preview"]["id"], "UT-1");
        assert_eq!(inbox["items"][0]["handover"]["to"], "police");
        // The police case officer reads the decision category: the reason shows.
        assert_eq!(inbox["items"][0]["handover"]["reason"], "coercion_needed");

        let (s, b) = append(
            &app,
            Agency::Police,
            "UT-1",
            4,
            json!({"type": "handover_accepted", "handover": "H1"}),
        )
        .await;
        assert_eq!(s, 201, "{b}");
        assert_eq!(b["stage"], "handed_over");
        assert_eq!(b["responsible"], "police");

        let (s, list) = json(
            app.get(Agency::Police, "/api/cases?stage=handed_over")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(list["items"].as_array().unwrap().len(), 1);
        assert_eq!(list["items"][0]["id"], "UT-1");

        let (s, detail) = json(
            app.get(Agency::Police, "/api/cases/UT-1")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200);
        let types: Vec<&str> = detail["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            types,
            [
                "registered",
                "decision_final",
                "finality_confirmed",
                "handover_proposed",
                "handover_accepted"
            ]
        );
        assert_eq!(detail["history"][4]["agency"], "police");

        let (s, counts) = json(
            app.get(Agency::Nte, "/api/stats/stages")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200);
        assert_eq!(counts["total"], 1);
        assert_eq!(counts["counts"][0]["stage"], "handed_over");
        app.cleanup().await;
    }
}

#[tokio::test]
async fn an_illegal_transition_is_refused_naming_the_rule_and_changes_nothing() {
    let app = TestApp::sqlite().await;
    app.post(
        Agency::Migrationsverket,
        "/api/cases",
        &registration("UT-2"),
    )
    .send()
    .await
    .unwrap();
    // Migrationsverket may hand a case to the police (the catalogue), but not
    // before the decision is final (the law).
    let resp = app
        .post(Agency::Migrationsverket, "/api/cases/UT-2/events", &json!({"expected_version": 1, "event": {"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "coercion_needed"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.headers()["content-type"], "application/problem+json");
    let (s, p) = json(resp).await;
    assert_eq!(s, 409);
    assert_eq!(p["rule"], "enforcement_requires_final");
    assert_eq!(p["statute"], "UtlL (2005:716) 12 kap. 14 §");
    assert_eq!(
        p["detail"],
        "cannot hand the case over to the police: decision not final (UtlL (2005:716) 12 kap. 14 §)"
    );
    assert!(
        p["detail_sv"]
            .as_str()
            .unwrap()
            .starts_with("kan inte lämna över ärendet till polisen")
    );
    let (_, detail) = json(
        app.get(Agency::Migrationsverket, "/api/cases/UT-2")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(detail["version"], 1);
    assert_eq!(detail["history"].as_array().unwrap().len(), 1);
    app.cleanup().await;
}

#[tokio::test]
async fn a_stale_version_is_a_409_and_the_other_agency_is_403() {
    let app = TestApp::sqlite().await;
    app.post(
        Agency::Migrationsverket,
        "/api/cases",
        &registration("UT-3"),
    )
    .send()
    .await
    .unwrap();
    let (s, _) = append(
        &app,
        Agency::Migrationsverket,
        "UT-3",
        1,
        json!({"type": "decision_final", "final_on": "2026-11-23"}),
    )
    .await;
    assert_eq!(s, 201);
    let (s, p) = append(
        &app,
        Agency::Migrationsverket,
        "UT-3",
        1,
        json!({"type": "absconded", "on": "2026-12-01"}),
    )
    .await;
    assert_eq!(
        (s, p["type"].as_str()),
        (409, Some("urn:opcentrum:problem:version-conflict"))
    );
    let (s, p) = append(
        &app,
        Agency::Police,
        "UT-3",
        2,
        json!({"type": "cancelled"}),
    )
    .await;
    // The police may cancel cases, but only those it decided (catalogue row
    // `cancelled`, condition: the deciding agency).
    assert_eq!((s, p["rule"].as_str()), (403, Some("action:cancelled")));
    let (s, _) = append(
        &app,
        Agency::Oversight,
        "UT-3",
        2,
        json!({"type": "absconded", "on": "2026-12-01"}),
    )
    .await;
    assert_eq!(s, 403);
    app.cleanup().await;
}

#[tokio::test]
async fn facilities_and_rules_are_listed() {
    let app = TestApp::sqlite().await;
    app.store
        .put_facility(&opcentrum_domain::facility::Facility {
            id: opcentrum_domain::ids::FacilityId::parse("F-X").unwrap(),
            name: "Förvar X".into(),
            kind: opcentrum_domain::facility::FacilityKind::DetentionUnit,
            capacity: 40,
        })
        .await
        .unwrap();
    let (s, f) = json(
        app.get(Agency::Migrationsverket, "/api/facilities")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        (f[0]["facility"]["capacity"].as_u64(), f[0]["free"].as_u64()),
        (Some(40), Some(40))
    );
    let (s, rules) = json(app.get(Agency::Police, "/api/rules").send().await.unwrap()).await;
    assert_eq!(s, 200);
    let child = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "child_detention")
        .unwrap();
    assert_eq!(child["limit"]["hours"], 72);
    assert_eq!(child["statute"], "UtlL (2005:716) 10 kap. 5 §");
    // Names and wording come from the text catalogue, in both languages.
    assert_eq!(child["name_sv"], "Förvar av barn");
    assert_eq!(child["name_en"], "Detention of a child");
    assert_eq!(child["text_key"], "rule.child_detention.text");
    assert!(
        child["text_sv"]
            .as_str()
            .is_some_and(|t| t.starts_with("Ett barn får inte hållas i förvar längre än 72 timmar")),
        "{child}"
    );
    let appeal: Vec<_> = rules
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == "appeal_period")
        .collect();
    assert_eq!(appeal.len(), 2, "one row per period");
    assert_ne!(appeal[0]["text_sv"], appeal[1]["text_sv"]);
    // The action catalogue's names and field help, from the same catalogue.
    let (s, actions) = json(
        app.get(Agency::Police, "/api/actions")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    let lodged = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "supervision_ordered")
        .unwrap();
    assert_eq!(lodged["name_sv"], "Besluta om uppsikt");
    assert_eq!(lodged["name_en"], "Order supervision");
    assert_eq!(lodged["fields"][0]["name"], "on");
    assert_eq!(lodged["fields"][0]["help_en"], "Day (YYYY-MM-DD).");
    assert_eq!(lodged["fields"][0]["help_sv"], "Dag (ÅÅÅÅ-MM-DD).");
    assert_eq!(lodged["conditions"][0], "responsible");
    app.cleanup().await;
}
