//! No withheld category, and no fact derived from one, appears in any
//! response: a small world of cases whose every category carries a
//! distinctive sentinel (free-text reasons on the events of each category, a
//! facility id, a family id, names) and whose states carry the derived facts
//! (a criminal court's expulsion in enforcement detention, a medical failed
//! attempt, an escorted transport request, an absconding, a re-plan caused by
//! a fitness assessment, a family member not fit to fly held back from a
//! proposal) is read through every endpoint and page by every role that may
//! open it. For each sentinel or marker the body contains, the reader must be
//! allowed (default matrix, `Policy::decide` with `CategoryOwners::of_case`)
//! to read every category it rests on; and every seeded case whose id a body
//! shows has an audit record of that read.
//!
//! By the design of the gate, a case's operational metadata — id, version,
//! stage, responsible agency, destination, `suspended`, `ready`, the pending
//! handover's target — is shown to every reader of the case (filter.rs), and
//! facility ids and occupancy to every reader of the board and the picture;
//! the sentinels are therefore put in the categories, not in the metadata.
//! A proposal's planning days that would tell of the criminal record (an
//! adult's enforcement detention has no cap when a criminal court expelled)
//! are withheld alike for every person they depend on it for:
//! `tripwork::a_proposal_withholds_planning_days_that_tell_of_the_criminal_record`.

use crate::helpers::{TestApp, json, token, user_name};
use crate::seed::{
    DEPARTED_ON, DEPARTED_TRIP, EARLY, Reg, SENTINEL_FACILITY, Story, T0, audit_after, audit_head,
    load, may_read, principals, reference_data,
};
use opcentrum_access::{
    Catalogue,
    FieldCategory::{self, *},
    Role,
    category::categories_of_event_type,
};
use opcentrum_domain::{Agency, Case, trip::TripKind};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// A string whose presence in a response tells `needs` of `case`.
#[derive(Debug, Clone)]
pub struct Fact {
    pub text: String,
    pub case: String,
    pub needs: Vec<FieldCategory>,
}

/// The world: the cases and what each tells.
pub struct World {
    pub cases: BTreeMap<String, Case>,
    pub facts: Vec<Fact>,
    pub proposal: Option<String>,
}

/// A story whose every step carries a sentinel reason naming its event type.
struct Tagged {
    story: Story,
    case: String,
    facts: Vec<Fact>,
}

impl Tagged {
    fn new(id: &str, reg: Reg, at: &str) -> Tagged {
        let mut reg = reg;
        let tag = id.trim_start_matches("UT-").to_owned();
        reg.given_name = format!("SENTINEL-name-{tag}");
        reg.dossier = format!("SENTINEL-dossier-{tag}");
        let mut facts = vec![
            Fact {
                text: reg.given_name.clone(),
                case: id.into(),
                needs: vec![Identity],
            },
            Fact {
                text: reg.dossier.clone(),
                case: id.into(),
                needs: vec![Identity],
            },
        ];
        if let Some(f) = &reg.family {
            facts.push(Fact {
                text: f.clone(),
                case: id.into(),
                needs: vec![Family],
            });
        }
        let t = Tagged {
            story: Story::with(id, reg, at),
            case: id.into(),
            facts,
        };
        t.tagged_after(0)
    }

    /// Every event after `version` gets a sentinel reason: a fact of the
    /// categories its type reveals.
    fn tagged_after(mut self, version: u64) -> Tagged {
        let tag = self.case.trim_start_matches("UT-").to_owned();
        for (text, name) in self.story.tag_after(version, &tag) {
            self.facts.push(Fact {
                text,
                case: self.case.clone(),
                needs: categories_of_event_type(name).to_vec(),
            });
        }
        self
    }

    /// Applies steps of the ordinary road and tags the events they added.
    fn step(mut self, f: impl FnOnce(Story) -> Story) -> Tagged {
        let before = self.story.case().version;
        self.story = f(self.story);
        self.tagged_after(before)
    }

    fn then(self, agency: Agency, event: serde_json::Value) -> Tagged {
        self.step(|s| s.then(agency, event))
    }

