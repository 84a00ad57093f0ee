//! Which events a case accepts: the lifecycle as a state machine. An illegal
//! transition is refused with an error naming the rule and its statute.

use crate::{
    agency::Agency,
    case::Case,
    country::Country,
    decision::DecisionMaker,
    detention::{self, DetentionBasis},
    event::{Actor, EventKind, HandoverKind, PoliceHandoverReason},
    facility::FacilityKind,
    ids::FacilityId,
    readiness::readiness,
    rules::{RuleId, RuleTable},
    stage::Stage,
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
}

impl Context<'_> {
    fn today(&self) -> Date {
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
    }
}

struct Refuse<'a> {
    kind: &'a EventKind,
    rules: &'a RuleTable,
}

impl Refuse<'_> {
    fn err(
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
    fn conflict(
        &self,
        rule: RuleId,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        self.err(Refusal::Conflict, rule, None, en, sv)
    }
    fn invalid(
        &self,
        rule: RuleId,
        field: &'static str,
        en: impl Into<String>,
        sv: impl Into<String>,
    ) -> TransitionError {
        self.err(Refusal::Invalid, rule, Some(field), en, sv)
    }
    fn forbidden(&self, en: impl Into<String>, sv: impl Into<String>) -> TransitionError {
        self.err(Refusal::Forbidden, RuleId::ResponsibleAgency, None, en, sv)
    }
}

/// Upper bounds on free text, so a record cannot be bloated by one field.
pub const MAX_TEXT: usize = 2000;
pub const MAX_NAME: usize = 200;

fn not_future(
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

fn not_future_ts(
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

/// Validates the first event of a new case.
pub fn decide_registration(kind: &EventKind, ctx: &Context) -> Result<(), TransitionError> {
    let rules = ctx.rules;
    let r = Refuse { kind, rules };
    let EventKind::Registered {
        person,
        decision,
        destination,
        ..
    } = kind
    else {
        return Err(r.conflict(
            RuleId::ClosedCase,
            "a new case must start with `registered`",
            "ett nytt ärende måste börja med `registered`",
        ));
    };
    if ctx.actor.agency == Agency::Oversight {
        return Err(r.forbidden(
            "oversight reads but never acts",
            "tillsyn läser men handlar inte",
        ));
    }
    for (field, value) in [
        ("person.given_name", &person.given_name),
        ("person.family_name", &person.family_name),
    ] {
        if value.trim().is_empty() {
            return Err(r.invalid(
                RuleId::ClosedCase,
                field,
                format!("{field} must not be empty"),
                format!("{field} får inte vara tomt"),
            ));
        }
        if value.chars().count() > MAX_NAME {
            return Err(r.invalid(
                RuleId::ClosedCase,
                field,
                format!("{field} is longer than {MAX_NAME} characters"),
                format!("{field} är längre än {MAX_NAME} tecken"),
            ));
        }
    }
    if person.dossier_number.chars().count() > MAX_NAME {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "person.dossier_number",
            "person.dossier_number is too long",
            "person.dossier_number är för långt",
        ));
    }
    not_future(&r, ctx, "person.birth_date", person.birth_date)?;
    if person.birth_date < jiff::civil::date(1900, 1, 1) {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "person.birth_date",
            "person.birth_date is before 1900",
            "person.birth_date är före 1900",
        ));
    }
    not_future(&r, ctx, "decision.decided_on", decision.decided_on)?;
    if decision.decided_on < person.birth_date {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "decision.decided_on",
            "the decision predates the person's birth",
            "beslutet är äldre än personen",
        ));
    }
    if let Some(n) = decision.notified_on {
        not_future(&r, ctx, "decision.notified_on", n)?;
        if n < decision.decided_on {
            return Err(r.invalid(
                RuleId::AppealPeriod,
                "decision.notified_on",
                "notified before the decision was taken",
                "delgiven före beslutet",
            ));
        }
    }
    if let Some(f) = decision.final_on {
        not_future(&r, ctx, "decision.final_on", f)?;
        if f < decision.decided_on {
            return Err(r.invalid(
                RuleId::AppealPeriod,
                "decision.final_on",
                "final before the decision was taken",
                "laga kraft före beslutet",
            ));
        }
    }
    if destination_is_sweden(destination) {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "destination",
            "Sweden cannot be the destination of a return",
            "Sverige kan inte vara mottagarland",
        ));
    }
    if decision.kind == crate::decision::DecisionKind::ExpulsionForCrime
        && decision.decided_by != DecisionMaker::GeneralCourt
    {
        return Err(r.invalid(
            RuleId::DetentionCriminalCourt,
            "decision.decided_by",
            "expulsion for a crime is decided by a general court",
            "utvisning på grund av brott beslutas av allmän domstol",
        ));
    }
    Ok(())
}

