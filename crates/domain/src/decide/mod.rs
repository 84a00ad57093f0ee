//! Which events a case accepts: the lifecycle as a state machine. An illegal
//! transition is refused with an error naming the rule and its statute.

mod children;
mod closing;
mod detention;
mod finality;
mod handover;
mod impediments;
mod monitor;
mod registration;
mod trips;

pub use monitor::{TripView, monitor_condition};
pub use registration::decide_registration;

use crate::{
    agency::Agency,
    case::Case,
    event::{Actor, EventKind, HandoverKind},
    facility::FacilityKind,
    ids::FacilityId,
    rules::{NotInForce, RuleId, RuleTable},
    time,
};
use jiff::{Timestamp, ToSpan, civil::Date};
use serde::Serialize;
use std::fmt;

/// What the store knows of a facility when an event is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacilityView {
    pub kind: FacilityKind,
    pub capacity: u32,
    pub occupied: u32,
}

/// Everything outside the case that a decision needs. Pure data.
pub struct Context<'a> {
    pub now: Timestamp,
    pub actor: &'a Actor,
    pub rules: &'a RuleTable,
    pub facility: &'a dyn Fn(&FacilityId) -> Option<FacilityView>,
    /// The other open cases of the case's family, as they stand before this
    /// event (or, in a multi-case append, after the events before it).
    pub family: &'a [Case],
}

impl Context<'_> {
    pub(crate) fn today(&self) -> Date {
        time::local_date(self.now)
    }
}

/// How a refusal maps to the edge: conflict with the case's state (409), invalid
/// data (422), or an actor who may not do this (403).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    Conflict,
    Invalid,
    Forbidden,
}

/// A refused event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransitionError {
    pub refusal: Refusal,
    /// What was attempted, e.g. "request transport".
    pub action: &'static str,
    pub action_sv: &'static str,
    pub rule: RuleId,
    pub statute: &'static str,
    /// The payload field at fault, where one is.
    pub field: Option<&'static str>,
    pub reason: String,
    pub reason_sv: String,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot {}: {} ({})",
            self.action, self.reason, self.statute
        )
    }
}
impl std::error::Error for TransitionError {}

impl TransitionError {
    pub fn message_sv(&self) -> String {
        format!(
            "kan inte {}: {} ({})",
            self.action_sv, self.reason_sv, self.statute
        )
    }
}

