//! Readiness for planning: derived from the case, never typed in. A case is ready
//! on a day when every condition holds; otherwise the unmet conditions say why.

use crate::{
    case::Case,
    ids::ImpedimentId,
    impediment::ImpedimentKind,
    rules::{NotInForce, RuleId, RuleTable},
    stage::Stage,
};
use jiff::{ToSpan, civil::Date};
use opcentrum_text::{Lang, Tr};
use serde::Serialize;

/// One condition for planning that does not hold.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "condition", rename_all = "snake_case")]
pub enum Unmet {
    /// The decision has not become final (laga kraft).
    NotFinal,
    /// The date of finality has not been confirmed by a second person (JO 8824-2019).
    FinalityUnconfirmed,
    /// No version of a rule the case needs is in force on the day that matters.
    RuleNotInForce {
        rule: RuleId,
        day: Date,
    },
    /// No transport request has been accepted by NTE.
    TransportNotRequested {
        stage: Stage,
    },
    /// An impediment or stay is open.
    OpenImpediment {
        impediment: ImpedimentId,
        kind: ImpedimentKind,
    },
    /// The voluntary-departure period runs until this day (inclusive).
    DeparturePeriodRunning {
        until: Date,
    },
    /// The person has absconded and not been located.
    NotLocated {
        since: Date,
    },
    NoTravelDocument,
    TravelDocumentExpired {
        valid_until: Date,
    },
    NoDestinationAcceptance,
    FitnessNotAssessed,
    NotFitToFly {
        assessed_on: Date,
    },
    /// The assessment of fitness to fly is older than its validity on the day.
    FitnessExpired {
        assessed_on: Date,
        valid_until: Date,
    },
    /// The decision has lapsed.
    DecisionLapsed {
        on: Date,
    },
    /// An unaccompanied child with no reception arranged in the State of
    /// return (Return Directive art. 10.2; UtlL 12 kap. 3 a §).
    NoReceptionArranged,
}

impl Unmet {
    /// The rule behind the condition, where it is a legal one.
    pub fn rule(&self) -> Option<RuleId> {
        match self {
            Unmet::NotFinal => Some(RuleId::EnforcementRequiresFinal),
            Unmet::FinalityUnconfirmed => Some(RuleId::FinalityConfirmed),
            Unmet::RuleNotInForce { rule, .. } => Some(*rule),
            Unmet::FitnessExpired { .. } => Some(RuleId::FitnessValidity),
            Unmet::TransportNotRequested { .. } => Some(RuleId::TransportRequest),
            Unmet::OpenImpediment { kind, .. } => Some(kind.rule()),
            Unmet::DeparturePeriodRunning { .. } => Some(RuleId::VoluntaryDepartureExpulsion),
            Unmet::DecisionLapsed { .. } => Some(RuleId::LapseFourYears),
            Unmet::NoReceptionArranged => Some(RuleId::ChildReception),
            _ => None,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Unmet::NotFinal => "not_final",
            Unmet::FinalityUnconfirmed => "finality_unconfirmed",
            Unmet::RuleNotInForce { .. } => "rule_not_in_force",
            Unmet::FitnessExpired { .. } => "fitness_expired",
            Unmet::TransportNotRequested { .. } => "transport_not_requested",
            Unmet::OpenImpediment { .. } => "open_impediment",
            Unmet::DeparturePeriodRunning { .. } => "departure_period_running",
            Unmet::NotLocated { .. } => "not_located",
            Unmet::NoTravelDocument => "no_travel_document",
            Unmet::TravelDocumentExpired { .. } => "travel_document_expired",
            Unmet::NoDestinationAcceptance => "no_destination_acceptance",
            Unmet::FitnessNotAssessed => "fitness_not_assessed",
            Unmet::NotFitToFly { .. } => "not_fit_to_fly",
            Unmet::DecisionLapsed { .. } => "decision_lapsed",
            Unmet::NoReceptionArranged => "no_reception_arranged",
        }
    }

    /// Why the case is not ready, in the reader's language (catalogue key
    /// `unmet.<code>`, area `readiness`).
    pub fn text(&self, lang: Lang) -> String {
        let tr = Tr::new(lang);
        let key = format!("unmet.{}", self.code());
        match self {
            Unmet::RuleNotInForce { rule, day } => {
                tr.f(&key, &[("rule", &rule.name(lang)), ("day", day)])
            }
            Unmet::FitnessExpired {
                assessed_on,
                valid_until,
            } => tr.f(
                &key,
                &[("assessed_on", assessed_on), ("valid_until", valid_until)],
            ),
            Unmet::TransportNotRequested { stage } => tr.f(&key, &[("stage", &stage.name(lang))]),
            Unmet::OpenImpediment { impediment, .. } => tr.f(&key, &[("impediment", impediment)]),
            Unmet::DeparturePeriodRunning { until } => tr.f(&key, &[("until", until)]),
            Unmet::NotLocated { since } => tr.f(&key, &[("since", since)]),
            Unmet::TravelDocumentExpired { valid_until } => {
                tr.f(&key, &[("valid_until", valid_until)])
            }
            Unmet::NotFitToFly { assessed_on } => tr.f(&key, &[("assessed_on", assessed_on)]),
            Unmet::DecisionLapsed { on } => tr.f(&key, &[("on", on)]),
            Unmet::NotFinal
            | Unmet::FinalityUnconfirmed
            | Unmet::NoTravelDocument
            | Unmet::NoDestinationAcceptance
            | Unmet::FitnessNotAssessed
            | Unmet::NoReceptionArranged => tr.t_owned(&key).to_owned(),
        }
    }

