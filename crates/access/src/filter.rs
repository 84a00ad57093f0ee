//! Per-field filtering (kanidm's two phases: which cases, then which fields).
//! A reader gets the case's operational metadata and, per category, either the
//! fields with the legal basis that permits them, or "withheld" with the reason.
//! Nothing is silently dropped.

use crate::{
    category::{
        CategoryOwners, FieldCategory, categories_of_event, categories_of_event_type,
        categories_of_unmet,
    },
    identity::Principal,
    policy::Policy,
};
use jiff::Timestamp;
use opcentrum_domain::{
    Agency, Case, Country, Event, RuleTable, Stage,
    decision::{DecisionKind, DecisionMaker},
    detention,
    readiness::readiness,
};
use opcentrum_text::{
    Lang, Tr,
    args::{ByLang, both},
};
use serde::Serialize;
use serde_json::{Value, json};

/// Which categories of one case one reader may read (`FieldCategory::ALL` order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readable(pub [bool; 9]);

impl Readable {
    pub fn of(policy: &Policy, principal: &Principal, owners: &CategoryOwners) -> Readable {
        let mut r = [false; 9];
        for (i, c) in FieldCategory::ALL.into_iter().enumerate() {
            r[i] = policy.decide(principal, c, owners.owner(c)).allowed;
        }
        Readable(r)
    }
    /// Everything (the writer's own view in tests; exports).
    pub fn all() -> Readable {
        Readable([true; 9])
    }
    pub fn may(&self, c: FieldCategory) -> bool {
        self.0[crate::category::index(c)]
    }
    pub fn all_of(&self, cs: &[FieldCategory]) -> bool {
        cs.iter().all(|c| self.may(*c))
    }
}

/// A fact derived from a category the reader may not read: its value, or the
/// string `"withheld"` for every case alike (so its absence tells nothing).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Derived<T> {
    Shown(T),
    Withheld(WithheldMark),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WithheldMark {
    #[serde(rename = "withheld")]
    Withheld,
}

impl<T> Derived<T> {
    pub fn shown_if(readable: bool, value: T) -> Derived<T> {
        if readable {
            Derived::Shown(value)
        } else {
            Derived::Withheld(WithheldMark::Withheld)
        }
    }
    pub fn shown(&self) -> Option<&T> {
        match self {
            Derived::Shown(v) => Some(v),
            Derived::Withheld(_) => None,
        }
    }
}

/// A failed attempt in the trip category: why it failed is health or
/// security risk (medical, resistance), shown only with both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedAttemptView {
    pub trip: opcentrum_domain::ids::TripId,
    pub failure: Derived<opcentrum_domain::event::FailureReason>,
    pub at: Timestamp,
}

/// A person taken off a trip: which event did it is shown only with the
/// categories that event reveals (a fitness assessment is health).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplanView {
    pub trip: opcentrum_domain::ids::TripId,
    pub cause: Derived<String>,
    pub at: Timestamp,
}

/// One category of a case, as one reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub category: FieldCategory,
    pub owner: Agency,
    #[serde(flatten)]
    pub access: SectionAccess,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
// Built per response and serialised at once, never stored in bulk: boxing the
// visible value would cost an allocation per section for no gain.
#[allow(clippy::large_enum_variant)]
pub enum SectionAccess {
    Visible {
        legal_basis: String,
        value: SectionValue,
    },
    Withheld {
        reason_en: String,
        reason_sv: String,
    },
}

/// The decision as the decision category shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionView {
    pub kind: &'static str,
    pub decided_by: &'static str,
    pub decided_on: jiff::civil::Date,
    pub notified_on: Option<jiff::civil::Date>,
    pub final_on: Option<jiff::civil::Date>,
    /// Depends on the criminal record (a criminal court's expulsion has no
    /// period) and the risk of absconding: withheld without both.
    pub departure_period_end: Derived<Option<jiff::civil::Date>>,
    /// Depends on the criminal record (a re-entry ban): withheld without it.
    pub lapses_on: Derived<Option<jiff::civil::Date>>,
    pub impediments: Vec<opcentrum_domain::impediment::Impediment>,
    pub last_returned_handover: Option<opcentrum_domain::case::ReturnedHandover>,
    pub milestones: opcentrum_domain::case::Milestones,
}

