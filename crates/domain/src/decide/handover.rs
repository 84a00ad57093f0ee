//! Handovers between the agencies: Migrationsverket → Police (absconded or
//! coercion needed), Police → NTE (transport request); accepted or returned.

use super::{
    Context, MAX_TEXT, Refuse, TransitionError, finality_confirmed, no_open_impediment,
    not_in_force, responsible_only,
};
use crate::{
    agency::Agency,
    case::Case,
    event::{EventKind, HandoverKind, PoliceHandoverReason},
    rules::RuleId,
    stage::Stage,
};

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    let actor = ctx.actor.agency;
    match kind {
        EventKind::HandoverProposed { to, .. } => {
            responsible_only(case, ctx, r)?;
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
                        return Err(r.conflict(
                            RuleId::HandoverToPolice,
                            format!(
                                "only Migrationsverket hands a final case to the police (stage: {})",
                                case.stage.name_en()
                            ),
                            format!(
                                "endast Migrationsverket lämnar över ett lagakraftvunnet ärende till polisen (steg: {})",
                                case.stage.name_sv()
                            ),
                        ));
                    }
                    match reason {
                        PoliceHandoverReason::Absconded if case.absconded_since.is_none() => Err(r
                            .conflict(
                                RuleId::HandoverToPolice,
                                "the person is not recorded as absconded",
                                "personen är inte registrerad som avviken",
                            )),
                        PoliceHandoverReason::CoercionNeeded => {
                            let period = case
                                .decision
                                .departure_period_end(case.absconding_risk, r.rules)
                                .map_err(|e| not_in_force(r, e))?;
                            match period {
                                Some((until, rule)) if ctx.today() <= until => Err(r.conflict(
                                    rule,
                                    format!("the voluntary-departure period runs until {until}"),
                                    format!("tidsfristen för frivillig avresa löper till {until}"),
                                )),
                                // A handover for coercion is a coercive step.
                                _ => finality_confirmed(case, r),
                            }
                        }
                        PoliceHandoverReason::Absconded => Ok(()),
                    }
                }
                HandoverKind::TransportRequest { .. } => {
                    if actor != Agency::Police
                        || !matches!(case.stage, Stage::HandedOver | Stage::Final)
                    {
                        return Err(r.conflict(
                            RuleId::TransportRequest,
                            format!(
                                "only the police request transport, for a case handed to them (stage: {})",
                                case.stage.name_en()
                            ),
                            format!(
                                "endast polisen begär transport, för ett ärende som lämnats över till dem (steg: {})",
                                case.stage.name_sv()
                            ),
                        ));
                    }
                    no_open_impediment(case, r)?;
                    finality_confirmed(case, r)
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
                no_open_impediment(case, r)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