/// The action an event stands for, in both languages.
pub fn action_of(kind: &EventKind) -> (&'static str, &'static str) {
    match kind {
        EventKind::Registered { .. } => ("register the case", "registrera ärendet"),
        EventKind::DecisionFinal { .. } => {
            ("record the decision as final", "registrera laga kraft")
        }
        EventKind::FinalityConfirmed { .. } => (
            "confirm the date of finality against the decision",
            "kontrollera dagen för laga kraft mot beslutet",
        ),
        EventKind::FinalityCorrected { .. } => {
            ("correct the date of finality", "rätta dagen för laga kraft")
        }
        EventKind::DeparturePeriodExtended { .. } => (
            "extend the voluntary-departure period",
            "förlänga tidsfristen för frivillig avresa",
        ),
        EventKind::HandoverProposed {
            to: HandoverKind::ToPolice { .. },
            ..
        } => (
            "hand the case over to the police",
            "lämna över ärendet till polisen",
        ),
        EventKind::HandoverProposed {
            to: HandoverKind::TransportRequest { .. },
            ..
        } => ("request transport", "begära transport"),
        EventKind::HandoverAccepted { .. } => ("accept the handover", "ta emot överlämnandet"),
        EventKind::HandoverReturned { .. } => ("return the handover", "returnera överlämnandet"),
        EventKind::ImpedimentLodged { .. } => ("lodge an impediment", "registrera hinder"),
        EventKind::ImpedimentLifted { .. } => ("lift the impediment", "häva hindret"),
        EventKind::DetentionStarted { .. } => ("start detention", "verkställa förvar"),
        EventKind::DetentionExtended { .. } => ("extend detention", "förlänga förvar"),
        EventKind::DetentionReviewed { .. } => {
            ("record a detention review", "registrera omprövning")
        }
        EventKind::DetentionRedecided { .. } => {
            ("take a new detention decision", "fatta nytt förvarsbeslut")
        }
        EventKind::CounselAppointed { .. } => {
            ("record public counsel", "registrera offentligt biträde")
        }
        EventKind::DetentionEnded { .. } => ("end detention", "avsluta förvar"),
        EventKind::SupervisionOrdered { .. } => ("order supervision", "besluta om uppsikt"),
        EventKind::SupervisionEnded { .. } => ("end supervision", "avsluta uppsikt"),
        EventKind::Absconded { .. } => ("record absconding", "registrera avvikande"),
        EventKind::Located { .. } => ("record the person as located", "registrera anträffad"),
        EventKind::TravelDocumentIssued { .. } => {
            ("record a travel document", "registrera resehandling")
        }
        EventKind::DestinationAccepted { .. } => (
            "record the destination's acceptance",
            "registrera mottagarlandets godkännande",
        ),
        EventKind::FitnessAssessed { .. } => ("record fitness to fly", "registrera flygduglighet"),
        EventKind::Planned { .. } => ("plan the person on a trip", "planera personen på en resa"),
        EventKind::Unplanned { .. } => (
            "take the person off the trip",
            "ta bort personen från resan",
        ),
        EventKind::AttemptFailed { .. } => {
            ("record a failed attempt", "registrera misslyckat försök")
        }
        EventKind::Executed { .. } => ("record the enforcement", "registrera verkställighet"),
        EventKind::DepartedVoluntarily { .. } => {
            ("record voluntary departure", "registrera frivillig avresa")
        }
        EventKind::Expired { .. } => ("record the decision as lapsed", "registrera preskription"),
        EventKind::PermitGranted { .. } => {
            ("record a granted permit", "registrera beviljat tillstånd")
        }
        EventKind::Cancelled {} => ("cancel the case", "avsluta ärendet"),
        EventKind::FamilyLeft { .. } => (
            "record that the person leaves the family",
            "registrera att personen lämnar familjen",
        ),
        EventKind::GuardiansRecorded { .. } => (
            "record the child's guardians",
            "registrera barnets vårdnadshavare",
        ),
        EventKind::ReceptionArranged { .. } => (
            "record the child's reception in the State of return",
            "registrera barnets mottagande i återvändandelandet",
        ),
    }
}

pub(crate) struct Refuse<'a> {
    pub(crate) kind: &'a EventKind,
    pub(crate) rules: &'a RuleTable,
}

impl Refuse<'_> {
    pub(crate) fn err(
        &self,
        refusal: Refusal,
        rule: RuleId,
        field: Option<&'static str>,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        let (action, action_sv) = action_of(self.kind);
        TransitionError {
            refusal,
            action,
            action_sv,
            rule,
            statute: self.rules.reference(rule),
            field,
            reason: en.into(),
            reason_sv: sv.into(),
        }
    }
    pub(crate) fn conflict(
        &self,
        rule: RuleId,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        self.err(Refusal::Conflict, rule, None, en, sv)
    }
    pub(crate) fn invalid(
        &self,
        rule: RuleId,
        field: &'static str,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        self.err(Refusal::Invalid, rule, Some(field), en, sv)
    }
    pub(crate) fn forbidden(
        &self,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        self.err(Refusal::Forbidden, RuleId::ResponsibleAgency, None, en, sv)
    }
}

/// Upper bounds on free text, so a record cannot be bloated by one field.
pub const MAX_TEXT: usize = 2000;
pub const MAX_NAME: usize = 200;

pub(crate) fn not_future(
    r: &Refuse,
    ctx: &Context,
    field: &'static str,
    day: Date,
) -> Result<(), TransitionError> {
    if day > ctx.today() {
        return Err(r.invalid(
            RuleId::ClosedCase,
            field,
            format!("{field} {day} is in the future"),
            format!("{field} {day} ligger i framtiden"),
        ));
    }
    Ok(())
}

