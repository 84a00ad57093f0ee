//! Getting ready for a trip (document, acceptance, fitness) and the trip itself:
//! planned, taken off, failed, executed.

use super::{ByLang, Context, Refuse, TransitionError, no_open_impediment, not_future};
use crate::{
    agency::Agency,
    case::Case,
    detention,
    event::EventKind,
    readiness::{Unmet, readiness},
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
    let today = ctx.today();
    match kind {
        EventKind::TravelDocumentIssued { valid_until, .. } => {
            if *valid_until < today {
                return Err(r.invalid(
                    RuleId::EnforcementRequiresFinal,
                    "valid_until",
                    "refusal.trips.document_expired",
                    &[("valid_until", &valid_until)],
                ));
            }
            Ok(())
        }
        EventKind::DestinationAccepted { on } | EventKind::FitnessAssessed { on, .. } => {
            not_future(r, ctx, "on", *on)
        }
        EventKind::Planned { trip_date, .. } => {
            if actor != Agency::Nte {
                return Err(r.forbidden("refusal.trips.plan_by_nte", &[]));
            }
            if case.stage != Stage::TransportRequested {
                return Err(r.conflict(
                    RuleId::TransportRequest,
                    "refusal.trips.transport_not_requested",
                    &[("stage", &ByLang(case.stage.name_en(), case.stage.name_sv()))],
                ));
            }
            if *trip_date < today {
                return Err(r.invalid(
                    RuleId::HumanDecision,
                    "trip_date",
                    "refusal.trips.date_passed",
                    &[],
                ));
            }
            let ready = readiness(case, *trip_date, r.rules);
            if let Some(first) = ready.unmet.first() {
                let rule = first.rule().unwrap_or(RuleId::EnforcementRequiresFinal);
                let unmet = |text: fn(&Unmet) -> String| {
                    ready.unmet.iter().map(text).collect::<Vec<_>>().join("; ")
                };
                return Err(r.conflict(
                    rule,
                    "refusal.trips.not_ready",
                    &[
                        ("trip_date", trip_date),
                        (
                            "unmet",
                            &ByLang(unmet(Unmet::text_en), unmet(Unmet::text_sv)),
                        ),
                    ],
                ));
            }
            if let Some(limit) = detention::limit(case, r.rules)
                && let Some(last) = limit.last_trip_day()
                && *trip_date > last
            {
                return Err(r.conflict(
                    limit.rule,
                    "refusal.trips.past_detention_limit",
                    &[("trip_date", &trip_date), ("last", &last)],
                ));
            }
            Ok(())
        }
        EventKind::Unplanned { trip }
        | EventKind::AttemptFailed { trip, .. }
        | EventKind::Executed { trip, .. } => {
            if actor != Agency::Nte {
                return Err(r.forbidden("refusal.trips.trip_by_nte", &[]));
            }
            match &case.trip {
                Some(t) if &t.trip == trip && case.stage == Stage::Planned => {}
                _ => {
                    return Err(r.conflict(
                        RuleId::TransportRequest,
                        "refusal.trips.not_on_trip",
                        &[("trip", &trip)],
                    ));
                }
            }
            if let EventKind::Executed { on, .. } = kind {
                not_future(r, ctx, "on", *on)?;
                no_open_impediment(case, r)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
