//! Handovers between the agencies: Migrationsverket → Police (absconded or
//! coercion needed), Police → NTE (transport request); accepted or returned.

use super::{
    ByLang, Context, MAX_TEXT, Refuse, TransitionError, finality_confirmed, no_open_impediment,
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
                    "refusal.handover.already_pending",
                    &[("id", &p.id)],
                ));
            }
            if case.decision.final_on.is_none() {
                return Err(r.conflict(
                    RuleId::EnforcementRequiresFinal,
                    "refusal.decide.not_final",
                    &[],
                ));
            }
            match to {
                HandoverKind::ToPolice { reason } => {
                    if case.stage != Stage::Final || actor != Agency::Migrationsverket {
                        return Err(r.conflict(
                            RuleId::HandoverToPolice,
                            "refusal.handover.to_police_by_migrationsverket",
                            &[("stage", &ByLang(case.stage.name_en(), case.stage.name_sv()))],
                        ));
                    }
                    match reason {
                        PoliceHandoverReason::Absconded if case.absconded_since.is_none() => Err(r
                            .conflict(
                                RuleId::HandoverToPolice,
                                "refusal.detention.not_absconded",
                                &[],
                            )),
                        PoliceHandoverReason::CoercionNeeded => {
                            let period = case
                                .decision
                                .departure_period_end(case.absconding_risk, r.rules)
                                .map_err(|e| not_in_force(r, e))?;
                            match period {
                                Some((until, rule)) if ctx.today() <= until => Err(r.conflict(
                                    rule,
                                    "refusal.handover.period_runs",
                                    &[("until", &until)],
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
                            "refusal.handover.transport_by_police",
                            &[("stage", &ByLang(case.stage.name_en(), case.stage.name_sv()))],
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
                    "refusal.handover.none_pending",
                    &[("handover", &handover)],
                ));
            };
            if actor != p.kind.to_agency() {
                return Err(r.forbidden(
                    "refusal.handover.addressed_to_other",
                    &[(
                        "agency",
                        &ByLang(p.kind.to_agency().name_en(), p.kind.to_agency().name_sv()),
                    )],
                ));
            }
            if let EventKind::HandoverReturned { reason, .. } = kind {
                if reason.trim().is_empty() || reason.chars().count() > MAX_TEXT {
                    return Err(r.invalid(
                        RuleId::HandoverToPolice,
                        "reason",
                        "refusal.handover.return_reason",
                        &[],
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