/// The limit of a detention as the location category shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DetentionStatus {
    pub ends_at: Option<Timestamp>,
    pub last_trip_day: Option<jiff::civil::Date>,
    pub rule: opcentrum_domain::RuleId,
    pub statute: &'static str,
    pub child: bool,
    pub status: detention::LimitStatus,
    pub review_due: Option<Timestamp>,
}

/// The fields of one category: typed, so a page of cases is cheap to build and serialise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SectionValue {
    Identity {
        person: opcentrum_domain::person::Person,
    },
    Decision(DecisionView),
    Location {
        detention: Option<opcentrum_domain::detention::Placement>,
        /// The limit, where the placement's limit does not depend on the
        /// criminal record (an adult's enforcement detention has no cap when
        /// a criminal court expelled): withheld without it, for every such
        /// placement alike.
        detention_status: Option<Derived<DetentionStatus>>,
        /// The whole case: total held, the limit with its rule, the next
        /// review — withheld on the same terms as the limit.
        detention_summary: Derived<detention::DetentionSummary>,
        past_detentions: Vec<opcentrum_domain::detention::Placement>,
        supervision_since: Option<jiff::civil::Date>,
        absconded_since: Option<jiff::civil::Date>,
    },
    Health {
        fitness: Option<opcentrum_domain::case::Fitness>,
    },
    SecurityRisk {
        absconding_risk: bool,
        escorted: Option<bool>,
    },
    Family {
        family: Option<opcentrum_domain::ids::FamilyId>,
    },
    TravelDocuments {
        travel_document: Option<opcentrum_domain::case::TravelDocument>,
        destination_accepted_on: Option<jiff::civil::Date>,
    },
    CriminalRecord {
        expulsion_for_crime: bool,
        decided_by_general_court: bool,
    },
    Trip {
        trip: Option<opcentrum_domain::case::TripAssignment>,
        failed_attempts: Vec<FailedAttemptView>,
        replan_needed: Option<ReplanView>,
        executed_on: Option<jiff::civil::Date>,
    },
}

/// An unmet readiness condition as a reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmetView {
    pub condition: &'static str,
    pub text_en: String,
    pub text_sv: String,
}

/// A pending handover as metadata (no personal data).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverMeta {
    pub id: String,
    pub to: Agency,
    pub proposed_at: Timestamp,
}

/// A case filtered for one reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilteredCase {
    pub id: String,
    pub version: u64,
    pub stage: Stage,
    pub responsible: Agency,
    pub destination: Country,
    pub suspended: bool,
    pub pending_handover: Option<HandoverMeta>,
    pub ready: bool,
    /// Unmet readiness conditions; those in a withheld category are shown as withheld.
    pub unmet: Vec<UnmetView>,
    pub sections: Vec<Section>,
    /// What was disclosed, for the audit record.
    #[serde(skip)]
    pub disclosed: Vec<(FieldCategory, String)>,
}

impl FilteredCase {
    pub fn section(&self, c: FieldCategory) -> Option<&Section> {
        self.sections.iter().find(|s| s.category == c)
    }
    pub fn visible(&self, c: FieldCategory) -> Option<&SectionValue> {
        match &self.section(c)?.access {
            SectionAccess::Visible { value, .. } => Some(value),
            SectionAccess::Withheld { .. } => None,
        }
    }
}

