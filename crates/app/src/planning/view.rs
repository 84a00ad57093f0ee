//! A proposal as one reader may see it. The stored body is the planner's
//! contract (scenario, plan, who was held back); each person in it is shown
//! per field by the sharing matrix, as a case is:
//! - sex (identity), family (family), escort need (security risk), detained
//!   and the last day to leave (location), the first ready day (the
//!   readiness categories: decision, location, travel documents, health);
//! - why a person is unplanned or held back, only where the reader may read
//!   every category the reason rests on (a held-back family member "not fit
//!   to fly" is health);
//! - the event that caused a re-plan, only where its categories are readable.
//!
//! The names of the persons on a trip (`body.names`, case id → name) only
//! for a reader who may read their identity.
//!
//! Every person shown anywhere in the proposal — on a trip, unplanned, held
//! back, left out, changed or named in a cause — gets one audit record with
//! the categories disclosed.

use super::{PURPOSE_PLANNING, ProposalBody, approve::body_of};
use crate::{App, AppResult, Caller, audit::entry, text::reasons};
use opcentrum_access::{FieldCategory, Policy, Principal, audit::AuditAction};
use opcentrum_domain::Agency;
use opcentrum_store::ProposalRecord;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// A proposal as the API shows it; `body` holds the scenario, the plan
/// (trips, fill, cost, reasons for everyone left out) and, for a re-plan, the
/// changes — each person as the reader may see them.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalView {
    pub id: String,
    /// `plan` or `replan`.
    pub kind: String,
    /// `pending`, `approved`, `rejected` or `superseded`.
    pub status: String,
    pub created_at: jiff::Timestamp,
    pub created_by: String,
    pub horizon_start: jiff::civil::Date,
    pub horizon_days: u32,
    pub based_on: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<jiff::Timestamp>,
    pub decision_reason: Option<String>,
    pub persons_moved: u32,
    pub detained_moved: u32,
    pub cost: u64,
    pub optimal: bool,
    pub body: Option<Value>,
}

const WITHHELD: &str = "withheld";

/// What one reader may read of one person of a proposal.
struct Reader<'a> {
    policy: &'a Policy,
    principal: &'a Principal,
    owners: &'a BTreeMap<String, (Agency, Agency)>,
    criminal_dependent: &'a BTreeSet<String>,
}

impl Reader<'_> {
    fn may(&self, person: &str, c: FieldCategory) -> bool {
        let Some((registrar, responsible)) = self.owners.get(person) else {
            return false;
        };
        let owner = match c {
            FieldCategory::Location | FieldCategory::Health => *responsible,
            FieldCategory::Trip => Agency::Nte,
            FieldCategory::TravelDocuments => Agency::Police,
            _ => *registrar,
        };
        self.policy.decide(self.principal, c, owner).allowed
    }
    fn all(&self, person: &str, cs: &[FieldCategory]) -> bool {
        cs.iter().all(|c| self.may(person, *c))
    }
}

const READINESS: &[FieldCategory] = &[
    FieldCategory::Decision,
    FieldCategory::Location,
    FieldCategory::TravelDocuments,
    FieldCategory::Health,
];

/// Categories an unplanned person's reason rests on.
fn reason_categories(code: &str) -> &'static [FieldCategory] {
    use FieldCategory::*;
    match code {
        "family_not_ready" => &[Family, Decision, Location, TravelDocuments, Health],
        "family_too_large" => &[Family],
        "family_destinations_differ" => &[Family, Decision],
        "no_escort_of_sex" => &[Identity, SecurityRisk],
        "past_deadline" => &[Location, Decision],
        _ => &[Location],
    }
}

fn event_categories(event: &str) -> &'static [FieldCategory] {
    use FieldCategory::*;
    match event {
        "fitness_assessed" => &[Health],
        "absconded" | "located" | "detention_started" | "detention_ended" => &[Location],
        "impediment_lodged"
        | "impediment_lifted"
        | "permit_granted"
        | "expired"
        | "cancelled"
        | "departed_voluntarily" => &[Decision],
        "travel_document_issued" | "destination_accepted" => &[TravelDocuments],
        _ => &[Trip],
    }
}

/// READINESS with the criminal record: planning days that depend on it.
const READINESS_CRIMINAL: &[FieldCategory] = &[
    FieldCategory::Decision,
    FieldCategory::Location,
    FieldCategory::TravelDocuments,
    FieldCategory::Health,
    FieldCategory::CriminalRecord,
];
const LIMIT_CRIMINAL: &[FieldCategory] = &[FieldCategory::Location, FieldCategory::CriminalRecord];