pub(crate) fn not_future_ts(
    r: &Refuse,
    ctx: &Context,
    field: &'static str,
    at: Timestamp,
) -> Result<(), TransitionError> {
    // A few minutes of clock skew between agencies' systems are tolerated.
    if at > time::add_span(ctx.now, 10.minutes()) {
        return Err(r.invalid(
            RuleId::ClosedCase,
            field,
            format!("{field} {at} is in the future"),
            format!("{field} {at} ligger i framtiden"),
        ));
    }
    Ok(())
}

/// May `kind` be appended to `case`? The rules common to every event are here;
/// each family of events has its own file.
pub fn decide(case: &Case, kind: &EventKind, ctx: &Context) -> Result<(), TransitionError> {
    let r = Refuse {
        kind,
        rules: ctx.rules,
    };
    if matches!(kind, EventKind::Registered { .. }) {
        return Err(r.conflict(
            RuleId::ClosedCase,
            format!("case {} is already registered", case.id),
            format!("ärende {} är redan registrerat", case.id),
        ));
    }
    if let EventKind::FamilyLeft { decision } = kind {
        // A family record, not a step of the lifecycle: also on a closed case
        // (a member granted a permit leaves the family so the others can travel).
        return family_left(case, decision, ctx, &r);
    }
    if case.is_closed() {
        return Err(r.conflict(
            RuleId::ClosedCase,
            format!("the case is closed ({})", case.stage.name_en()),
            format!("ärendet är avslutat ({})", case.stage.name_sv()),
        ));
    }
    if ctx.actor.agency == Agency::Oversight {
        return Err(r.forbidden(
            "oversight reads but never acts",
            "tillsyn läser men handlar inte",
        ));
    }
    match kind {
        EventKind::Registered { .. } => unreachable_registered(&r),
        EventKind::DecisionFinal { .. }
        | EventKind::FinalityConfirmed { .. }
        | EventKind::FinalityCorrected { .. }
        | EventKind::DeparturePeriodExtended { .. } => finality::decide(case, kind, ctx, &r),
        EventKind::HandoverProposed { .. }
        | EventKind::HandoverAccepted { .. }
        | EventKind::HandoverReturned { .. } => handover::decide(case, kind, ctx, &r),
        EventKind::ImpedimentLodged { .. } | EventKind::ImpedimentLifted { .. } => {
            impediments::decide(case, kind, ctx, &r)
        }
        EventKind::DetentionStarted { .. }
        | EventKind::DetentionExtended { .. }
        | EventKind::DetentionReviewed { .. }
        | EventKind::DetentionRedecided { .. }
        | EventKind::DetentionEnded { .. }
        | EventKind::CounselAppointed { .. }
        | EventKind::SupervisionOrdered { .. }
        | EventKind::SupervisionEnded { .. }
        | EventKind::Absconded { .. }
        | EventKind::Located { .. } => detention::decide(case, kind, ctx, &r),
        EventKind::TravelDocumentIssued { .. }
        | EventKind::DestinationAccepted { .. }
        | EventKind::FitnessAssessed { .. }
        | EventKind::Planned { .. }
        | EventKind::Unplanned { .. }
        | EventKind::AttemptFailed { .. }
        | EventKind::Executed { .. } => trips::decide(case, kind, ctx, &r),
        EventKind::DepartedVoluntarily { .. }
        | EventKind::Expired { .. }
        | EventKind::PermitGranted { .. }
        | EventKind::Cancelled {} => closing::decide(case, kind, ctx, &r),
        EventKind::FamilyLeft { decision } => family_left(case, decision, ctx, &r),
        EventKind::GuardiansRecorded { .. } | EventKind::ReceptionArranged { .. } => {
            children::decide(case, kind, ctx, &r)
        }
    }
}

