//! The action catalogue is what is enforced: for every event row of
//! `Catalogue::builtin()` and every agency × role, the row's event is posted
//! through HTTP on a case where the event is applicable and the row's
//! conditions hold for the row's first granted agency. It is refused (403,
//! `rule: "action:<row>"`, one audit record) exactly when the caller is not
//! granted the row, its agency fails one of the row's conditions, or it may
//! not read (default matrix) a category the row writes; otherwise it is
//! recorded (201) or kept for a second person (202). Then every read and
//! administrative route × every principal: 403 exactly when the route's row
//! does not grant the caller.
//!
//! Decided by the catalogue, pinned here as it stands: `fitness_assessed` and
//! `impediment_lodged` carry no condition (Migrationsverket's and NTE's
//! roles that read health record fitness on any case; any lodging role
//! records an impediment); a refusal before the case is read names the
//! event's base row (see below); `registered` is refused on `POST
//! /api/cases` with an audit record without a case.

use crate::helpers::{TestApp, json, registration, user_name};
use crate::seed::{
    DEPARTED_ON, DEPARTED_TRIP, EARLY, Reg, Story, T0, kind, load, may_read, principals,
    reference_data,
};
use opcentrum_access::{
    Catalogue, Role,
    audit::AuditAction,
    catalogue::{ActionKind, Condition, action_id_of, deciding_agency},
};
use opcentrum_domain::{Agency, Case};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The seed and the payload for one event row.
struct RowCase {
    row: &'static str,
    seed: fn(&str) -> Story,
    event: Value,
}

fn rc(row: &'static str, seed: fn(&str) -> Story, event: Value) -> RowCase {
    RowCase { row, seed, event }
}

fn mv_detained(id: &str) -> Story {
    Story::new(id).final_().then(
        Agency::Migrationsverket,
        json!({"type": "detention_started", "facility": "F-UNIT", "basis": "enforcement", "started_at": T0}),
    )
}

/// A child (UtlL 10 kap. 3 §; art. 10.2: guardians and reception are a child's).
fn child(id: &str) -> Story {
    Story::with(
        id,
        Reg {
            birth_date: "2014-03-03",
            ..Reg::plain()
        },
        T0,
    )
    .final_()
}

fn police_custody(id: &str) -> Story {
    Story::new(id).final_().police().then(
        Agency::Police,
        json!({"type": "detention_started", "facility": "F-CELL", "basis": "police_custody", "started_at": T0}),
    )
}

fn with_impediment(id: &str, kind: &str) -> Story {
    Story::new(id).final_().then(
        Agency::Migrationsverket,
        json!({"type": "impediment_lodged", "impediment": "IMP-1", "kind": kind, "lodged_on": "2026-12-01"}),
    )
}

fn on_departed_trip(id: &str) -> Story {
    Story::with(id, Reg::plain(), EARLY).planned(DEPARTED_TRIP, DEPARTED_ON)
}

