//! The sharing matrix enforced through the HTTP API, on every read path: for
//! every reader agency × role × category, allowed fields are present and the
//! others withheld — on the case detail, the list and the export.

use crate::helpers::{TestApp, json, token, value_of};
use jiff::civil::date;
use opcentrum_access::{Role, matrix::default_rows};
use opcentrum_domain::{
    Actor, Agency, Country, EventKind,
    decision::{Decision, DecisionKind, DecisionMaker},
    detention::DetentionBasis,
    event::{HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    facility::{Facility, FacilityKind},
    ids::{CaseId, FacilityId, FamilyId, HandoverId, PersonId, TripId, UserName},
    person::{Person, Sex},
};
use opcentrum_store::NewEvent;
use serde_json::Value;

const GIVEN_NAME: &str = "Zorvantia";

/// A case with every category filled: an expulsion for a crime, a family, a
/// detention, documents, fitness to fly and a planned trip.
pub async fn rich_case(app: &TestApp) -> CaseId {
    let s = &app.store;
    s.put_facility(&Facility {
        id: FacilityId::parse("F-UNIT").unwrap(),
        name: "Förvar".into(),
        kind: FacilityKind::DetentionUnit,
        capacity: 10,
    })
    .await
    .unwrap();
    let at = |a: Agency| Actor {
        user: UserName::parse(format!("{}.case_officer", a.code())).unwrap(),
        agency: a,
    };
    let ev = |a: Agency, kind: EventKind| NewEvent {
        actor: if matches!(kind, EventKind::FinalityConfirmed { .. }) {
            opcentrum_domain::Actor {
                user: UserName::parse(format!("{}.operations_lead", a.code())).unwrap(),
                agency: a,
            }
        } else {
            at(a)
        },
        kind,
        reason: Some("synthetic".into()),
        audit: None,
    };
    let now: jiff::Timestamp = crate::helpers::NOW.parse().unwrap();
    let person = Person {
        id: PersonId::parse("P-RICH").unwrap(),
        given_name: GIVEN_NAME.into(),
        family_name: "Qelmarsson".into(),
        birth_date: date(1985, 3, 3),
        sex: Sex::M,
        citizenship: Country::parse("IQ").unwrap(),
        dossier_number: "D-RICH".into(),
    };
    let decision = Decision {
        kind: DecisionKind::ExpulsionForCrime,
        decided_by: DecisionMaker::GeneralCourt,
        decided_on: date(2026, 9, 30),
        notified_on: Some(date(2026, 9, 30)),
        final_on: None,
        departure: None,
        departure_extended_until: None,
    };
    let id = CaseId::parse("UT-RICH").unwrap();
    s.create_case(
        Some(id.clone()),
        ev(
            Agency::Migrationsverket,
            EventKind::Registered {
                person,
                decision,
                destination: Country::parse("IQ").unwrap(),
                family: Some(FamilyId::parse("F-RICH").unwrap()),
                absconding_risk: true,
            },
        ),
        now,
    )
    .await
    .unwrap();
    let h = |x: &str| HandoverId::parse(x).unwrap();
    let steps = vec![
        (
            Agency::Migrationsverket,
            EventKind::DecisionFinal {
                final_on: date(2026, 10, 22),
                appeal_waived: false,
            },
        ),
        // A second person checks the date against the decision (JO 8824-2019).
        (
            Agency::Migrationsverket,
            EventKind::FinalityConfirmed {
                final_on: date(2026, 10, 22),
            },
        ),
        (
            Agency::Migrationsverket,
            EventKind::HandoverProposed {
                handover: h("H1"),
                to: HandoverKind::ToPolice {
                    reason: PoliceHandoverReason::CoercionNeeded,
                },
            },
        ),
        (
            Agency::Police,
            EventKind::HandoverAccepted { handover: h("H1") },
        ),
        (
            Agency::Police,
            EventKind::TravelDocumentIssued {
                document: TravelDocumentKind::Passport,
                valid_until: date(2027, 6, 1),
            },
        ),
        (
            Agency::Police,
            EventKind::DestinationAccepted {
                on: date(2026, 12, 1),
            },
        ),
        (
            Agency::Police,
            EventKind::FitnessAssessed {
                fit: true,
                on: date(2026, 12, 1),
            },
        ),
        (
            Agency::Police,
            EventKind::HandoverProposed {
                handover: h("H2"),
                to: HandoverKind::TransportRequest { escorted: true },
            },
        ),
        (
            Agency::Nte,
            EventKind::HandoverAccepted { handover: h("H2") },
        ),
        (
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: FacilityId::parse("F-UNIT").unwrap(),
                basis: DetentionBasis::Enforcement,
                started_at: now,
                exceptional_reasons: None,
            },
        ),
        (
            Agency::Nte,
            EventKind::Planned {
                trip: TripId::parse("C-IQ-1").unwrap(),
                trip_date: date(2026, 12, 20),
            },
        ),
    ];
    for (i, (a, kind)) in steps.into_iter().enumerate() {
        s.append(&id, i as u64 + 1, ev(a, kind), now).await.unwrap();
    }
    id
}