fn family_left(
    case: &Case,
    decision: &str,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    if ctx.actor.agency == Agency::Oversight {
        return Err(r.forbidden(
            "oversight reads but never acts",
            "tillsyn läser men handlar inte",
        ));
    }
    if case.family.is_none() {
        return Err(r.conflict(
            RuleId::FamilyUnity,
            "the person is not in a family",
            "personen tillhör ingen familj",
        ));
    }
    if decision.trim().is_empty() || decision.chars().count() > MAX_TEXT {
        return Err(r.invalid(
            RuleId::FamilyUnity,
            "decision",
            "a member leaves the family by a recorded decision: give its reference (1–2000 characters)",
            "en medlem lämnar familjen genom ett registrerat beslut: ange det (1–2000 tecken)",
        ));
    }
    if case.trip.is_some() {
        return Err(r.conflict(
            RuleId::FamilyUnity,
            "the person is planned on a trip with the family: take the family off first",
            "personen är planerad på en resa med familjen: ta av familjen först",
        ));
    }
    Ok(())
}

/// Only the agency responsible for the case acts on it.
fn responsible_only(case: &Case, ctx: &Context, r: &Refuse) -> Result<(), TransitionError> {
    let actor = ctx.actor.agency;
    if actor != case.responsible {
        return Err(r.forbidden(
            format!(
                "{} is responsible for the case, not {}",
                case.responsible.name_en(),
                actor.name_en()
            ),
            format!(
                "{} ansvarar för ärendet, inte {}",
                case.responsible.name_sv(),
                actor.name_sv()
            ),
        ));
    }
    Ok(())
}

/// No impediment or stay is open.
fn no_open_impediment(case: &Case, r: &Refuse) -> Result<(), TransitionError> {
    if let Some(i) = case.impediments.iter().find(|i| i.is_open()) {
        return Err(r.conflict(
            i.kind.rule(),
            format!("impediment {} ({}) is open", i.id, i.kind.code()),
            format!("hinder {} ({}) är inte hävt", i.id, i.kind.code()),
        ));
    }
    Ok(())
}

/// Before a coercive step the date of finality must be confirmed by a second
/// person against the decision (JO 8824-2019).
fn finality_confirmed(case: &Case, r: &Refuse) -> Result<(), TransitionError> {
    if case.decision.final_on.is_none() {
        return Err(r.conflict(
            RuleId::EnforcementRequiresFinal,
            "decision not final",
            "beslutet har inte vunnit laga kraft",
        ));
    }
    if !case.finality_confirmed() {
        return Err(r.conflict(
            RuleId::FinalityConfirmed,
            "the date of finality has not been confirmed against the decision by a second person",
            "dagen för laga kraft har inte kontrollerats mot beslutet av en andra person",
        ));
    }
    Ok(())
}

/// A rule the event needs has no version in force on the day: refused, naming it.
fn not_in_force(r: &Refuse, e: NotInForce) -> TransitionError {
    r.conflict(
        e.rule,
        format!("no version of rule {:?} is in force on {}", e.rule, e.day),
        format!("ingen version av regeln {:?} gäller {}", e.rule, e.day),
    )
}

fn unreachable_registered(r: &Refuse) -> Result<(), TransitionError> {
    Err(r.conflict(
        RuleId::ClosedCase,
        "the case is already registered",
        "ärendet är redan registrerat",
    ))
}

pub(crate) fn sv_extension(en: &str) -> String {
    match en {
        "the person is not a child" => "personen är inte ett barn",
        "a child's detention may be extended only once" => {
            "ett barns förvar får förlängas endast en gång"
        }
        "a child's detention may only be extended once by 72 hours for exceptional reasons" => {
            "ett barns förvar får endast förlängas en gång med 72 timmar av synnerliga skäl"
        }
        "only police custody is extended for special reasons" => {
            "endast kvarhållande förlängs av särskilda skäl"
        }
        "police custody may be extended only once" => "kvarhållande får förlängas endast en gång",
        "only detention for enforcement may run to 12 months" => {
            "endast verkställighetsförvar får pågå i tolv månader"
        }
        "detention for investigation is at most 48 hours" => "utredningsförvar är högst 48 timmar",
        "police custody is extended for special reasons, at most 24 hours" => {
            "kvarhållande förlängs av särskilda skäl, högst 24 timmar"
        }
        "a placement for transport is at most three days" => {
            "en transportplacering är högst tre dygn"
        }
        "detention in the return border procedure is at most twelve weeks" => {
            "förvar i gränsförfarandet för återvändande är högst tolv veckor"
        }
        other => other,
    }
    .to_owned()
}
