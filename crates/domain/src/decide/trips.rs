//! Getting ready for a trip (document, acceptance, fitness) and the trip itself:
//! planned, taken off, failed, executed.

use super::{Context, Refuse, TransitionError, no_open_impediment, not_future};
use crate::{
    agency::Agency, case::Case, detention, event::EventKind, readiness::readiness, rules::RuleId,
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
                    format!("the document expired on {valid_until}"),
                    format!("handlingen gick ut {valid_until}"),
                ));
            }
            Ok(())
        }
        EventKind::DestinationAccepted { on } | EventKind::FitnessAssessed { on, .. } => {
            not_future(r, ctx, "on", *on)
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
            let ready = readiness(case, *trip_date, r.rules);
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
            if let Some(limit) = detention::limit(case, r.rules)
                && let Some(last) = limit.last_trip_day()
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
                not_future(r, ctx, "on", *on)?;
                no_open_impediment(case, r)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