/// Who owns what in this case (responsible now: NTE): the registering agency
/// owns identity, decision, family, security risk and criminal record; the
/// responsible agency location and health; the police the travel documents; NTE the trip.
fn owner(category: &str) -> Agency {
    match category {
        "location" | "health" | "trip" => Agency::Nte,
        "travel_documents" => Agency::Police,
        _ => Agency::Migrationsverket,
    }
}

fn allowed(category: &str, reader: Agency, role: Role) -> bool {
    default_rows().iter().any(|r| {
        r.allowed
            && r.category.code() == category
            && r.owner == owner(category)
            && r.reader_agency == reader
            && r.reader_role == role
    })
}

const CATEGORIES: [&str; 9] = [
    "identity",
    "decision",
    "location",
    "health",
    "security_risk",
    "family",
    "travel_documents",
    "criminal_record",
    "trip",
];

fn check(case: &Value, reader: Agency, role: Role, path: &str) {
    for c in CATEGORIES {
        let section = case["sections"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["category"] == c)
            .unwrap_or_else(|| panic!("{path}: no section {c}"));
        let want = allowed(c, reader, role);
        let status = section["status"].as_str().unwrap();
        assert_eq!(
            status,
            if want { "visible" } else { "withheld" },
            "{path}: {}/{} reading {c}",
            reader.code(),
            role.code()
        );
        if want {
            assert!(
                section["legal_basis"]
                    .as_str()
                    .is_some_and(|b| !b.is_empty()),
                "{path}: {c} visible without a legal basis"
            );
        } else {
            assert!(
                section.get("value").is_none(),
                "{path}: withheld {c} carries a value"
            );
            assert!(
                section["reason_en"]
                    .as_str()
                    .unwrap()
                    .contains("no legal basis"),
                "{path}: {c}"
            );
            assert!(section["reason_sv"].as_str().is_some_and(|r| !r.is_empty()));
        }
    }
    let text = case.to_string();
    assert_eq!(
        text.contains(GIVEN_NAME),
        allowed("identity", reader, role),
        "{path}: the name leaks or is missing for {}/{}",
        reader.code(),
        role.code()
    );
    assert_eq!(
        text.contains("expulsion_for_crime\":true"),
        allowed("criminal_record", reader, role),
        "{path}: criminal record for {}/{}",
        reader.code(),
        role.code()
    );
    if !allowed("criminal_record", reader, role) {
        assert!(
            !text.contains("\"expulsion_for_crime\""),
            "{path}: a reader without the criminal record learns the kind"
        );
        assert!(
            !text.contains("general_court"),
            "{path}: the court reveals the crime"
        );
    }
    if allowed("identity", reader, role) {
        assert_eq!(
            value_of(case, "identity")["person"]["given_name"],
            GIVEN_NAME
        );
    }
}