/// Why a category is withheld from the reader, in English (codes) and in
/// Swedish (names).
pub fn withheld_reason(principal: &Principal, c: FieldCategory, owner: Agency) -> (String, String) {
    both(
        "gate.filter.withheld_reason",
        &[
            (
                "agency",
                &ByLang(principal.agency.code(), principal.agency.name_sv()),
            ),
            (
                "role",
                &ByLang(principal.role.code(), principal.role.name_sv()),
            ),
            ("category", &ByLang(c.code(), c.name_sv().to_lowercase())),
            ("owner", &ByLang(owner.code(), owner.name_sv())),
        ],
    )
}

fn decided_by_shown(by: DecisionMaker) -> &'static str {
    match by {
        DecisionMaker::Migrationsverket => "migrationsverket",
        DecisionMaker::Police => "police",
        _ => "court",
    }
}

/// The fields of one category. The decision section never says that an
/// expulsion was ordered by a criminal court: that is the criminal-record
/// category's, so a reader without it cannot infer it — neither from the
/// decision's kind nor from a departure period or lapse day that a criminal
/// court's expulsion lacks. Facts derived from another category are shown
/// only with it (`Derived`).
pub fn section_value(
    case: &Case,
    c: FieldCategory,
    now: Timestamp,
    rules: &RuleTable,
    readable: &Readable,
) -> SectionValue {
    let d = &case.decision;
    match c {
        FieldCategory::Identity => SectionValue::Identity {
            person: case.person.clone(),
        },
        FieldCategory::Decision => SectionValue::Decision(DecisionView {
            kind: if d.kind == DecisionKind::RefusalOfEntry {
                "refusal_of_entry"
            } else {
                "expulsion"
            },
            decided_by: decided_by_shown(d.decided_by),
            decided_on: d.decided_on,
            notified_on: d.notified_on,
            final_on: d.final_on,
            departure_period_end: Derived::shown_if(
                readable.all_of(&[FieldCategory::CriminalRecord, FieldCategory::SecurityRisk]),
                d.departure_period_end(case.absconding_risk, rules)
                    .ok()
                    .flatten()
                    .map(|p| p.0),
            ),
            lapses_on: Derived::shown_if(
                readable.may(FieldCategory::CriminalRecord),
                d.lapses_on(rules).map(|l| l.0),
            ),
            impediments: case.impediments.clone(),
            last_returned_handover: case.last_returned_handover.clone(),
            milestones: case.milestones.clone(),
        }),
        FieldCategory::Location => {
            let criminal_shown = readable.may(FieldCategory::CriminalRecord)
                || !limit_depends_on_criminal_record(case, rules);
            SectionValue::Location {
                detention_status: detention::limit(case, rules).map(|limit| {
                    Derived::shown_if(
                        criminal_shown,
                        DetentionStatus {
                            ends_at: limit.ends_at,
                            last_trip_day: limit.last_trip_day(),
                            rule: limit.rule,
                            statute: rules.reference(limit.rule),
                            child: limit.child,
                            status: detention::status(&limit, now, rules),
                            review_due: detention::next_review(case, rules).map(|r| r.0),
                        },
                    )
                }),
                detention_summary: Derived::shown_if(
                    criminal_shown,
                    detention::summary(case, now, rules),
                ),
                detention: case.detention.clone(),
                past_detentions: case.past_detentions.clone(),
                supervision_since: case.supervision_since,
                absconded_since: case.absconded_since,
            }
        }
        FieldCategory::Health => SectionValue::Health {
            fitness: case.fitness.clone(),
        },
        FieldCategory::SecurityRisk => SectionValue::SecurityRisk {
            absconding_risk: case.absconding_risk,
            escorted: case.escorted,
        },
        FieldCategory::Family => SectionValue::Family {
            family: case.family.clone(),
        },
        FieldCategory::TravelDocuments => SectionValue::TravelDocuments {
            travel_document: case.travel_document.clone(),
            destination_accepted_on: case.destination_accepted_on,
        },
        FieldCategory::CriminalRecord => SectionValue::CriminalRecord {
            expulsion_for_crime: d.kind == DecisionKind::ExpulsionForCrime,
            decided_by_general_court: d.decided_by == DecisionMaker::GeneralCourt,
        },
        FieldCategory::Trip => SectionValue::Trip {
            trip: case.trip.clone(),
            failed_attempts: case
                .failed_attempts
                .iter()
                .map(|a| FailedAttemptView {
                    trip: a.trip.clone(),
                    failure: Derived::shown_if(
                        readable.all_of(categories_of_event_type("attempt_failed")),
                        a.failure,
                    ),
                    at: a.at,
                })
                .collect(),
            replan_needed: case.replan_needed.as_ref().map(|r| ReplanView {
                trip: r.trip.clone(),
                cause: Derived::shown_if(
                    readable.all_of(categories_of_event_type(&r.cause)),
                    r.cause.clone(),
                ),
                at: r.at,
            }),
            executed_on: case.executed_on,
        },
    }
}