    fn fact(mut self, text: &str, needs: &[FieldCategory]) -> Tagged {
        self.facts.push(Fact {
            text: text.into(),
            case: self.case.clone(),
            needs: needs.to_vec(),
        });
        self
    }
}

/// Facts derived from a category, as JSON and as the pages render them.
fn derived(t: Tagged, texts: &[&str], needs: &[FieldCategory]) -> Tagged {
    texts.iter().fold(t, |t, x| t.fact(x, needs))
}

const CRIME: &str = "UT-S-CRIME";
const MEDICAL: &str = "UT-S-MEDICAL";
const REPLAN: &str = "UT-S-REPLAN";
const ABSCONDED: &str = "UT-S-ABSCONDED";
const RETURNED: &str = "UT-S-RETURNED";
const FAMILY_READY: &str = "UT-S-FAMREADY";
const FAMILY_UNFIT: &str = "UT-S-FAMUNFIT";
const ALONE: &str = "UT-S-ALONE";
const STAY: &str = "UT-S-STAY";

const FUTURE_TRIP: &str = "C-SENT-LATER";
const FLIGHT: &str = "S-SENT-1";

pub async fn world(app: &TestApp) -> World {
    reference_data(app).await;
    for (id, kind, date) in [
        (FUTURE_TRIP, TripKind::Charter, "2026-12-20"),
        (FLIGHT, TripKind::Scheduled, "2026-12-12"),
    ] {
        app.store
            .put_trip_offer(&opcentrum_domain::trip::TripOffer {
                id: opcentrum_domain::ids::TripId::parse(id).unwrap(),
                kind,
                destination: opcentrum_domain::Country::parse("IQ").unwrap(),
                date: date.parse().unwrap(),
                seats: 4,
                quota: (kind == TripKind::Charter).then_some(4),
                cost: 9000,
            })
            .await
            .unwrap();
    }
    let crime = Reg {
        family: Some("FAM-SENTINEL-CRIME".into()),
        absconding_risk: true,
        ..Reg::crime()
    };
    let stories = vec![
        // A criminal court's expulsion, absconding risk, a family; in
        // enforcement detention (no cap: a criminal court's), handed to the
        // police, documents, not fit to fly, transport requested with escorts.
        derived(
            derived(
                Tagged::new(CRIME, crime, T0)
                    .step(Story::final_)
                    .step(Story::police)
                    .then(
                        Agency::Migrationsverket,
                        json!({"type": "detention_started", "facility": SENTINEL_FACILITY, "basis": "enforcement", "started_at": T0}),
                    )
                    .then(
                        Agency::Police,
                        json!({"type": "travel_document_issued", "document": "passport", "valid_until": "2027-06-01"}),
                    )
                    .then(
                        Agency::Nte,
                        json!({"type": "fitness_assessed", "fit": false, "on": "2026-12-01"}),
                    )
                    .step(|s| s.transport_asked(true))
                    .fact(SENTINEL_FACILITY, &[Location]),
                &[
                    "expulsion_for_crime",
                    "general_court",
                ],
                &[CriminalRecord],
            ),
            &["\"escorted\":true", "Med eskort"],
            &[SecurityRisk],
        ),
        // A failed attempt for medical reasons, back to transport requested.
        derived(
            Tagged::new(MEDICAL, Reg::plain(), EARLY)
                .step(|s| s.planned(DEPARTED_TRIP, DEPARTED_ON))
                .then(
                    Agency::Nte,
                    json!({"type": "attempt_failed", "trip": DEPARTED_TRIP, "failure": "medical"}),
                ),
            &["\"medical\"", "Medicinska skäl"],
            &[Health],
        ),
        // Planned on a later trip, then found not fit to fly: the domain takes
        // the person off the trip; the re-plan's cause is health.
        derived(
            Tagged::new(REPLAN, Reg::plain(), T0)
                .step(|s| s.planned(FUTURE_TRIP, "2026-12-20"))
                .then(
                    Agency::Nte,
                    json!({"type": "fitness_assessed", "fit": false, "on": "2026-12-07"}),
                ),
            &["\"fitness_assessed\"", "not fit to fly", "inte flygduglig"],
            &[Health],
        ),
        // Absconded; handed to the police for it; not yet accepted.
        derived(
            Tagged::new(ABSCONDED, Reg::plain(), T0)
                .step(Story::final_)
                .then(
                    Agency::Migrationsverket,
                    json!({"type": "absconded", "on": "2026-12-01"}),
                )
                .then(
                    Agency::Migrationsverket,
                    json!({"type": "handover_proposed", "handover": "H1", "to": {"agency": "police", "reason": "absconded"}}),
                ),
            &["\"absconded\"", "Avviken", "absconded_since\":\"", "\"detention_started\""],
            &[Location],
        ),
        // A handover the police returned with a reason (the decision category).
        Tagged::new(RETURNED, Reg::plain(), T0)
            .step(Story::final_)
            .step(Story::proposed_to_police)
            .then(
                Agency::Police,
                json!({"type": "handover_returned", "handover": "H1", "reason": "SENTINEL-returned-RETURNED"}),
            )
            .fact("SENTINEL-returned-RETURNED", &[Decision]),
        // A family: one member ready, one not fit to fly (held back whole).
        Tagged::new(
            FAMILY_READY,
            Reg {
                family: Some("FAM-SENTINEL-TRIP".into()),
                ..Reg::plain()
            },
            T0,
        )
        .step(|s| s.final_().police().documents().transport_asked(false).nte()),
        Tagged::new(
            FAMILY_UNFIT,
            Reg {
                family: Some("FAM-SENTINEL-TRIP".into()),
                ..Reg::plain()
            },
            T0,
        )
        .step(|s| s.final_().police().documents().transport_asked(false).nte())
        .then(
            Agency::Nte,
            json!({"type": "fitness_assessed", "fit": false, "on": "2026-12-07"}),
        ),
        // A stay whose lifting Migrationsverket has proposed (pending a
        // legal officer's approval): the pending list shows the case.
        Tagged::new(STAY, Reg::plain(), T0)
            .step(Story::final_)
            .then(
                Agency::Migrationsverket,
                json!({"type": "impediment_lodged", "impediment": "IMP-1", "kind": "stay", "lodged_on": "2026-12-01"}),
            )
            .fact("impediment_lifted.stay", &[Decision]),
        // Someone alone and ready, whom the plan puts on the flight.
        Tagged::new(ALONE, Reg::plain(), T0)
            .step(|s| s.final_().police().documents().transport_asked(false).nte()),
    ];
    let mut cases = BTreeMap::new();
    let mut facts = Vec::new();
    let mut loaded = Vec::new();
    for t in stories {
        cases.insert(t.case.clone(), t.story.case());
        facts.extend(t.facts);
        loaded.push(t.story);
    }
    load(app, loaded).await;
    let (s, b) = json(
        app.post_as(
            Agency::Migrationsverket,
            Role::CaseOfficer,
            &format!("/api/cases/{STAY}/events"),
            &json!({"expected_version": cases[STAY].version, "event": {"type": "impediment_lifted", "impediment": "IMP-1", "lifted_on": "2026-12-07"}}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 202, "{b}");
    World {
        cases,
        facts,
        proposal: None,
    }
}

/// What one reader may read of one case (default matrix).
fn readable(who: (Agency, Role), case: &Case, needs: &[FieldCategory]) -> bool {
    needs.iter().all(|c| may_read(who.0, who.1, case, *c))
}

/// The seeded case ids a body shows.
fn shown(world: &World, body: &str) -> BTreeSet<String> {
    world
        .cases
        .keys()
        .filter(|id| {
            body.match_indices(id.as_str()).any(|(i, _)| {
                body[i + id.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-'))
            })
        })
        .cloned()
        .collect()
}

/// Reads `path` as `who` and checks the body against the world.
async fn check(app: &TestApp, world: &World, who: (Agency, Role), path: &str) -> Vec<String> {
    let head = audit_head(app).await;
    let resp = app
        .client
        .get(format!("{}{path}", app.base))
        .bearer_auth(token(who.0, who.1))
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let body = resp.text().await.unwrap();
    let me = format!("{}/{}", who.0.code(), who.1.code());
    let mut problems = Vec::new();
    if status != 200 {
        problems.push(format!("{path} as {me}: {status} {body}"));
        return problems;
    }
    for f in &world.facts {
        if body.contains(&f.text) && !readable(who, &world.cases[&f.case], &f.needs) {
            problems.push(format!(
                "{path} as {me}: shows {:?} of {} (needs {:?})",
                f.text, f.case, f.needs
            ));
        }
    }
    let records = audit_after(app, &user_name(who.0, who.1), head).await;
    let audited: BTreeSet<String> = records
        .iter()
        .filter_map(|r| r.entry.case.clone())
        .collect();
    for id in shown(world, &body) {
        if !audited.contains(&id) {
            problems.push(format!(
                "{path} as {me}: shows {id} without an audit record"
            ));
        }
    }
    problems
}

fn grants(row: &str, who: (Agency, Role)) -> bool {
    Catalogue::builtin()
        .row(row)
        .unwrap()
        .grants_role(who.0, who.1)
}

/// Proposes a plan as NTE's trip planner over the world's horizon.
pub async fn propose(app: &TestApp) -> String {
    let (s, p) = json(
        app.post_as(
            Agency::Nte,
            Role::TripPlanner,
            "/api/trips/proposals",
            &json!({"horizon_start": "2026-12-09", "horizon_days": 14, "time_limit_seconds": 5}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{p}");
    p["id"].as_str().unwrap().to_owned()
}

/// Approves the proposal (the one alone goes on the flight), then finds that
/// person not fit to fly: the domain takes them off the trip and the
/// re-planner proposes again, its cause a fitness assessment (health).
async fn replan_for_health(app: &TestApp, world: &mut World, proposal: &str) -> String {
    let planner = (Agency::Nte, Role::TripPlanner);
    let (s, b) = json(
        app.post_as(
            planner.0,
            planner.1,
            &format!("/api/trips/proposals/{proposal}/approve"),
            &json!({}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{b}");
    let case = app
        .store
        .case(&opcentrum_domain::ids::CaseId::parse(ALONE).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(case.stage, opcentrum_domain::Stage::Planned, "{b}");
    let why = "SENTINEL-fitness_assessed-S-ALONE-unfit";
    let (s, b) = json(
        app.post_as(
            Agency::Nte,
            Role::CaseOfficer,
            &format!("/api/cases/{ALONE}/events"),
            &json!({"expected_version": case.version, "reason": why,
                    "event": {"type": "fitness_assessed", "fit": false, "on": "2026-12-08"}}),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    for text in [why, "\"event\":\"fitness_assessed\""] {
        world.facts.push(Fact {
            text: text.into(),
            case: ALONE.into(),
            needs: vec![Health],
        });
    }
    // The re-planner may have proposed already; asking again returns nothing then.
    let _ = app
        .post_as(planner.0, planner.1, "/api/trips/replan", &json!(null))
        .send()
        .await
        .unwrap();
    for _ in 0..100 {
        let (_, list) = json(
            app.get_as(planner.0, planner.1, "/api/trips/proposals")
                .send()
                .await
                .unwrap(),
        )
        .await;
        if let Some(r) = list
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["kind"] == "replan")
        {
            return r["id"].as_str().unwrap().to_owned();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no re-plan proposal");
}

#[tokio::test]
async fn no_endpoint_or_page_shows_a_withheld_category_or_a_fact_derived_from_one() {
    nothing_withheld_shows(TestApp::sqlite().await).await;
}

#[tokio::test]
async fn no_endpoint_or_page_shows_a_withheld_category_or_a_fact_derived_from_one_postgres() {
    match opcentrum_store::testing::TestDb::postgres().await.unwrap() {
        Some(db) => nothing_withheld_shows(TestApp::spawn(db).await).await,
        None => eprintln!("skipped: DATABASE_URL is not set"),
    }
}

async fn nothing_withheld_shows(app: TestApp) {
    let mut world = world(&app).await;
    world.proposal = Some(propose(&app).await);
    let proposal = world.proposal.clone().unwrap();
    let replan = replan_for_health(&app, &mut world, &proposal).await;

    // The markers are real: a reader of everything sees each of them.
    let everything = (Agency::Migrationsverket, Role::CaseOfficer);
    let mut seen_by_all = String::new();
    for id in world.cases.keys() {
        let (_, b) = json(
            app.get_as(everything.0, everything.1, &format!("/api/cases/{id}"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        seen_by_all.push_str(&b.to_string());
    }
    let mut pages: Vec<((Agency, Role), String)> = vec![
        (everything, "/detention".into()),
        (everything, "/inbox".into()),
        ((Agency::Nte, Role::CaseOfficer), "/inbox".into()),
        ((Agency::Police, Role::CaseOfficer), "/inbox".into()),
    ];
    for id in world.cases.keys() {
        pages.push((everything, format!("/cases/{id}")));
    }
    for (who, path) in &pages {
        seen_by_all.push_str(
            &app.get_as(who.0, who.1, path)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
    }
    let (_, p) = json(
        app.get_as(
            Agency::Nte,
            Role::TripPlanner,
            &format!("/api/trips/proposals/{proposal}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    seen_by_all.push_str(&p.to_string());
    let (_, p) = json(
        app.get_as(
            Agency::Nte,
            Role::TripPlanner,
            &format!("/api/trips/proposals/{replan}"),
        )
        .send()
        .await
        .unwrap(),
    )
    .await;
    seen_by_all.push_str(&p.to_string());
    let (_, p) = json(
        app.get_as(Agency::Migrationsverket, Role::LegalOfficer, "/api/pending")
            .send()
            .await
            .unwrap(),
    )
    .await;
    seen_by_all.push_str(&p.to_string());
    let missing: Vec<&str> = world
        .facts
        .iter()
        .filter(|f| !seen_by_all.contains(&f.text))
        .map(|f| f.text.as_str())
        .collect();
    assert!(missing.is_empty(), "markers nobody sees: {missing:?}");

    let mut paths: Vec<(String, &str)> = vec![
        ("/api/cases".into(), "cases.read"),
        ("/api/export".into(), "cases.export"),
        ("/".into(), "picture.read"),
        ("/picture/body".into(), "picture.read"),
        ("/cases".into(), "cases.read"),
        ("/inbox".into(), "cases.read"),
        ("/inbox/body".into(), "cases.read"),
        ("/detention".into(), "cases.read"),
        (format!("/api/trips/proposals/{proposal}"), "trips.plan"),
        (format!("/trips/proposals/{proposal}"), "trips.plan"),
        ("/api/trips/proposals".into(), "trips.plan"),
        ("/trips".into(), "trips.plan"),
        ("/api/pending".into(), "rules.read"),
    ];
    for a in Agency::OPERATIONAL {
        paths.push((format!("/api/agencies/{}/inbox", a.code()), "cases.read"));
    }
    paths.push((format!("/api/trips/proposals/{replan}"), "trips.plan"));
    paths.push((format!("/trips/proposals/{replan}"), "trips.plan"));
    for id in world.cases.keys() {
        paths.push((format!("/api/cases/{id}"), "cases.read"));
        paths.push((format!("/cases/{id}"), "cases.read"));
    }
    let mut problems = Vec::new();
    for who in principals() {
        for (path, row) in &paths {
            if grants(row, who) {
                problems.extend(check(&app, &world, who, path).await);
            }
        }
    }
    // Facility ids are shown to every reader of the board and the picture
    // (occupancy is a count of the facility, not a person's location); the
    // sentinel facility's id counts only on pages about one person.
    problems.retain(|p| {
        !(p.contains(SENTINEL_FACILITY)
            && (p.starts_with("/detention ") || p.starts_with("/ ") || p.starts_with("/picture")))
    });
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    app.cleanup().await;
}