fn redact_person(r: &Reader, p: &mut Value, seen: &mut BTreeMap<String, BTreeSet<FieldCategory>>) {
    let Some(id) = p.get("id").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let shown = seen.entry(id.clone()).or_default();
    shown.insert(FieldCategory::Trip);
    let criminal = r.criminal_dependent.contains(&id);
    let fields: [(&str, &[FieldCategory]); 6] = [
        ("sex", &[FieldCategory::Identity]),
        ("family", &[FieldCategory::Family]),
        ("escorted", &[FieldCategory::SecurityRisk]),
        ("detained", &[FieldCategory::Location]),
        (
            "must_leave_by",
            if criminal {
                LIMIT_CRIMINAL
            } else {
                &[FieldCategory::Location]
            },
        ),
        (
            "ready_from",
            if criminal {
                READINESS_CRIMINAL
            } else {
                READINESS
            },
        ),
    ];
    for (field, cats) in fields {
        // A day that would be absent for a criminal court's expulsion (no cap)
        // is withheld even when absent: its absence would tell as much.
        if p.get(field).is_none() && !(criminal && field == "must_leave_by") {
            continue;
        }
        if r.all(&id, cats) {
            shown.extend(cats.iter().copied());
        } else if let Some(obj) = p.as_object_mut() {
            obj.insert(field.into(), json!(WITHHELD));
        }
    }
}

fn redact_unplanned(
    r: &Reader,
    u: &mut Value,
    seen: &mut BTreeMap<String, BTreeSet<FieldCategory>>,
) {
    let Some(id) = u.get("person").and_then(Value::as_str).map(str::to_owned) else {
        return;
    };
    let code = u
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let criminal = [FieldCategory::CriminalRecord];
    let with_criminal: Vec<FieldCategory>;
    let cats: &[FieldCategory] = if r.criminal_dependent.contains(&id) {
        // The reason's days (the window, the limit) tell of the criminal record.
        with_criminal = reason_categories(&code)
            .iter()
            .chain(criminal.iter())
            .copied()
            .collect();
        &with_criminal
    } else {
        reason_categories(&code)
    };
    // A held-back person's explanation names the family member who is not
    // ready and why: that member is shown too, with the same categories.
    let explanation = u.get("explanation").and_then(Value::as_str).unwrap_or("");
    let named: Vec<String> = r
        .owners
        .keys()
        .filter(|other| **other != id && names(explanation, other))
        .cloned()
        .collect();
    seen.entry(id.clone())
        .or_default()
        .insert(FieldCategory::Trip);
    if r.all(&id, cats) && named.iter().all(|n| r.all(n, cats)) {
        for who in named.iter().chain(std::iter::once(&id)) {
            seen.entry(who.clone())
                .or_default()
                .extend(cats.iter().copied());
        }
    } else if let Some(obj) = u.as_object_mut() {
        obj.insert("reason".into(), json!(WITHHELD));
        let (en, sv) = reasons("gate.view.withheld_explanation", &[]);
        obj.insert("explanation".into(), json!(en));
        // The Swedish sentence says the same as the English: it is withheld too.
        obj.insert("explanation_sv".into(), json!(sv));
    }
}

/// Does `text` name the case `id` (not merely a longer id it begins)?
fn names(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(i, _)| {
        text[i + id.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    })
}

fn note(seen: &mut BTreeMap<String, BTreeSet<FieldCategory>>, v: &Value, key: &str) {
    if let Some(id) = v.get(key).and_then(Value::as_str) {
        seen.entry(id.to_owned())
            .or_default()
            .insert(FieldCategory::Trip);
    }
}