/// Would this placement's limit differ were the expulsion a criminal
/// court's? Asked of both kinds alike, so the answer tells nothing of the
/// case's own decision: only the basis, the extensions and the age count.
pub fn limit_depends_on_criminal_record(case: &Case, rules: &RuleTable) -> bool {
    let as_kind = |kind: DecisionKind, by: DecisionMaker| {
        let mut c = case.clone();
        c.decision.kind = kind;
        c.decision.decided_by = by;
        detention::limit(&c, rules)
    };
    as_kind(DecisionKind::ExpulsionForCrime, DecisionMaker::GeneralCourt)
        != as_kind(DecisionKind::Expulsion, DecisionMaker::Migrationsverket)
}

/// Filters one case for one reader.
pub fn filter_case(
    policy: &Policy,
    principal: &Principal,
    case: &Case,
    now: Timestamp,
    rules: &RuleTable,
) -> FilteredCase {
    let owners = CategoryOwners::of_case(case);
    let readable = Readable::of(policy, principal, &owners);
    let mut sections = Vec::with_capacity(FieldCategory::ALL.len());
    let mut disclosed = Vec::new();
    for c in FieldCategory::ALL {
        let owner = owners.owner(c);
        let access = policy.decide(principal, c, owner);
        let access = match access.legal_basis {
            Some(basis) if access.allowed => {
                disclosed.push((c, basis.clone()));
                SectionAccess::Visible {
                    legal_basis: basis,
                    value: section_value(case, c, now, rules, &readable),
                }
            }
            _ => {
                let (reason_en, reason_sv) = withheld_reason(principal, c, owner);
                SectionAccess::Withheld {
                    reason_en,
                    reason_sv,
                }
            }
        };
        sections.push(Section {
            category: c,
            owner,
            access,
        });
    }
    let today = opcentrum_domain::time::local_date(now);
    let ready = readiness(case, today, rules);
    let unmet = ready
        .unmet
        .iter()
        .map(|u| {
            if readable.all_of(categories_of_unmet(u)) {
                UnmetView {
                    condition: u.code(),
                    text_en: u.text_en(),
                    text_sv: u.text_sv(),
                }
            } else {
                UnmetView {
                    condition: "withheld",
                    text_en: Tr::new(Lang::En).t("gate.filter.unmet_withheld").into(),
                    text_sv: Tr::new(Lang::Sv).t("gate.filter.unmet_withheld").into(),
                }
            }
        })
        .collect();
    FilteredCase {
        id: case.id.to_string(),
        version: case.version,
        stage: case.stage,
        responsible: case.responsible,
        destination: case.destination,
        suspended: case.is_suspended(),
        pending_handover: case.pending_handover.as_ref().map(|p| HandoverMeta {
            id: p.id.to_string(),
            to: p.kind.to_agency(),
            proposed_at: p.proposed_at,
        }),
        ready: ready.is_ready(),
        unmet,
        sections,
        disclosed,
    }
}

/// One event of a history, as a reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FilteredEvent {
    pub seq: u64,
    pub version: u64,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub recorded_at: Timestamp,
    pub agency: Agency,
    pub user: String,
    /// The payload and reason, when every category it reveals is readable.
    pub event: Option<Value>,
    pub reason: Option<String>,
    pub withheld: Option<String>,
}

