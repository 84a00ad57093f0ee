//! Issue 14 through the API: `GET /api/cases/{id}` shows the whole-case detention
//! total, the limit with its rule and the next review; a coercive step waits for
//! a second person's check of the date of finality (JO 8824-2019).

use crate::helpers::{TestApp, json, registration, value_of};
use opcentrum_access::Role;
use opcentrum_domain::{
    Agency,
    facility::{Facility, FacilityKind},
    ids::FacilityId,
};
use serde_json::{Value, json};

async fn append(app: &TestApp, role: Role, id: &str, v: u64, event: Value) -> (u16, Value) {
    json(
        app.post_as(
            Agency::Migrationsverket,
            role,
            &format!("/api/cases/{id}/events"),
            &json!({"expected_version": v, "event": event}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await
}

/// MIG 2019:17: a transfer does not restart the clock; the case shows the total
/// over both placements, the limit two months after the first one with its rule
/// and statute, and the review due then (MIG 2013:7).
#[tokio::test]
async fn the_case_shows_the_whole_case_detention_total_limit_and_next_review() {
    let app = TestApp::sqlite().await;
    for id in ["F-X", "F-Y"] {
        app.store
            .put_facility(&Facility {
                id: FacilityId::parse(id).unwrap(),
                name: format!("Förvar {id}"),
                kind: FacilityKind::DetentionUnit,
                capacity: 40,
            })
            .await
            .unwrap();
    }
    let (s, _) = json(
        app.post(
            Agency::Migrationsverket,
            "/api/cases",
            &registration("UT-L"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 201);
    let officer = Role::CaseOfficer;
    let (s, b) = append(
        &app,
        officer,
        "UT-L",
        1,
        json!({"type": "decision_final", "final_on": "2026-11-23"}),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    // Enforcement detention waits for the second person's check.
    let start = json!({"type": "detention_started", "facility": "F-X", "basis": "enforcement", "started_at": "2026-12-01T09:00:00Z"});
    let (s, b) = append(&app, officer, "UT-L", 2, start.clone()).await;
    assert_eq!(
        (s, b["rule"].as_str()),
        (409, Some("finality_confirmed")),
        "{b}"
    );
    let confirm = json!({"type": "finality_confirmed", "final_on": "2026-11-23"});
    let (s, b) = append(&app, officer, "UT-L", 2, confirm.clone()).await;
    assert_eq!(
        (s, b["rule"].as_str()),
        (409, Some("finality_confirmed")),
        "{b}"
    );
    let (s, b) = append(&app, Role::OperationsLead, "UT-L", 2, confirm).await;
    assert_eq!(s, 201, "{b}");
    for (v, e) in [
        (3, start),
        (
            4,
            json!({"type": "detention_ended", "at": "2026-12-05T09:00:00Z", "reason": "transferred"}),
        ),
        (
            5,
            json!({"type": "detention_started", "facility": "F-Y", "basis": "enforcement", "started_at": "2026-12-05T09:00:00Z"}),
        ),
    ] {
        let (s, b) = append(&app, officer, "UT-L", v, e).await;
        assert_eq!(s, 201, "{b}");
    }
    let (s, case) = json(
        app.get(Agency::Migrationsverket, "/api/cases/UT-L")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{case}");
    let summary = &value_of(&case, "location")["detention_summary"];
    // Four days in F-X and three (to NOW, 2026-12-08 09:00) in F-Y.
    assert_eq!(summary["held"]["detention_hours"], 168, "{summary}");
    assert_eq!(summary["held"]["placements"], 2);
    assert_eq!(summary["ends_at"], "2027-02-01T09:00:00Z");
    assert_eq!(summary["rule"], "detention_enforcement");
    assert_eq!(
        summary["statute"],
        "UtlL (2005:716) 10 kap. 4 §; MIG 2013:3; MIG 2019:17"
    );
    assert_eq!(summary["next_review"], "2027-02-01T09:00:00Z");
    assert_eq!(summary["next_review_rule"], "detention_review_enforcement");
    assert_eq!(summary["counsel_required"], true);
    assert_eq!(summary["status"], "within");
    app.cleanup().await;
}