/// The body as the reader may see it, and who was shown with which categories.
fn redact_body(
    body: &ProposalBody,
    raw: &Value,
    policy: &Policy,
    principal: &Principal,
) -> (Value, BTreeMap<String, BTreeSet<FieldCategory>>) {
    let r = Reader {
        policy,
        principal,
        owners: &body.owners,
        criminal_dependent: &body.criminal_dependent,
    };
    let mut v = raw.clone();
    // Which days depend on the criminal record is for this function alone.
    if let Some(o) = v.as_object_mut() {
        o.remove("criminal_dependent");
    }
    let mut seen: BTreeMap<String, BTreeSet<FieldCategory>> = BTreeMap::new();
    if let Some(persons) = v
        .pointer_mut("/scenario/persons")
        .and_then(Value::as_array_mut)
    {
        for p in persons {
            redact_person(&r, p, &mut seen);
        }
    }
    for path in ["/plan/unplanned", "/held_back"] {
        if let Some(list) = v.pointer_mut(path).and_then(Value::as_array_mut) {
            for u in list {
                redact_unplanned(&r, u, &mut seen);
            }
        }
    }
    if let Some(trips) = v.pointer("/plan/trips").and_then(Value::as_array) {
        for t in trips {
            for p in t
                .get("persons")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = p.as_str() {
                    seen.entry(id.to_owned())
                        .or_default()
                        .insert(FieldCategory::Trip);
                }
            }
        }
    }
    if let Some(causes) = v.pointer_mut("/causes").and_then(Value::as_array_mut) {
        for c in causes {
            note(&mut seen, c, "case");
            let id = c
                .get("case")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let event = c
                .get("event")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let cats = event_categories(&event);
            if r.all(&id, cats) {
                seen.entry(id).or_default().extend(cats.iter().copied());
            } else if let Some(obj) = c.as_object_mut() {
                obj.insert("event".into(), json!(WITHHELD));
            }
        }
    }
    for key in ["/left_out", "/changes"] {
        if let Some(list) = v.pointer(key).and_then(Value::as_array) {
            for x in list {
                note(&mut seen, x, "person");
            }
        }
    }
    // Versions and owners are the service's bookkeeping, not for the reader.
    if let Some(obj) = v.as_object_mut() {
        obj.remove("versions");
        obj.remove("owners");
    }
    (v, seen)
}

impl App {
    /// The view of a stored proposal for the caller; with the body, every
    /// person in it is audited.
    pub(crate) async fn proposal_view(
        &self,
        caller: &Caller,
        p: ProposalRecord,
        with_body: bool,
    ) -> AppResult<ProposalView> {
        let objective = &p.body["plan"]["objective"];
        let num = |k: &str| objective[k].as_u64().unwrap_or(0);
        let mut view = ProposalView {
            id: p.id.clone(),
            kind: serde_json::to_value(p.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            status: p.status.code().to_owned(),
            created_at: p.created_at,
            created_by: p.created_by.clone(),
            horizon_start: p.horizon_start,
            horizon_days: p.horizon_days,
            based_on: p.based_on.clone(),
            decided_by: p.decided_by.clone(),
            decided_at: p.decided_at,
            decision_reason: p.decision_reason.clone(),
            persons_moved: u32::try_from(num("moved")).unwrap_or(u32::MAX),
            detained_moved: u32::try_from(num("detained_moved")).unwrap_or(u32::MAX),
            cost: num("cost"),
            optimal: p.body["plan"]["optimal"].as_bool().unwrap_or(false),
            body: None,
        };
        if !with_body {
            return Ok(view);
        }
        let Some(principal) = caller.principal() else {
            return Ok(view);
        };
        let body = body_of(&p)?;
        let policy = self.policy.get();
        let (mut shown, mut seen) = redact_body(&body, &p.body, &policy, principal);
        // The names of the persons on a trip, for a reader who may read
        // their identity (audited with it); others see case numbers.
        let reader = Reader {
            policy: &policy,
            principal,
            owners: &body.owners,
            criminal_dependent: &body.criminal_dependent,
        };
        let mut names = serde_json::Map::new();
        for t in &body.plan.trips {
            for id in &t.persons {
                if !reader.may(id, FieldCategory::Identity) {
                    continue;
                }
                let Ok(case_id) = opcentrum_domain::ids::CaseId::parse(id.clone()) else {
                    continue;
                };
                if let Some(c) = self.store.case(&case_id).await? {
                    names.insert(
                        id.clone(),
                        json!(format!("{} {}", c.person.given_name, c.person.family_name)),
                    );
                    seen.entry(id.clone())
                        .or_default()
                        .insert(FieldCategory::Identity);
                }
            }
        }
        if let Some(obj) = shown.as_object_mut() {
            obj.insert("names".into(), Value::Object(names));
        }
        let now = self.clock.now();
        let records: Vec<_> = seen
            .into_iter()
            .map(|(case, cats)| {
                entry(
                    caller,
                    AuditAction::Read,
                    Some(case),
                    cats.into_iter().collect(),
                    vec![],
                    PURPOSE_PLANNING,
                    now,
                )
            })
            .collect();
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        view.body = Some(shown);
        Ok(view)
    }
}