/// What a withheld event says, for every withheld event alike: naming its
/// category or type would tell what happened (a detention, an absconding, a
/// fitness assessment).
pub fn withheld_event(lang: Lang) -> &'static str {
    Tr::new(lang).t("gate.filter.withheld_event")
}

/// Filters a history: an event whose categories are not all readable keeps
/// only its place (sequence, version, time) and the recording agency; its
/// type, user, payload and free-text reason are withheld.
pub fn filter_events(
    policy: &Policy,
    principal: &Principal,
    case: &Case,
    events: &[(u64, Event)],
) -> (Vec<FilteredEvent>, Vec<FieldCategory>) {
    let owners = CategoryOwners::of_case(case);
    let readable = Readable::of(policy, principal, &owners);
    let mut disclosed = Vec::new();
    let out = events
        .iter()
        .map(|(seq, e)| {
            let cats = categories_of_event(&e.kind);
            if !readable.all_of(cats) {
                return FilteredEvent {
                    seq: *seq,
                    version: e.version,
                    kind: "withheld",
                    recorded_at: e.recorded_at,
                    agency: e.actor.agency,
                    user: String::new(),
                    event: None,
                    reason: None,
                    withheld: Some(withheld_event(Lang::En).to_owned()),
                };
            }
            for c in cats {
                if !disclosed.contains(c) {
                    disclosed.push(*c);
                }
            }
            let criminal = readable.may(FieldCategory::CriminalRecord);
            if criminal
                && matches!(e.kind, opcentrum_domain::EventKind::Registered { .. })
                && !disclosed.contains(&FieldCategory::CriminalRecord)
            {
                disclosed.push(FieldCategory::CriminalRecord);
            }
            FilteredEvent {
                seq: *seq,
                version: e.version,
                kind: e.kind.name(),
                recorded_at: e.recorded_at,
                agency: e.actor.agency,
                user: e.actor.user.to_string(),
                event: redact_criminal(serde_json::to_value(&e.kind).ok(), criminal),
                reason: e.reason.clone(),
                withheld: None,
            }
        })
        .collect();
    (out, disclosed)
}

/// In a visible `registered` event, the decision's kind and maker say no more
/// than the decision section does, unless the criminal record is readable.
fn redact_criminal(v: Option<Value>, criminal_readable: bool) -> Option<Value> {
    let mut v = v?;
    if criminal_readable {
        return Some(v);
    }
    if let Some(d) = v.get_mut("decision").and_then(Value::as_object_mut) {
        if d.get("kind").and_then(Value::as_str) == Some("expulsion_for_crime") {
            d.insert("kind".into(), json!("expulsion"));
        }
        if let Some(by) = d.get("decided_by").and_then(Value::as_str) {
            let shown = match by {
                "migrationsverket" | "police" => by.to_owned(),
                _ => "court".to_owned(),
            };
            d.insert("decided_by".into(), json!(shown));
        }
    }
    Some(v)
}

/// The list filters and the category each would reveal.
pub fn category_of_filter(param: &str) -> &'static [FieldCategory] {
    match param {
        "detained" => &[FieldCategory::Location],
        "family" => &[FieldCategory::Family],
        "replan_needed" => &[FieldCategory::Trip],
        "ready" => &[
            FieldCategory::Decision,
            FieldCategory::Location,
            FieldCategory::TravelDocuments,
            FieldCategory::Health,
        ],
        _ => &[],
    }
}

/// May the reader filter cases by this parameter? Only if they may read what it
/// reveals, whoever owns it.
pub fn filterable(
    policy: &Policy,
    principal: &Principal,
    param: &str,
) -> Result<(), FieldCategory> {
    for c in category_of_filter(param) {
        if !policy.readable_for_every_owner(principal, *c) {
            return Err(*c);
        }
    }
    Ok(())
}