fn table() -> Vec<RowCase> {
    let at = crate::helpers::NOW;
    vec![
        rc(
            "decision_final",
            Story::new,
            json!({"type": "decision_final", "final_on": "2026-10-22"}),
        ),
        // The seed's date was recorded by another user: the caller is the
        // second person (JO 8824-2019).
        rc(
            "finality_confirmed",
            |id| Story::new(id).final_unconfirmed(),
            json!({"type": "finality_confirmed", "final_on": "2026-10-22"}),
        ),
        rc(
            "finality_corrected",
            |id| Story::new(id).final_(),
            json!({"type": "finality_corrected", "final_on": "2026-10-23"}),
        ),
        // A decision final on 2 December: its two weeks still run.
        rc(
            "departure_period_extended",
            |id| {
                Story::with(
                    id,
                    Reg {
                        decided_on: "2026-11-10",
                        ..Reg::plain()
                    },
                    T0,
                )
                .then(
                    Agency::Migrationsverket,
                    json!({"type": "decision_final", "final_on": "2026-12-02"}),
                )
                .confirmed()
            },
            json!({"type": "departure_period_extended", "until": "2026-12-30"}),
        ),
        rc(
            "detention_redecided",
            mv_detained,
            json!({"type": "detention_redecided", "basis": "identity", "at": at}),
        ),
        rc(
            "counsel_appointed",
            mv_detained,
            json!({"type": "counsel_appointed", "at": at}),
        ),
        rc(
            "family_left",
            |id| {
                Story::with(
                    id,
                    Reg {
                        family: Some("FAM-GATE".into()),
                        ..Reg::plain()
                    },
                    T0,
                )
                .final_()
            },
            json!({"type": "family_left", "decision": "Migrationsverket 2026-12-01, dnr 1-1"}),
        ),
        rc(
            "guardians_recorded",
            child,
            json!({"type": "guardians_recorded", "unaccompanied": true}),
        ),
        rc(
            "reception_arranged",
            child,
            json!({"type": "reception_arranged", "receiver": "family_member", "description": "synthetic: an aunt", "confirmed_on": "2026-12-01"}),
        ),
        rc(
            "handover_proposed.police",
            |id| Story::new(id).final_(),
            json!({"type": "handover_proposed", "handover": "H9", "to": {"agency": "police", "reason": "coercion_needed"}}),
        ),
        rc(
            "handover_proposed.nte",
            |id| Story::new(id).final_().police(),
            json!({"type": "handover_proposed", "handover": "H9", "to": {"agency": "nte", "escorted": false}}),
        ),
        rc(
            "handover_accepted.police",
            |id| Story::new(id).final_().proposed_to_police(),
            json!({"type": "handover_accepted", "handover": "H1"}),
        ),
        rc(
            "handover_returned.police",
            |id| Story::new(id).final_().proposed_to_police(),
            json!({"type": "handover_returned", "handover": "H1", "reason": "the gate test returns it"}),
        ),
        rc(
            "handover_accepted.nte",
            |id| {
                Story::new(id)
                    .final_()
                    .police()
                    .documents()
                    .transport_asked(true)
            },
            json!({"type": "handover_accepted", "handover": "H2"}),
        ),
        rc(
            "handover_returned.nte",
            |id| {
                Story::new(id)
                    .final_()
                    .police()
                    .documents()
                    .transport_asked(true)
            },
            json!({"type": "handover_returned", "handover": "H2", "reason": "the gate test returns it"}),
        ),
        rc(
            "impediment_lodged",
            |id| Story::new(id).final_(),
            json!({"type": "impediment_lodged", "impediment": "IMP-9", "kind": "impediment", "lodged_on": "2026-12-07"}),
        ),
        rc(
            "impediment_lifted",
            |id| with_impediment(id, "impediment"),
            json!({"type": "impediment_lifted", "impediment": "IMP-1", "lifted_on": "2026-12-07"}),
        ),
        rc(
            "impediment_lifted.stay",
            |id| with_impediment(id, "stay"),
            json!({"type": "impediment_lifted", "impediment": "IMP-1", "lifted_on": "2026-12-07"}),
        ),
        rc(
            "impediment_lifted.international_interim_measure",
            |id| with_impediment(id, "international_interim_measure"),
            json!({"type": "impediment_lifted", "impediment": "IMP-1", "lifted_on": "2026-12-07"}),
        ),
        rc(
            "detention_started",
            |id| Story::new(id).final_(),
            json!({"type": "detention_started", "facility": "F-UNIT", "basis": "enforcement", "started_at": at}),
        ),
        rc(
            "detention_started.police_custody",
            |id| Story::new(id).final_().police(),
            json!({"type": "detention_started", "facility": "F-CELL", "basis": "police_custody", "started_at": at}),
        ),
        rc(
            "detention_started.transport_placement",
            |id| Story::new(id).final_(),
            json!({"type": "detention_started", "facility": "F-CELL", "basis": "transport_placement", "started_at": at}),
        ),
        rc(
            "detention_extended",
            mv_detained,
            json!({"type": "detention_extended", "reason": "exceptional_reasons", "at": at}),
        ),
        rc(
            "detention_extended.police_custody",
            police_custody,
            json!({"type": "detention_extended", "reason": "custody_special_reasons", "at": at}),
        ),
        rc(
            "detention_reviewed",
            mv_detained,
            json!({"type": "detention_reviewed", "at": at}),
        ),
        rc(
            "detention_ended",
            mv_detained,
            json!({"type": "detention_ended", "at": at, "reason": "released"}),
        ),
        rc(
            "detention_ended.police_custody",
            police_custody,
            json!({"type": "detention_ended", "at": at, "reason": "released"}),
        ),
        rc(
            "supervision_ordered",
            |id| Story::new(id).final_(),
            json!({"type": "supervision_ordered", "on": "2026-12-07"}),
        ),
        rc(
            "supervision_ended",
            |id| {
                Story::new(id).final_().then(
                    Agency::Migrationsverket,
                    json!({"type": "supervision_ordered", "on": "2026-12-01"}),
                )
            },
            json!({"type": "supervision_ended", "on": "2026-12-07"}),
        ),
        rc(
            "absconded",
            |id| Story::new(id).final_(),
            json!({"type": "absconded", "on": "2026-12-07"}),
        ),
        rc(
            "located",
            |id| {
                Story::new(id)
                    .final_()
                    .then(
                        Agency::Migrationsverket,
                        json!({"type": "absconded", "on": "2026-12-01"}),
                    )
                    .then(
                        Agency::Migrationsverket,
                        json!({"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "absconded"}}),
                    )
                    .then(
                        Agency::Police,
                        json!({"type": "handover_accepted", "handover": "H1"}),
                    )
            },
            json!({"type": "located", "on": "2026-12-07"}),
        ),
        rc(
            "travel_document_issued",
            |id| Story::new(id).final_().police(),
            json!({"type": "travel_document_issued", "document": "passport", "valid_until": "2027-06-01"}),
        ),
        rc(
            "destination_accepted",
            |id| Story::new(id).final_().police(),
            json!({"type": "destination_accepted", "on": "2026-12-07"}),
        ),
        rc(
            "fitness_assessed",
            |id| Story::new(id).final_(),
            json!({"type": "fitness_assessed", "fit": true, "on": "2026-12-07"}),
        ),
        rc(
            "planned",
            |id| Story::new(id).transport_requested(),
            json!({"type": "planned", "trip": "C-NONE", "trip_date": "2026-12-20"}),
        ),
        rc(
            "unplanned",
            on_departed_trip,
            json!({"type": "unplanned", "trip": DEPARTED_TRIP}),
        ),
        rc(
            "attempt_failed",
            on_departed_trip,
            json!({"type": "attempt_failed", "trip": DEPARTED_TRIP, "failure": "medical"}),
        ),
        rc(
            "executed",
            on_departed_trip,
            json!({"type": "executed", "trip": DEPARTED_TRIP, "on": "2026-12-07"}),
        ),
        rc(
            "departed_voluntarily",
            |id| Story::new(id).final_(),
            json!({"type": "departed_voluntarily", "on": "2026-12-07"}),
        ),
        rc(
            "expired",
            |id| {
                let reg = Reg {
                    decided_on: "2020-01-10",
                    ..Reg::plain()
                };
                Story::with(id, reg, T0).then(
                    Agency::Migrationsverket,
                    json!({"type": "decision_final", "final_on": "2020-02-03"}),
                )
            },
            json!({"type": "expired", "on": "2026-12-07"}),
        ),
        rc(
            "permit_granted",
            |id| Story::new(id).final_(),
            json!({"type": "permit_granted", "on": "2026-12-07"}),
        ),
        rc(
            "cancelled",
            |id| Story::new(id).final_(),
            json!({"type": "cancelled"}),
        ),
    ]
}

/// Does the row's condition hold for a caller of `agency` on this case? (The
/// trip's departure is arranged by the seed; `registered`'s own condition is
/// tested on `POST /api/cases`.)
fn holds(c: Condition, agency: Agency, case: &Case) -> bool {
    match c {
        Condition::Responsible => case.responsible == agency,
        Condition::DecidingAgency => deciding_agency(case) == agency,
        Condition::ReceivingAgency => case
            .pending_handover
            .as_ref()
            .is_none_or(|h| h.kind.to_agency() == agency),
        _ => true,
    }
}

struct Outcome {
    who: (Agency, Role),
    row: &'static str,
    case: String,
    status: u16,
    body: Value,
    /// `Some(rule)` when a refusal naming `rule` is expected.
    refused_as: Option<String>,
    second_person: bool,
}

#[tokio::test]
async fn every_event_row_is_enforced_for_every_agency_and_role() {
    event_rows(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn every_event_row_is_enforced_for_every_agency_and_role_postgres() {
    match opcentrum_store::testing::TestDb::postgres().await.unwrap() {
        Some(db) => event_rows(TestApp::spawn(db).await).await,
        None => eprintln!("skipped: DATABASE_URL is not set"),
    }
}

async fn event_rows(app: TestApp) {
    let started = std::time::Instant::now();
    reference_data(&app).await;
    let cat = Catalogue::builtin();
    let table = table();
    // Every event row of the catalogue is in the table (registered: below).
    let mut covered: Vec<&str> = table.iter().map(|t| t.row).collect();
    covered.push("registered");
    for r in cat.rows().iter().filter(|r| r.kind == ActionKind::Event) {
        assert!(covered.contains(&r.id), "no test row for {}", r.id);
    }
    let who = principals();
    // One fresh case per row × principal, loaded at once.
    let mut stories = Vec::new();
    let mut cases: BTreeMap<String, Case> = BTreeMap::new();
    for (i, t) in table.iter().enumerate() {
        for j in 0..who.len() {
            let id = format!("UT-G{i:02}-{j:02}");
            let s = (t.seed)(&id);
            cases.insert(id, s.case());
            stories.push(s);
        }
    }
    load(&app, stories).await;
    eprintln!("seeded {} cases in {:?}", cases.len(), started.elapsed());

    let mut outcomes = Vec::new();
    for (i, t) in table.iter().enumerate() {
        let row = cat.row(t.row).unwrap();
        let event = kind(t.event.clone());
        assert_eq!(
            action_id_of(&event, Some(&cases[&format!("UT-G{i:02}-00")])),
            t.row,
            "the seed of {} reaches another row",
            t.row
        );
        for (j, &(agency, role)) in who.iter().enumerate() {
            let id = format!("UT-G{i:02}-{j:02}");
            let case = &cases[&id];
            let p = crate::seed::principal(agency, role);
            let granted = row.by_hand() && row.grants(&p);
            let conditions = row.conditions.iter().all(|c| holds(*c, agency, case));
            let readable = row.writes.iter().all(|c| may_read(agency, role, case, *c));
            // A caller whom no row of the event type lets act by hand is
            // refused before the case is read (the same answer whatever the
            // case holds), so the refusal names the event's base row: for a
            // stay that is `impediment_lifted`, not `impediment_lifted.stay`
            // — naming the variant would tell the caller what was lodged.
            let any_type_row = cat
                .rows_of_event(event.name())
                .iter()
                .any(|r| r.by_hand() && r.grants(&p));
            let refused_as = (!(granted && conditions && readable)).then(|| {
                if any_type_row {
                    row.id.to_owned()
                } else {
                    action_id_of(&event, None).to_owned()
                }
            });
            let (status, body) = json(
                app.post_as(
                    agency,
                    role,
                    &format!("/api/cases/{id}/events"),
                    &json!({"expected_version": case.version, "event": t.event, "reason": "gate test"}),
                )
                .send()
                .await
                .unwrap(),
            )
            .await;
            outcomes.push(Outcome {
                who: (agency, role),
                row: t.row,
                case: id,
                status,
                body,
                refused_as,
                second_person: row.second_person.is_some(),
            });
        }
    }
    // registered: on its own route, a new case each; Migrationsverket
    // registers its own and the courts' decisions, the Police its own.
    for (j, &(agency, role)) in who.iter().enumerate() {
        for by in ["migrationsverket", "police"] {
            let id = format!("UT-GR-{j:02}-{}", by[..2].to_uppercase());
            let mut body = registration(&id);
            body["decision"]["decided_by"] = json!(by);
            let row = cat.row("registered").unwrap();
            let p = crate::seed::principal(agency, role);
            let own = match agency {
                Agency::Migrationsverket => by != "police",
                Agency::Police => by == "police",
                _ => false,
            };
            // Registering writes the criminal record: only case officers read
            // it among the registrars (the default matrix).
            let readable = row.writes.iter().all(|c| {
                crate::seed::POLICY
                    .decide(&p, *c, Agency::Migrationsverket)
                    .allowed
            });
            let ok = row.grants(&p) && own && readable;
            let (status, resp) = json(
                app.post_as(agency, role, "/api/cases", &body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            outcomes.push(Outcome {
                who: (agency, role),
                row: "registered",
                case: id,
                status,
                body: resp,
                refused_as: (!ok).then(|| "registered".to_owned()),
                second_person: false,
            });
        }
    }
    eprintln!("{} requests in {:?}", outcomes.len(), started.elapsed());

    // Every refusal is one audit record of the case (registrations: none yet).
    let trail = app.store.audit_trail().await.unwrap();
    let mut refused: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in trail
        .iter()
        .filter(|r| r.entry.action == AuditAction::Refused)
    {
        *refused
            .entry((
                r.entry.case.clone().unwrap_or_default(),
                r.entry.user.clone(),
            ))
            .or_default() += 1;
    }
    let mut failures = Vec::new();
    let mut successes: BTreeMap<&str, usize> = BTreeMap::new();
    for o in &outcomes {
        let (agency, role) = o.who;
        let who = format!("{}/{}", agency.code(), role.code());
        match &o.refused_as {
            Some(rule) => {
                let want = format!("action:{rule}");
                if o.status != 403 || o.body["rule"] != want.as_str() {
                    failures.push(format!(
                        "{}: {who} on {}: want 403 {want}, got {} {}",
                        o.row, o.case, o.status, o.body
                    ));
                }
                let key = (
                    if o.row == "registered" {
                        String::new()
                    } else {
                        o.case.clone()
                    },
                    user_name(agency, role),
                );
                if o.row != "registered" && refused.get(&key) != Some(&1) {
                    failures.push(format!(
                        "{}: {who} on {}: {} refusal records, want 1",
                        o.row,
                        o.case,
                        refused.get(&key).copied().unwrap_or(0)
                    ));
                }
            }
            None => {
                let want = if o.second_person { 202 } else { 201 };
                if o.status != want {
                    failures.push(format!(
                        "{}: {who} on {}: want {want}, got {} {}",
                        o.row, o.case, o.status, o.body
                    ));
                }
                *successes.entry(o.row).or_default() += 1;
            }
        }
    }
    // The registration refusals are audited too (without a case).
    let registration_refusals = outcomes
        .iter()
        .filter(|o| o.row == "registered" && o.refused_as.is_some())
        .count();
    let audited = trail
        .iter()
        .filter(|r| {
            r.entry.action == AuditAction::Refused
                && r.entry.purpose.starts_with("refused: registered:")
        })
        .count();
    if audited != registration_refusals {
        failures.push(format!(
            "registered: {audited} refusal records for {registration_refusals} refusals"
        ));
    }
    assert!(
        failures.is_empty(),
        "{} of {} outcomes wrong:\n{}",
        failures.len(),
        outcomes.len(),
        failures.join("\n")
    );
    // Each row by hand was taken by someone (the seeds reach the row's law).
    for r in cat.rows().iter().filter(|r| r.kind == ActionKind::Event) {
        let n = successes.get(r.id).copied().unwrap_or(0);
        if r.by_hand() {
            assert!(n > 0, "nobody could take {}", r.id);
        } else {
            assert_eq!(n, 0, "{} is only by proposal", r.id);
        }
    }
    eprintln!(
        "checked in {:?}: {} refused, {} taken ({successes:?})",
        started.elapsed(),
        outcomes.iter().filter(|o| o.refused_as.is_some()).count(),
        outcomes.iter().filter(|o| o.refused_as.is_none()).count()
    );
    app.cleanup().await;
}

/// A route and the catalogue row whose grant opens it.
struct Route {
    method: &'static str,
    path: &'static str,
    body: Option<Value>,
    row: &'static str,
}

fn routes() -> Vec<Route> {
    let r = |method, path, body, row| Route {
        method,
        path,
        body,
        row,
    };
    vec![
        r("GET", "/api/cases", None, "cases.read"),
        r("GET", "/api/cases/UT-ROUTE-1", None, "cases.read"),
        r("GET", "/api/agencies/police/inbox", None, "cases.read"),
        r("GET", "/api/export", None, "cases.export"),
        r("GET", "/api/audit", None, "audit.read"),
        r("GET", "/api/matrix", None, "matrix.read"),
        r("GET", "/api/matrix/history", None, "matrix.read"),
        r(
            "POST",
            "/api/matrix/diff",
            Some(json!({"bogus": 1})),
            "matrix.read",
        ),
        r(
            "PUT",
            "/api/matrix",
            Some(json!({"bogus": 1})),
            "matrix.edit",
        ),
        r("GET", "/api/trips/proposals", None, "trips.plan"),
        r(
            "POST",
            "/api/trips/proposals",
            Some(json!({"horizon_days": 0})),
            "trips.plan",
        ),
        r("GET", "/api/trips/roster", None, "trips.plan"),
        r(
            "POST",
            "/api/trips/roster",
            Some(json!({"bogus": 1})),
            "trips.plan",
        ),
        r(
            "POST",
            "/api/trips/offers",
            Some(json!({"bogus": 1})),
            "trips.plan",
        ),
        r(
            "POST",
            "/api/trips/proposals/TP-NONE/approve",
            Some(json!({})),
            "trips.approve",
        ),
        r(
            "GET",
            "/api/trips/proposals/TP-NONE/preview",
            None,
            "trips.approve",
        ),
        r("GET", "/api/trips/offers", None, "picture.read"),
        r("GET", "/api/facilities", None, "picture.read"),
        r("GET", "/api/stats/stages", None, "picture.read"),
        r("GET", "/api/users", None, "users.manage"),
        r(
            "POST",
            "/api/users",
            Some(json!({"bogus": 1})),
            "users.manage",
        ),
        r("GET", "/api/rules", None, "rules.read"),
        r("GET", "/api/actions", None, "rules.read"),
        r("GET", "/api/pending", None, "rules.read"),
        r("GET", "/api/me", None, "rules.read"),
        r("GET", "/", None, "picture.read"),
        r("GET", "/picture/body", None, "picture.read"),
        r("GET", "/cases", None, "cases.read"),
        r("GET", "/cases/UT-ROUTE-1", None, "cases.read"),
        r("GET", "/inbox", None, "cases.read"),
        r("GET", "/inbox/body", None, "cases.read"),
        r("GET", "/detention", None, "cases.read"),
        r("GET", "/trips", None, "trips.plan"),
        r("GET", "/reports", None, "reports.read"),
        r("GET", "/simulation", None, "simulation.run"),
    ]
}

#[tokio::test]
async fn every_route_is_refused_exactly_to_those_its_row_does_not_grant() {
    let app = TestApp::sqlite().await;
    reference_data(&app).await;
    load(&app, vec![Story::new("UT-ROUTE-1").final_()]).await;
    let cat = Catalogue::builtin();
    let mut failures = Vec::new();
    for route in routes() {
        let row = cat.row(route.row).unwrap();
        for (agency, role) in principals() {
            let url = format!("{}{}", app.base, route.path);
            let req = match route.method {
                "GET" => app.client.get(url),
                "POST" => app.client.post(url),
                "PUT" => app.client.put(url),
                m => panic!("{m}"),
            }
            .bearer_auth(crate::helpers::token(agency, role));
            let req = match &route.body {
                Some(b) => req.json(b),
                None => req,
            };
            let status = req.send().await.unwrap().status().as_u16();
            let granted = row.grants_role(agency, role);
            if (status == 403) == granted || status >= 500 {
                failures.push(format!(
                    "{} {} as {}/{}: {status} (row {} {})",
                    route.method,
                    route.path,
                    agency.code(),
                    role.code(),
                    route.row,
                    if granted { "grants" } else { "does not grant" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.cleanup().await;
}
