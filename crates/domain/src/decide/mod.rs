//! Which events a case accepts: the lifecycle as a state machine. An illegal
//! transition is refused with an error naming the rule and its statute.

mod action;
mod children;
mod closing;
mod detention;
mod finality;
mod handover;
mod impediments;
mod monitor;
mod refuse;
mod registration;
mod trips;

pub use action::{action_key, action_of};
pub use monitor::{TripView, monitor_condition};
pub(crate) use refuse::{Arg, ByLang, Refuse, reasons, refusal, text};
pub use registration::decide_registration;

use crate::{
    agency::Agency,
    case::Case,
    event::{Actor, EventKind},
    facility::FacilityKind,
    ids::FacilityId,
    rules::{NotInForce, RuleId, RuleTable},
    time,
};
use jiff::{Timestamp, ToSpan, civil::Date};
use opcentrum_text::Lang;
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
        f.write_str(&self.message(Lang::En))
    }
}
impl std::error::Error for TransitionError {}

impl TransitionError {
    /// The refusal in `lang`: its action, reason and statute in the frame
    /// `refusal.frame`.
    pub fn message(&self, lang: Lang) -> String {
        let (action, reason) = match lang {
            Lang::En => (self.action, &self.reason),
            Lang::Sv => (self.action_sv, &self.reason_sv),
        };
        refuse::text(
            lang,
            "refusal.frame",
            &[
                ("action", &action),
                ("reason", reason),
                ("statute", &self.statute),
            ],
        )
    }
    pub fn message_sv(&self) -> String {
        self.message(Lang::Sv)
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
            "refusal.decide.in_future",
            &[("field", &field), ("when", &day)],
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
            "refusal.decide.in_future",
            &[("field", &field), ("when", &at)],
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
            "refusal.decide.already_registered",
            &[("id", &case.id)],
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
            "refusal.decide.closed",
            &[("stage", &ByLang(case.stage.name_en(), case.stage.name_sv()))],
        ));
    }
    if ctx.actor.agency == Agency::Oversight {
        return Err(r.forbidden("refusal.decide.oversight", &[]));
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
        return Err(r.forbidden("refusal.decide.oversight", &[]));
    }
    if case.family.is_none() {
        return Err(r.conflict(RuleId::FamilyUnity, "refusal.decide.no_family", &[]));
    }
    if decision.trim().is_empty() || decision.chars().count() > MAX_TEXT {
        return Err(r.invalid(
            RuleId::FamilyUnity,
            "decision",
            "refusal.decide.family_left_decision",
            &[],
        ));
    }
    if case.trip.is_some() {
        return Err(r.conflict(
            RuleId::FamilyUnity,
            "refusal.decide.family_left_on_trip",
            &[],
        ));
    }
    Ok(())
}

/// Only the agency responsible for the case acts on it.
fn responsible_only(case: &Case, ctx: &Context, r: &Refuse) -> Result<(), TransitionError> {
    let actor = ctx.actor.agency;
    if actor != case.responsible {
        return Err(r.forbidden(
            "refusal.decide.not_responsible",
            &[
                (
                    "responsible",
                    &ByLang(case.responsible.name_en(), case.responsible.name_sv()),
                ),
                ("actor", &ByLang(actor.name_en(), actor.name_sv())),
            ],
        ));
    }
    Ok(())
}

/// No impediment or stay is open.
fn no_open_impediment(case: &Case, r: &Refuse) -> Result<(), TransitionError> {
    if let Some(i) = case.impediments.iter().find(|i| i.is_open()) {
        return Err(r.conflict(
            i.kind.rule(),
            "refusal.decide.impediment_open",
            &[("id", &i.id), ("kind", &i.kind.code())],
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
            "refusal.decide.not_final",
            &[],
        ));
    }
    if !case.finality_confirmed() {
        return Err(r.conflict(
            RuleId::FinalityConfirmed,
            "refusal.decide.finality_unconfirmed",
            &[],
        ));
    }
    Ok(())
}

/// A rule the event needs has no version in force on the day: refused, naming it.
fn not_in_force(r: &Refuse, e: NotInForce) -> TransitionError {
    r.conflict(
        e.rule,
        "refusal.decide.not_in_force",
        &[("rule", &format!("{:?}", e.rule)), ("day", &e.day)],
    )
}

fn unreachable_registered(r: &Refuse) -> Result<(), TransitionError> {
    Err(r.conflict(RuleId::ClosedCase, "refusal.decide.registered_again", &[]))
}