    pub fn text_en(&self) -> String {
        self.text(Lang::En)
    }

    pub fn text_sv(&self) -> String {
        self.text(Lang::Sv)
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub on: Date,
    pub unmet: Vec<Unmet>,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// Readiness for planning on `on`: final, transport requested, no open impediment
/// or stay, departure period over, located, travel document valid, destination
/// acceptance, fit to fly, decision not lapsed, an unaccompanied child's
/// reception arranged.
pub fn readiness(case: &Case, on: Date, rules: &RuleTable) -> Readiness {
    let mut unmet = Vec::new();
    if case.decision.final_on.is_none() {
        unmet.push(Unmet::NotFinal);
    }
    if !matches!(case.stage, Stage::TransportRequested | Stage::Planned) {
        unmet.push(Unmet::TransportNotRequested { stage: case.stage });
    }
    for i in case.impediments.iter().filter(|i| i.is_open()) {
        unmet.push(Unmet::OpenImpediment {
            impediment: i.id.clone(),
            kind: i.kind,
        });
    }
    if case.decision.final_on.is_some() && !case.finality_confirmed() {
        unmet.push(Unmet::FinalityUnconfirmed);
    }
    match case
        .decision
        .departure_period_end(case.absconding_risk, rules)
    {
        Ok(Some((until, _))) if on <= until => {
            unmet.push(Unmet::DeparturePeriodRunning { until });
        }
        Ok(_) => {}
        Err(e) => unmet.push(Unmet::RuleNotInForce {
            rule: e.rule,
            day: e.day,
        }),
    }
    if let Some(since) = case.absconded_since {
        unmet.push(Unmet::NotLocated { since });
    }
    match &case.travel_document {
        None => unmet.push(Unmet::NoTravelDocument),
        Some(d) if d.valid_until < on => unmet.push(Unmet::TravelDocumentExpired {
            valid_until: d.valid_until,
        }),
        Some(_) => {}
    }
    if case.destination_accepted_on.is_none() {
        unmet.push(Unmet::NoDestinationAcceptance);
    }
    match &case.fitness {
        None => unmet.push(Unmet::FitnessNotAssessed),
        Some(f) if !f.fit => unmet.push(Unmet::NotFitToFly {
            assessed_on: f.assessed_on,
        }),
        Some(f) => match fitness_valid_until(f.assessed_on, rules) {
            Ok(until) if on > until => unmet.push(Unmet::FitnessExpired {
                assessed_on: f.assessed_on,
                valid_until: until,
            }),
            Ok(_) => {}
            Err(e) => unmet.push(Unmet::RuleNotInForce {
                rule: e.rule,
                day: e.day,
            }),
        },
    }
    if let Some((lapse, _)) = case.decision.lapses_on(rules)
        && on >= lapse
    {
        unmet.push(Unmet::DecisionLapsed { on: lapse });
    }
    if case.needs_reception_on(on) {
        unmet.push(Unmet::NoReceptionArranged);
    }
    Readiness { on, unmet }
}

/// The last day an assessment of fitness to fly is valid (practice: 30 days).
pub fn fitness_valid_until(assessed_on: Date, rules: &RuleTable) -> Result<Date, NotInForce> {
    Ok(match rules.limit(RuleId::FitnessValidity, assessed_on)? {
        Some(l) => assessed_on.saturating_add(l.span()),
        None => Date::MAX,
    })
}

/// The days on which the case is ready, as far as the case alone decides: from
/// `from` to `until` (inclusive; `None` = open-ended). `None` when a condition
/// that no date can satisfy is unmet. The store keeps this as a projection
/// column to filter "ready" cases; `readiness` is the definition it must agree with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReadyWindow {
    pub from: Date,
    pub until: Option<Date>,
}

impl ReadyWindow {
    pub fn contains(&self, day: Date) -> bool {
        self.from <= day && self.until.is_none_or(|u| day <= u)
    }
}

pub fn ready_window(case: &Case, rules: &RuleTable) -> Option<ReadyWindow> {
    let final_on = case.decision.final_on?;
    let timeless_ok = matches!(case.stage, Stage::TransportRequested | Stage::Planned)
        && !case.is_suspended()
        && case.absconded_since.is_none()
        && case.destination_accepted_on.is_some()
        && case.fitness.as_ref().is_some_and(|f| f.fit)
        && case.finality_confirmed();
    if !timeless_ok {
        return None;
    }
    let doc = case.travel_document.as_ref()?;
    let from = match case
        .decision
        .departure_period_end(case.absconding_risk, rules)
        .ok()?
    {
        Some((until, _)) => until.saturating_add(1.day()).max(final_on),
        None => final_on,
    };
    // An unaccompanied child without reception is ready from the 18th birthday.
    let from = if case.is_unaccompanied() && case.reception.is_none() {
        from.max(case.person.adult_from())
    } else {
        from
    };
    let mut until = doc.valid_until;
    if let Some(f) = &case.fitness {
        until = until.min(fitness_valid_until(f.assessed_on, rules).ok()?);
    }
    if let Some((lapse, _)) = case.decision.lapses_on(rules) {
        until = until.min(lapse.saturating_sub(1.day()));
    }
    if until < from {
        return None;
    }
    Some(ReadyWindow {
        from,
        until: Some(until),
    })
}