#[tokio::test]
async fn every_reader_sees_exactly_what_the_matrix_allows_on_detail_list_and_export() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    for reader in Agency::ALL {
        for role in Role::ALL {
            let may_read =
                opcentrum_access::allowed(reader, role, opcentrum_access::Permission::ReadCases);
            let (s, detail) = json(
                app.get_as(reader, role, &format!("/api/cases/{id}"))
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            if !may_read {
                assert_eq!(
                    s,
                    403,
                    "{}/{} may not read cases",
                    reader.code(),
                    role.code()
                );
                continue;
            }
            assert_eq!(s, 200, "{detail}");
            check(&detail, reader, role, "detail");
            // The history: an event is shown only when all it reveals is readable.
            for e in detail["history"].as_array().unwrap() {
                if e["type"] == "fitness_assessed" {
                    assert_eq!(
                        e["event"].is_object(),
                        allowed("health", reader, role),
                        "history for {}/{}",
                        reader.code(),
                        role.code()
                    );
                }
            }
            let (s, list) = json(
                app.get_as(reader, role, "/api/cases?q=UT-RICH")
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(s, 200);
            check(&list["items"][0], reader, role, "list");
            let may_export =
                opcentrum_access::allowed(reader, role, opcentrum_access::Permission::Export);
            let resp = app
                .get_as(reader, role, "/api/export")
                .send()
                .await
                .unwrap();
            if may_export {
                assert_eq!(resp.status().as_u16(), 200);
                let text = resp.text().await.unwrap();
                let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
                check(&line, reader, role, "export");
            } else {
                assert_eq!(resp.status().as_u16(), 403);
            }
        }
    }
    app.cleanup().await;
}

#[tokio::test]
async fn the_police_lack_the_health_fields_a_detention_officer_sees() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    let (_, police) = json(
        app.get_as(
            Agency::Police,
            Role::CaseOfficer,
            &format!("/api/cases/{id}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    let (_, mv) = json(
        app.get_as(
            Agency::Migrationsverket,
            Role::DetentionStaff,
            &format!("/api/cases/{id}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(crate::helpers::status_of(&police, "health"), "withheld");
    assert_eq!(crate::helpers::status_of(&mv, "health"), "visible");
    assert_eq!(value_of(&mv, "health")["fitness"]["fit"], true);
    app.cleanup().await;
}

#[tokio::test]
async fn filtering_by_a_field_one_may_not_read_is_refused() {
    let app = TestApp::sqlite().await;
    // The police case officer may not read health, which readiness reveals.
    let (s, p) = json(
        app.get_as(Agency::Police, Role::CaseOfficer, "/api/cases?ready=true")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 403, "{p}");
    assert_eq!(p["errors"][0]["field"], "ready");
    let (s, _) = json(
        app.get_as(Agency::Nte, Role::TripPlanner, "/api/cases?ready=true")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    app.cleanup().await;
}

#[tokio::test]
async fn a_read_creates_exactly_the_expected_audit_record() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    let before = app.store.audit_trail().await.unwrap().len();
    let resp = app
        .client
        .get(format!("{}/api/cases/{id}", app.base))
        .bearer_auth(token(Agency::Police, Role::CaseOfficer))
        .header("x-opcentrum-purpose", "locating the person")
        .send()
        .await
        .unwrap();
    let request_id = resp.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(resp.status().as_u16(), 200);
    let trail = app.store.audit_trail().await.unwrap();
    assert_eq!(trail.len(), before + 1);
    let r = &trail[before].entry;
    assert_eq!(
        (r.user.as_str(), r.agency.as_str(), r.role.as_str()),
        ("police.case_officer", "police", "case_officer")
    );
    assert_eq!(r.case.as_deref(), Some("UT-RICH"));
    assert_eq!(r.action, opcentrum_access::audit::AuditAction::Read);
    assert_eq!(r.purpose, "locating the person");
    assert_eq!(r.request_id, request_id);
    let cats: Vec<&str> = r.categories.iter().map(|c| c.code()).collect();
    let expected: Vec<&str> = CATEGORIES
        .iter()
        .copied()
        .filter(|c| allowed(c, Agency::Police, Role::CaseOfficer))
        .collect();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by_key(|c| opcentrum_access::FieldCategory::parse(c));
    assert_eq!(cats, expected_sorted);
    assert!(!cats.contains(&"health"));
    assert!(r.legal_basis.iter().all(|b| !b.is_empty()) && !r.legal_basis.is_empty());
    // No personal data in the trail.
    let text = serde_json::to_string(&trail).unwrap();
    assert!(!text.contains(GIVEN_NAME));
    assert!(opcentrum_access::audit::verify_sealed(&trail, &crate::helpers::keyring()).is_ok());
    app.cleanup().await;
}

#[tokio::test]
async fn a_draft_matrix_is_compared_and_a_stored_one_applies_at_once() {
    let app = TestApp::sqlite().await;
    let id = rich_case(&app).await;
    let (s, m) = json(
        app.get_as(Agency::Migrationsverket, Role::LegalOfficer, "/api/matrix")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    let mut rows = m["rows"].as_array().unwrap().clone();
    for r in rows.iter_mut() {
        if r["category"] == "health"
            && r["reader_agency"] == "police"
            && r["reader_role"] == "case_officer"
        {
            r["allowed"] = true.into();
            r["legal_basis"] = "lag (2027:1) om ändring i OSL (förslag)".into();
        }
    }
    let draft = serde_json::json!({"rows": rows, "comment": "Försök: polisen ser flygduglighet"});
    let (s, d) = json(
        app.post_as(
            Agency::Migrationsverket,
            Role::LegalOfficer,
            "/api/matrix/diff",
            &draft,
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{d}");
    assert_eq!(d["changes"].as_array().unwrap().len(), 3, "{d}");
    assert!(
        d["changes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["change"] == "gained"
                && c["category"] == "health"
                && c["reader_agency"] == "police")
    );
    // Not yet in force.
    let (_, police) = json(
        app.get_as(
            Agency::Police,
            Role::CaseOfficer,
            &format!("/api/cases/{id}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(crate::helpers::status_of(&police, "health"), "withheld");
    // Only a legal officer stores it.
    let put = |a, r| {
        app.client
            .put(format!("{}/api/matrix", app.base))
            .bearer_auth(token(a, r))
            .json(&draft)
    };
    assert_eq!(
        put(Agency::Police, Role::OperationsLead)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        403
    );
    // Proposed by one legal officer, in force once another approves (issue 13).
    let (s, v) = json(
        put(Agency::Migrationsverket, Role::LegalOfficer)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, v["status"].as_str()), (202, Some("pending")), "{v}");
    let (s, v) = json(
        app.post_as(
            Agency::Police,
            Role::LegalOfficer,
            &format!("/api/admin/changes/{}/approve", v["id"]),
            &serde_json::json!({}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!((s, v["status"].as_str()), (200, Some("approved")), "{v}");
    let (_, police) = json(
        app.get_as(
            Agency::Police,
            Role::CaseOfficer,
            &format!("/api/cases/{id}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(crate::helpers::status_of(&police, "health"), "visible");
    let (_, hist) = json(
        app.get_as(
            Agency::Migrationsverket,
            Role::LegalOfficer,
            "/api/matrix/history",
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(
        hist[0]["changed_by"],
        "migrationsverket.legal_officer (approved by police.legal_officer)"
    );
    assert_eq!(hist[0]["comment"], "Försök: polisen ser flygduglighet");
    // A row allowed without a legal basis is refused, naming the row.
    let mut bad = rows.clone();
    bad[0]["allowed"] = true.into();
    bad[0]["legal_basis"] = "".into();
    let (s, p) = json(
        put(Agency::Migrationsverket, Role::LegalOfficer)
            .json(&serde_json::json!({"rows": bad, "comment": "x"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (s, p["errors"][0]["field"].as_str()),
        (422, Some("rows[0]")),
        "{p}"
    );
    app.cleanup().await;
}