fn destination_is_sweden(c: &Country) -> bool {
    c.is_sweden()
}

/// May `kind` be appended to `case`? Every hard rule of the lifecycle lives here.
pub fn decide(case: &Case, kind: &EventKind, ctx: &Context) -> Result<(), TransitionError> {
    let rules = ctx.rules;
    let r = Refuse { kind, rules };
    let actor = ctx.actor.agency;
    let today = ctx.today();

    if matches!(kind, EventKind::Registered { .. }) {
        return Err(r.conflict(
            RuleId::ClosedCase,
            format!("case {} is already registered", case.id),
            format!("ärende {} är redan registrerat", case.id),
        ));
    }
    if case.is_closed() {
        return Err(r.conflict(
            RuleId::ClosedCase,
            format!("the case is closed ({})", case.stage.name_en()),
            format!("ärendet är avslutat ({})", case.stage.name_sv()),
        ));
    }
    if actor == Agency::Oversight {
        return Err(r.forbidden(
            "oversight reads but never acts",
            "tillsyn läser men handlar inte",
        ));
    }
    let responsible_only = |r: &Refuse| -> Result<(), TransitionError> {
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
    };
    let open_impediment = |r: &Refuse| -> Result<(), TransitionError> {
        if let Some(i) = case.impediments.iter().find(|i| i.is_open()) {
            return Err(r.conflict(
                i.kind.rule(),
                format!("impediment {} ({}) is open", i.id, i.kind.code()),
                format!("hinder {} ({}) är inte hävt", i.id, i.kind.code()),
            ));
        }
        Ok(())
    };

    match kind {
        EventKind::Registered { .. } => unreachable_registered(&r),
        EventKind::DecisionFinal {
            final_on,
            appeal_waived,
        } => {
            responsible_only(&r)?;
            if case.stage != Stage::Registered {
                return Err(r.conflict(
                    RuleId::AppealPeriod,
                    "the decision is already final",
                    "beslutet har redan vunnit laga kraft",
                ));
            }
            not_future(&r, ctx, "final_on", *final_on)?;
            if *final_on < case.decision.decided_on {
                return Err(r.invalid(
                    RuleId::AppealPeriod,
                    "final_on",
                    "final before the decision was taken",
                    "laga kraft före beslutet",
                ));
            }
            if !appeal_waived {
                match case.decision.earliest_final_without_waiver(rules) {
                    None => {
                        return Err(r.invalid(
                            RuleId::AppealPeriod,
                            "final_on",
                            "the notification date is unknown and appeal was not waived",
                            "delgivningsdag saknas och överklagande har inte avståtts",
                        ));
                    }
                    Some(earliest) if *final_on < earliest => {
                        return Err(r.invalid(
                            RuleId::AppealPeriod,
                            "final_on",
                            format!("the appeal period runs until {earliest}"),
                            format!("överklagandetiden löper till {earliest}"),
                        ));
                    }
                    Some(_) => {}
                }
            }
            Ok(())
        }
        EventKind::HandoverProposed { to, .. } => {
            responsible_only(&r)?;
            if let Some(p) = &case.pending_handover {
                return Err(r.conflict(
                    RuleId::HandoverToPolice,
                    format!("handover {} is already pending", p.id),
                    format!("överlämnande {} väntar redan", p.id),
                ));
            }
            if case.decision.final_on.is_none() {
                return Err(r.conflict(
                    RuleId::EnforcementRequiresFinal,
                    "decision not final",
                    "beslutet har inte vunnit laga kraft",
                ));
            }
            match to {
                HandoverKind::ToPolice { reason } => {
                    if case.stage != Stage::Final || actor != Agency::Migrationsverket {
                        return Err(r.conflict(RuleId::HandoverToPolice, format!("only Migrationsverket hands a final case to the police (stage: {})", case.stage.name_en()), format!("endast Migrationsverket lämnar över ett lagakraftvunnet ärende till polisen (steg: {})", case.stage.name_sv())));
                    }
                    match reason {
                        PoliceHandoverReason::Absconded if case.absconded_since.is_none() => Err(r
                            .conflict(
                                RuleId::HandoverToPolice,
                                "the person is not recorded as absconded",
                                "personen är inte registrerad som avviken",
                            )),
                        PoliceHandoverReason::CoercionNeeded => {
                            match case
                                .decision
                                .departure_period_end(case.absconding_risk, rules)
                            {
                                Some((until, rule)) if today <= until => Err(r.conflict(
                                    rule,
                                    format!("the voluntary-departure period runs until {until}"),
                                    format!("tidsfristen för frivillig avresa löper till {until}"),
                                )),
                                _ => Ok(()),
                            }
                        }
                        PoliceHandoverReason::Absconded => Ok(()),
                    }
                }
                HandoverKind::TransportRequest { .. } => {
                    if actor != Agency::Police
                        || !matches!(case.stage, Stage::HandedOver | Stage::Final)
                    {
                        return Err(r.conflict(RuleId::TransportRequest, format!("only the police request transport, for a case handed to them (stage: {})", case.stage.name_en()), format!("endast polisen begär transport, för ett ärende som lämnats över till dem (steg: {})", case.stage.name_sv())));
                    }
                    open_impediment(&r)
                }
            }
        }
        EventKind::HandoverAccepted { handover } | EventKind::HandoverReturned { handover, .. } => {
            let Some(p) = case.pending_handover.as_ref().filter(|p| &p.id == handover) else {
                return Err(r.conflict(
                    RuleId::HandoverToPolice,
                    format!("no pending handover {handover}"),
                    format!("inget väntande överlämnande {handover}"),
                ));
            };
            if actor != p.kind.to_agency() {
                return Err(r.forbidden(
                    format!(
                        "the handover is addressed to {}",
                        p.kind.to_agency().name_en()
                    ),
                    format!(
                        "överlämnandet är ställt till {}",
                        p.kind.to_agency().name_sv()
                    ),
                ));
            }
            if let EventKind::HandoverReturned { reason, .. } = kind {
                if reason.trim().is_empty() || reason.chars().count() > MAX_TEXT {
                    return Err(r.invalid(
                        RuleId::HandoverToPolice,
                        "reason",
                        "a returned handover needs a reason (1–2000 characters)",
                        "ett returnerat överlämnande behöver ett skäl (1–2000 tecken)",
                    ));
                }
            } else if matches!(p.kind, HandoverKind::TransportRequest { .. }) {
                open_impediment(&r)?;
            }
            Ok(())
        }
        EventKind::ImpedimentLodged {
            impediment,
            lodged_on,
            ..
        } => {
            not_future(&r, ctx, "lodged_on", *lodged_on)?;
            if case.impediments.iter().any(|i| &i.id == impediment) {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "impediment",
                    format!("impediment {impediment} already exists"),
                    format!("hinder {impediment} finns redan"),
                ));
            }
            Ok(())
        }
        EventKind::ImpedimentLifted {
            impediment,
            lifted_on,
        } => {
            not_future(&r, ctx, "lifted_on", *lifted_on)?;
            let Some(i) = case.impediments.iter().find(|i| &i.id == impediment) else {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "impediment",
                    format!("no impediment {impediment}"),
                    format!("inget hinder {impediment}"),
                ));
            };
            if !i.is_open() {
                return Err(r.conflict(
                    RuleId::ImpedimentBlocks,
                    format!("impediment {impediment} is already lifted"),
                    format!("hinder {impediment} är redan hävt"),
                ));
            }
            if *lifted_on < i.lodged_on {
                return Err(r.invalid(
                    RuleId::ImpedimentBlocks,
                    "lifted_on",
                    "lifted before it was lodged",
                    "hävt innan det registrerades",
                ));
            }
            Ok(())
        }
        EventKind::DetentionStarted {
            facility,
            basis,
            started_at,
        } => {
            not_future_ts(&r, ctx, "started_at", *started_at)?;
            if case.detention.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "the person is already detained; end that placement first",
                    "personen är redan förvarstagen; avsluta den placeringen först",
                ));
            }
            let Some(f) = (ctx.facility)(facility) else {
                return Err(r.invalid(
                    RuleId::FacilityCapacity,
                    "facility",
                    format!("no facility {facility}"),
                    format!("ingen förvarsenhet {facility}"),
                ));
            };
            let child = case.person.is_child_at(*started_at);
            if child && f.kind.is_correctional() {
                return Err(r.conflict(
                    RuleId::ChildPlacement,
                    format!(
                        "a child may not be placed in a {}",
                        f.kind.code().replace('_', " ")
                    ),
                    "ett barn får inte placeras i anstalt, häkte eller polisarrest",
                ));
            }
            if child
                && matches!(
                    basis,
                    DetentionBasis::PoliceCustody | DetentionBasis::TransportPlacement
                )
            {
                return Err(r.conflict(
                    RuleId::ChildPlacement,
                    "a child is not held in police custody or a transport placement",
                    "ett barn hålls inte kvar i polisarrest eller transportplacering",
                ));
            }
            if *basis == DetentionBasis::TransportPlacement && !f.kind.is_correctional() {
                return Err(r.invalid(
                    RuleId::TransportPlacement,
                    "basis",
                    "a transport placement is in a prison, remand centre or police cell",
                    "en transportplacering sker i anstalt, häkte eller polisarrest",
                ));
            }
            if f.occupied >= f.capacity {
                return Err(r.conflict(
                    RuleId::FacilityCapacity,
                    format!(
                        "facility {facility} is full ({} of {} places)",
                        f.occupied, f.capacity
                    ),
                    format!(
                        "förvarsenhet {facility} är full ({} av {} platser)",
                        f.occupied, f.capacity
                    ),
                ));
            }
            if let Some(p) = case.past_detentions.iter().filter_map(|p| p.ended_at).max()
                && *started_at < p
            {
                return Err(r.invalid(
                    RuleId::SupervisionFirst,
                    "started_at",
                    "starts before the previous placement ended",
                    "börjar innan förra placeringen avslutades",
                ));
            }
            Ok(())
        }
        EventKind::DetentionExtended { reason, at } => {
            not_future_ts(&r, ctx, "at", *at)?;
            let Some(p) = &case.detention else {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "the person is not detained",
                    "personen är inte förvarstagen",
                ));
            };
            let limit = detention::limit(p, &case.person, case.decision.kind, rules);
            if limit.ends_at.is_some_and(|e| *at >= e) {
                return Err(r.conflict(
                    limit.rule,
                    "the limit has passed: the person must be released, not extended",
                    "tidsgränsen har passerats: personen ska släppas, inte förlängas",
                ));
            }
            detention::extension_allowed(p, &case.person, *reason).map_err(|(rule, why)| {
                r.err(
                    Refusal::Conflict,
                    rule,
                    Some("reason"),
                    why,
                    sv_extension(why),
                )
            })
        }
        EventKind::DetentionReviewed { at } => {
            not_future_ts(&r, ctx, "at", *at)?;
            match &case.detention {
                None => Err(r.conflict(
                    RuleId::DetentionReviewEnforcement,
                    "the person is not detained",
                    "personen är inte förvarstagen",
                )),
                Some(p) if *at < p.started_at => Err(r.invalid(
                    RuleId::DetentionReviewEnforcement,
                    "at",
                    "review before the placement started",
                    "omprövning före placeringen",
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::DetentionEnded { at, .. } => {
            not_future_ts(&r, ctx, "at", *at)?;
            match &case.detention {
                None => Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "the person is not detained",
                    "personen är inte förvarstagen",
                )),
                Some(p) if *at < p.started_at => Err(r.invalid(
                    RuleId::SupervisionFirst,
                    "at",
                    "ends before it started",
                    "slutar innan den började",
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::SupervisionOrdered { on } => {
            not_future(&r, ctx, "on", *on)?;
            if case.detention.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "the person is detained; end detention before ordering supervision",
                    "personen är förvarstagen; avsluta förvaret först",
                ));
            }
            if case.supervision_since.is_some() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "supervision is already ordered",
                    "uppsikt är redan beslutad",
                ));
            }
            Ok(())
        }
        EventKind::SupervisionEnded { on } => {
            not_future(&r, ctx, "on", *on)?;
            if case.supervision_since.is_none() {
                return Err(r.conflict(
                    RuleId::SupervisionFirst,
                    "no supervision to end",
                    "ingen uppsikt att avsluta",
                ));
            }
            Ok(())
        }
        EventKind::Absconded { on } => {
            not_future(&r, ctx, "on", *on)?;
            if case.absconded_since.is_some() {
                return Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "already recorded as absconded",
                    "redan registrerad som avviken",
                ));
            }
            Ok(())
        }
        EventKind::Located { on } => {
            not_future(&r, ctx, "on", *on)?;
            match case.absconded_since {
                None => Err(r.conflict(
                    RuleId::HandoverToPolice,
                    "the person is not recorded as absconded",
                    "personen är inte registrerad som avviken",
                )),
                Some(since) if *on < since => Err(r.invalid(
                    RuleId::HandoverToPolice,
                    "on",
                    "located before absconding",
                    "anträffad före avvikandet",
                )),
                Some(_) => Ok(()),
            }
        }
        EventKind::TravelDocumentIssued { valid_until, .. } => {
            if *valid_until < today {
                return Err(r.invalid(
                    RuleId::EnforcementRequiresFinal,
                    "valid_until",
                    format!("the document expired on {valid_until}"),
                    format!("handlingen gick ut {valid_until}"),
                ));
            }
            Ok(())
        }
        EventKind::DestinationAccepted { on } | EventKind::FitnessAssessed { on, .. } => {
            not_future(&r, ctx, "on", *on)
        }
        EventKind::Planned { trip_date, .. } => {
            if actor != Agency::Nte {
                return Err(r.forbidden(
                    "only NTE plans trips (a named planner approves the plan)",
                    "endast NTE planerar resor (en namngiven planerare godkänner planen)",
                ));
            }
            if case.stage != Stage::TransportRequested {
                return Err(r.conflict(
                    RuleId::TransportRequest,
                    format!(
                        "transport is not requested (stage: {})",
                        case.stage.name_en()
                    ),
                    format!("transport är inte begärd (steg: {})", case.stage.name_sv()),
                ));
            }
            if *trip_date < today {
                return Err(r.invalid(
                    RuleId::HumanDecision,
                    "trip_date",
                    "the trip date has passed",
                    "resdagen har passerat",
                ));
            }
            let ready = readiness(case, *trip_date, rules);
            if let Some(first) = ready.unmet.first() {
                let rule = first.rule().unwrap_or(RuleId::EnforcementRequiresFinal);
                let en = ready
                    .unmet
                    .iter()
                    .map(|u| u.text_en())
                    .collect::<Vec<_>>()
                    .join("; ");
                let sv = ready
                    .unmet
                    .iter()
                    .map(|u| u.text_sv())
                    .collect::<Vec<_>>()
                    .join("; ");
                return Err(r.conflict(
                    rule,
                    format!("not ready on {trip_date}: {en}"),
                    format!("inte redo {trip_date}: {sv}"),
                ));
            }
            if let Some(p) = &case.detention {
                let limit = detention::limit(p, &case.person, case.decision.kind, rules);
                if let Some(last) = limit.last_trip_day()
                    && *trip_date > last
                {
                    return Err(r.conflict(
                        limit.rule,
                        format!(
                            "the trip on {trip_date} is past the detention limit (last day {last})"
                        ),
                        format!(
                            "resan {trip_date} ligger efter förvarets tidsgräns (sista dag {last})"
                        ),
                    ));
                }
            }
            Ok(())
        }
        EventKind::Unplanned { trip }
        | EventKind::AttemptFailed { trip, .. }
        | EventKind::Executed { trip, .. } => {
            if actor != Agency::Nte {
                return Err(r.forbidden(
                    "only NTE records what happens on a trip",
                    "endast NTE registrerar vad som sker på en resa",
                ));
            }
            match &case.trip {
                Some(t) if &t.trip == trip && case.stage == Stage::Planned => {}
                _ => {
                    return Err(r.conflict(
                        RuleId::TransportRequest,
                        format!("the person is not planned on trip {trip}"),
                        format!("personen är inte planerad på resa {trip}"),
                    ));
                }
            }
            if let EventKind::Executed { on, .. } = kind {
                not_future(&r, ctx, "on", *on)?;
                open_impediment(&r)?;
            }
            Ok(())
        }
        EventKind::DepartedVoluntarily { on } => {
            not_future(&r, ctx, "on", *on)?;
            if !matches!(
                case.stage,
                Stage::Final | Stage::HandedOver | Stage::TransportRequested
            ) {
                return Err(r.conflict(RuleId::VoluntaryDepartureExpulsion, format!("voluntary departure is recorded for a final case not on a trip (stage: {})", case.stage.name_en()), format!("frivillig avresa registreras för ett lagakraftvunnet ärende som inte är planerat (steg: {})", case.stage.name_sv())));
            }
            Ok(())
        }
        EventKind::Expired { on } => {
            not_future(&r, ctx, "on", *on)?;
            match case.decision.lapses_on(rules) {
                Some((lapse, _)) if *on >= lapse => Ok(()),
                Some((lapse, rule)) => Err(r.conflict(
                    rule,
                    format!("the decision lapses on {lapse}, not before"),
                    format!("beslutet preskriberas {lapse}, inte före"),
                )),
                None => Err(r.conflict(
                    RuleId::LapseFiveYearsFromDeparture,
                    "the decision does not lapse while the person remains in Sweden",
                    "beslutet preskriberas inte så länge personen är kvar i Sverige",
                )),
            }
        }
        EventKind::PermitGranted { on } => {
            not_future(&r, ctx, "on", *on)?;
            if actor != Agency::Migrationsverket {
                return Err(r.forbidden(
                    "only Migrationsverket grants permits",
                    "endast Migrationsverket beviljar tillstånd",
                ));
            }
            Ok(())
        }
        EventKind::Cancelled {} => responsible_only(&r),
    }
}

fn unreachable_registered(r: &Refuse) -> Result<(), TransitionError> {
    Err(r.conflict(
        RuleId::ClosedCase,
        "the case is already registered",
        "ärendet är redan registrerat",
    ))
}

fn sv_extension(en: &str) -> String {
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
            "en transportplacering är högst tre dagar"
        }
        other => other,
    }
    .to_owned()
}
