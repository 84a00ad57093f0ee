//! The trip planner in the service: offers and roster, a proposal built from
//! the store, approval by a named trip planner (cases become `planned`), and
//! the incremental re-plan after an event takes a planned person off a trip.

use crate::helpers::{TestApp, json};
use jiff::civil::date;
use opcentrum_access::Role;
use opcentrum_domain::{
    Actor, Agency, Country, EventKind, Stage,
    decision::{Decision, DecisionKind, DecisionMaker},
    event::{HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    ids::{CaseId, HandoverId, ImpedimentId, PersonId, UserName},
    impediment::ImpedimentKind,
    person::{Person, Sex},
};
use opcentrum_store::{NewEvent, testing::TestDb};
use serde_json::{Value, json};

fn ev(a: Agency, kind: EventKind) -> NewEvent {
    // The date of finality is checked by a second person (JO 8824-2019).
    let role = if matches!(kind, EventKind::FinalityConfirmed { .. }) {
        "operations_lead"
    } else {
        "case_officer"
    };
    NewEvent {
        kind,
        actor: Actor {
            user: UserName::parse(format!("{}.{role}", a.code())).unwrap(),
            agency: a,
        },
        reason: Some("synthetic".into()),
        audit: None,
    }
}

/// A case whose transport NTE has accepted, ready for a trip to IQ.
pub(crate) async fn ready_case(app: &TestApp, id: &str, sex: Sex, escorted: bool) -> CaseId {
    ready_member(app, id, sex, escorted, date(1988, 4, 4), None).await
}

/// `ready_case` of a person born on `birth`, in `family`.
pub(crate) async fn ready_member(
    app: &TestApp,
    id: &str,
    sex: Sex,
    escorted: bool,
    birth: jiff::civil::Date,
    family: Option<&str>,
) -> CaseId {
    let s = &app.store;
    let now: jiff::Timestamp = crate::helpers::NOW.parse().unwrap();
    let case = CaseId::parse(id).unwrap();
    s.create_case(
        Some(case.clone()),
        ev(
            Agency::Migrationsverket,
            EventKind::Registered {
                person: Person {
                    id: PersonId::parse(format!("P-{id}")).unwrap(),
                    given_name: "Testa".into(),
                    family_name: "Syntetisk".into(),
                    birth_date: birth,
                    sex,
                    citizenship: Country::parse("IQ").unwrap(),
                    dossier_number: format!("D-{id}"),
                },
                decision: Decision {
                    kind: DecisionKind::ExpulsionForCrime,
                    decided_by: DecisionMaker::GeneralCourt,
                    decided_on: date(2026, 9, 30),
                    notified_on: Some(date(2026, 9, 30)),
                    final_on: None,
                    departure: None,
                    departure_extended_until: None,
                },
                destination: Country::parse("IQ").unwrap(),
                family: family.map(|f| opcentrum_domain::ids::FamilyId::parse(f).unwrap()),
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
                to: HandoverKind::TransportRequest { escorted },
            },
        ),
        (
            Agency::Nte,
            EventKind::HandoverAccepted { handover: h("H2") },
        ),
    ];
    for (i, (a, kind)) in steps.into_iter().enumerate() {
        s.append(&case, i as u64 + 1, ev(a, kind), now)
            .await
            .unwrap();
    }
    case
}

pub(crate) const PLANNER: (Agency, Role) = (Agency::Nte, Role::TripPlanner);

pub(crate) async fn post(
    app: &TestApp,
    who: (Agency, Role),
    path: &str,
    body: Value,
) -> (u16, Value) {
    json(app.post_as(who.0, who.1, path, &body).send().await.unwrap()).await
}

pub(crate) async fn stage(app: &TestApp, id: &CaseId) -> Stage {
    app.store.case(id).await.unwrap().unwrap().stage
}

fn persons_on(p: &Value, trip: &str) -> Vec<String> {
    p["body"]["plan"]["trips"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["trip"] == trip)
        .flat_map(|t| {
            t["persons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_owned())
        })
        .collect()
}

pub(crate) async fn offer_flight(app: &TestApp) {
    let (s, b) = post(
        app,
        PLANNER,
        "/api/trips/offers",
        json!({
            "id": "S-IQ-1", "kind": "scheduled", "destination": "IQ", "date": "2026-12-12",
            "seats": 2, "quota": null, "cost": 7000
        }),
    )
    .await;
    assert_eq!(s, 201, "{b}");
}

#[tokio::test]
async fn offers_are_validated_and_only_nte_plans() {
    let app = TestApp::sqlite().await;
    let (s, b) = post(
        &app,
        PLANNER,
        "/api/trips/offers",
        json!({
            "id": "S-SE", "kind": "scheduled", "destination": "SE", "date": "2026-12-12",
            "seats": 2, "quota": null, "cost": 7000
        }),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"][0]["field"], "destination");
    let (s, b) = post(
        &app,
        PLANNER,
        "/api/trips/offers",
        json!({
            "id": "C-1", "kind": "charter", "destination": "IQ", "date": "2026-12-12",
            "seats": 50, "quota": 60, "cost": 900000
        }),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"][0]["field"], "quota");
    let (s, _) = post(
        &app,
        (Agency::Police, Role::CaseOfficer),
        "/api/trips/proposals",
        json!({}),
    )
    .await;
    assert_eq!(s, 403);
    let (s, b) = post(
        &app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_days": 0 }),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"][0]["field"], "horizon_days");
    let (s, b) = post(&app, PLANNER, "/api/trips/proposals", json!({ "bogus": 1 })).await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(b["errors"][0]["field"], "bogus");
    app.cleanup().await;
}

async fn plan_approve_replan(app: TestApp) {
    let a = ready_case(&app, "UT-A", Sex::M, false).await;
    let b = ready_case(&app, "UT-B", Sex::F, false).await;
    let c = ready_case(&app, "UT-C", Sex::M, false).await;
    offer_flight(&app).await;

    // The proposal: two seats for three ready persons.
    let (s, p) = post(
        &app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_start": "2026-12-09", "horizon_days": 14, "time_limit_seconds": 5 }),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["status"], "pending");
    assert_eq!(p["persons_moved"], 2);
    assert_eq!(p["optimal"], true);
    let on = persons_on(&p, "S-IQ-1");
    assert_eq!(on.len(), 2);
    let left: Vec<&Value> = p["body"]["plan"]["unplanned"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["reason"], "trips_full");
    assert!(!left[0]["explanation"].as_str().unwrap().is_empty());
    let id = p["id"].as_str().unwrap().to_owned();
    // Nothing is planned until a named trip planner approves.
    for x in [&a, &b, &c] {
        assert_eq!(stage(&app, x).await, Stage::TransportRequested);
    }
    let (s, _) = post(
        &app,
        (Agency::Migrationsverket, Role::OperationsLead),
        &format!("/api/trips/proposals/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(s, 403);
    // The preview: what will change, and the token binding an approval to it.
    let (s, pv) =
        crate::helpers::get_json(&app, PLANNER, &format!("/api/trips/proposals/{id}/preview"))
            .await;
    assert_eq!(s, 200, "{pv}");
    assert_eq!(pv["planned"], 2);
    assert_eq!(pv["newly_planned"], 2);
    assert_eq!(pv["moved"], 0);
    let token = pv["token"].as_str().unwrap().to_owned();
    assert_eq!(token.len(), 32);
    // A token that is not this proposal's: refused naming `confirm`, nothing planned.
    let (s, r) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{id}/approve"),
        json!({"confirm": "0".repeat(32)}),
    )
    .await;
    assert_eq!(s, 422, "{r}");
    assert_eq!(r["errors"][0]["field"], "confirm", "{r}");
    for x in [&a, &b, &c] {
        assert_eq!(stage(&app, x).await, Stage::TransportRequested);
    }
    let (s, r) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{id}/approve"),
        json!({"confirm": token}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["events"], 2);
    assert_eq!(r["proposal"]["status"], "approved");
    assert_eq!(r["proposal"]["decided_by"], "nte.trip_planner");
    let mut planned = Vec::new();
    for x in [&a, &b, &c] {
        if stage(&app, x).await == Stage::Planned {
            planned.push(x.to_string());
        }
    }
    planned.sort();
    let mut expected = on.clone();
    expected.sort();
    assert_eq!(planned, expected);
    // The event names the approver.
    let hist = app
        .store
        .history(&CaseId::parse(planned[0].clone()).unwrap())
        .await
        .unwrap();
    let last = &hist.last().unwrap().event;
    assert_eq!(last.actor.user.as_str(), "nte.trip_planner");
    assert!(matches!(last.kind, EventKind::Planned { .. }));
    // A second approval finds it decided.
    let (s, r) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(s, 409, "{r}");

    // An impediment on a planned person: the domain takes them off the trip,
    // and the re-plan gives the seat to the one left out, moving nobody else.
    let gone = CaseId::parse(planned[0].clone()).unwrap();
    let stays = planned[1].clone();
    let waiting = [&a, &b, &c]
        .into_iter()
        .find(|x| !planned.contains(&x.to_string()))
        .unwrap()
        .to_string();
    let version = app.store.case(&gone).await.unwrap().unwrap().version;
    app.store
        .append(
            &gone,
            version,
            ev(
                Agency::Migrationsverket,
                EventKind::ImpedimentLodged {
                    impediment: ImpedimentId::parse("I-1").unwrap(),
                    kind: ImpedimentKind::Stay,
                    lodged_on: date(2026, 12, 8),
                },
            ),
            crate::helpers::NOW.parse().unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(stage(&app, &gone).await, Stage::TransportRequested);
    // The server re-plans by itself as the event arrives; asking again finds it done.
    let mut replan = None;
    for _ in 0..50 {
        let (s, list) = json(
            app.get_as(PLANNER.0, PLANNER.1, "/api/trips/proposals")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(s, 200);
        if let Some(r) = list
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == "replan" && p["status"] == "pending")
        {
            replan = Some(r["id"].as_str().unwrap().to_owned());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let replan = replan.expect("a re-plan proposal appears by itself");
    let (_, again) = post(&app, PLANNER, "/api/trips/replan", json!(null)).await;
    assert_eq!(again, Value::Null, "the same cause is not proposed twice");
    let (s, rp) = json(
        app.get_as(
            PLANNER.0,
            PLANNER.1,
            &format!("/api/trips/proposals/{replan}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(rp["based_on"], id.as_str());
    let changes = rp["body"]["changes"].as_array().unwrap();
    let change_of = |p: &str| {
        changes.iter().find(|c| c["person"] == p).unwrap()["change"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(change_of(gone.as_str()), "removed");
    assert_eq!(change_of(&stays), "kept");
    assert_eq!(change_of(&waiting), "added");
    assert_eq!(rp["body"]["causes"][0]["event"], "impediment_lodged");
    // Nothing changes until approved.
    assert_eq!(
        stage(&app, &CaseId::parse(waiting.clone()).unwrap()).await,
        Stage::TransportRequested
    );
    let stays_version = app
        .store
        .case(&CaseId::parse(stays.clone()).unwrap())
        .await
        .unwrap()
        .unwrap()
        .version;
    let (s, r) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{replan}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["events"], 1, "only the added person gets an event");
    assert_eq!(
        stage(&app, &CaseId::parse(waiting).unwrap()).await,
        Stage::Planned
    );
    let after = app
        .store
        .case(&CaseId::parse(stays).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.stage, Stage::Planned);
    assert_eq!(after.version, stays_version, "the kept person is untouched");
    assert_eq!(stage(&app, &gone).await, Stage::TransportRequested);
    // The earlier plan is superseded.
    let (_, first) = json(
        app.get_as(PLANNER.0, PLANNER.1, &format!("/api/trips/proposals/{id}"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(first["status"], "superseded");
    app.cleanup().await;
}

#[tokio::test]
async fn a_plan_is_proposed_approved_and_replanned_sqlite() {
    plan_approve_replan(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn a_plan_is_proposed_approved_and_replanned_postgres() {
    match TestDb::postgres().await.unwrap() {
        Some(db) => plan_approve_replan(TestApp::spawn(db).await).await,
        None => eprintln!("skipped: DATABASE_URL is not set"),
    }
}

#[tokio::test]
async fn an_approval_is_refused_whole_when_a_case_changed_since() {
    let app = TestApp::sqlite().await;
    let a = ready_case(&app, "UT-A", Sex::M, false).await;
    let b = ready_case(&app, "UT-B", Sex::F, false).await;
    offer_flight(&app).await;
    let (s, p) = post(
        &app,
        PLANNER,
        "/api/trips/proposals",
        json!({ "horizon_start": "2026-12-09", "horizon_days": 14, "time_limit_seconds": 5 }),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    assert_eq!(p["persons_moved"], 2);
    // B is found unfit after the proposal was made.
    let version = app.store.case(&b).await.unwrap().unwrap().version;
    app.store
        .append(
            &b,
            version,
            ev(
                Agency::Police,
                EventKind::FitnessAssessed {
                    fit: false,
                    on: date(2026, 12, 8),
                },
            ),
            crate::helpers::NOW.parse().unwrap(),
        )
        .await
        .unwrap();
    let a_version = app.store.case(&a).await.unwrap().unwrap().version;
    let (s, r) = post(
        &app,
        PLANNER,
        &format!("/api/trips/proposals/{}/approve", p["id"].as_str().unwrap()),
        json!({}),
    )
    .await;
    assert_eq!(s, 409, "{r}");
    assert!(r["detail"].as_str().unwrap().contains("UT-B"), "{r}");
    // Nothing was written: A is not planned either, and the proposal is still pending.
    let after = app.store.case(&a).await.unwrap().unwrap();
    assert_eq!(after.stage, Stage::TransportRequested);
    assert_eq!(after.version, a_version);
    let (_, again) = json(
        app.get_as(
            PLANNER.0,
            PLANNER.1,
            &format!("/api/trips/proposals/{}", p["id"].as_str().unwrap()),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(again["status"], "pending");
    app.cleanup().await;
}

pub(crate) fn form(
    app: &TestApp,
    who: (Agency, Role),
    path: &str,
    body: &str,
) -> reqwest::RequestBuilder {
    app.client
        .post(format!("{}{path}", app.base))
        .bearer_auth(crate::helpers::token(who.0, who.1))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned())
}

#[tokio::test]
async fn the_trip_board_runs_the_planner_and_approves_a_plan() {
    let app = TestApp::sqlite().await;
    let a = ready_case(&app, "UT-A", Sex::M, false).await;
    offer_flight(&app).await;
    let board = app
        .get_as(PLANNER.0, PLANNER.1, "/trips")
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(board.status(), 200);
    let html = board.text().await.unwrap();
    assert!(
        html.contains("Resetavla") && html.contains("S-IQ-1"),
        "{html}"
    );
    let police = app
        .get_as(Agency::Police, Role::CaseOfficer, "/trips")
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(police.status(), 403);
    // Run the planner: the browser lands on the proposal.
    let run = form(
        &app,
        PLANNER,
        "/trips/propose",
        "_csrf=&horizon_days=14&time_limit_seconds=5",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(run.status(), 200);
    assert!(
        run.url().path().starts_with("/trips/proposals/TP-"),
        "{}",
        run.url()
    );
    let page = run.text().await.unwrap();
    assert!(
        page.contains("UT-A") && page.contains("Granska ändringarna och godkänn"),
        "{page}"
    );
    assert_eq!(stage(&app, &a).await, Stage::TransportRequested);
    let id = app.store.proposals(1).await.unwrap()[0].id.clone();
    // Adjust: the planner leaves UT-A out by hand → a new pending proposal
    // without them, the reason and who named on the page.
    let adj = form(
        &app,
        PLANNER,
        &format!("/trips/proposals/{id}/adjust"),
        &format!("_csrf=&leave_out={a}&reason=Sjukhusvistelse"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(adj.status(), 200);
    assert_ne!(adj.url().path(), format!("/trips/proposals/{id}"));
    let page = adj.text().await.unwrap();
    assert!(page.contains(&format!("data-left-out=\"{a}\"")), "{page}");
    assert!(
        page.contains("Lämnad utanför av nte.trip_planner: Sjukhusvistelse"),
        "{page}"
    );
    let newest = app.store.proposals(1).await.unwrap()[0].clone();
    assert_ne!(newest.id, id);
    let adjusted: opcentrum_app::planning::ProposalBody =
        serde_json::from_value(newest.body.clone()).unwrap();
    assert!(
        adjusted
            .plan
            .trips
            .iter()
            .all(|t| !t.persons.contains(&a.to_string()))
    );
    assert_eq!(adjusted.left_out.len(), 1);
    assert_eq!(adjusted.left_out[0].by, "nte.trip_planner");
    for (q, marker) in [
        ("_csrf=", "data-field=\"leave_out\""),
        (
            "_csrf=&leave_out=UT-NOPE&reason=x",
            "<code>leave_out</code>",
        ),
    ] {
        let r = form(&app, PLANNER, &format!("/trips/proposals/{id}/adjust"), q)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{q}");
        assert!(r.text().await.unwrap().contains(marker), "{q}");
    }
    let confirm = app
        .get_as(
            PLANNER.0,
            PLANNER.1,
            &format!("/trips/proposals/{id}/confirm"),
        )
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), 200);
    let token = crate::tripwork::hidden(&confirm.text().await.unwrap(), "confirm");
    let done = form(
        &app,
        PLANNER,
        &format!("/trips/proposals/{id}/approve"),
        &format!("_csrf=&confirm={token}"),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Godkänd"));
    assert_eq!(stage(&app, &a).await, Stage::Planned);
    // The picture counts the planned person on the trip of the shown weeks only.
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let fill = app
        .store
        .trip_fill(d("2026-12-08"), d("2027-01-05"))
        .await
        .unwrap();
    assert_eq!(fill.len(), 1);
    assert_eq!((fill[0].0.as_str(), fill[0].1), ("S-IQ-1", 1));
    assert!(
        app.store
            .trip_fill(d("2026-12-13"), d("2027-01-05"))
            .await
            .unwrap()
            .is_empty()
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_trip_board_offers_a_trip_with_each_field_checked() {
    let app = TestApp::sqlite().await;
    let ok = form(
        &app,
        PLANNER,
        "/trips/offers",
        "_csrf=&id=C-IQ-9&kind=charter&destination=iq&date=2026-12-20&seats=60&quota=40&cost=900000",
    )
    .send()
    .await
    .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.url().path(), "/trips");
    assert!(ok.text().await.unwrap().contains("C-IQ-9"));
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let offers = app
        .store
        .trip_offers(d("2026-12-20"), d("2026-12-20"))
        .await
        .unwrap();
    assert_eq!(offers.len(), 1);
    assert_eq!(
        (offers[0].seats, offers[0].quota, offers[0].cost),
        (60, Some(40), 900_000)
    );
    assert_eq!(offers[0].destination.to_string(), "IQ");
    for (body, field) in [
        (
            "_csrf=&id=C-2&kind=charter&destination=IQ&date=2026-12-20&seats=&cost=1",
            "seats",
        ),
        (
            "_csrf=&id=C-2&kind=charter&destination=IQ&date=2026-12-20&seats=ten&cost=1",
            "seats",
        ),
        (
            "_csrf=&id=C-2&kind=charter&destination=IQ&date=2026-12-01&seats=10&cost=1",
            "date",
        ),
        (
            "_csrf=&id=C-2&kind=charter&destination=SE&date=2026-12-20&seats=10&cost=1",
            "destination",
        ),
        (
            "_csrf=&id=C-2&kind=boat&destination=IQ&date=2026-12-20&seats=10&cost=1",
            "kind",
        ),
        (
            "_csrf=&id=C-2&kind=charter&destination=IQ&date=2026-12-20&seats=10&quota=11&cost=1",
            "quota",
        ),
    ] {
        let r = form(&app, PLANNER, "/trips/offers", body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{body}");
        assert!(
            r.text()
                .await
                .unwrap()
                .contains(&format!("<code>{field}</code>")),
            "{body}"
        );
    }
    // Nothing half-written: only the first offer is stored.
    let all = app
        .store
        .trip_offers(d("2026-12-01"), d("2027-01-31"))
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    app.cleanup().await;
}
