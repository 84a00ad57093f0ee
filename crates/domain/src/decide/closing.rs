//! The other ends of a case: voluntary departure, lapse, a permit, cancellation.

use super::{ByLang, Context, Refuse, TransitionError, not_future, responsible_only};
use crate::{agency::Agency, case::Case, event::EventKind, rules::RuleId, stage::Stage};

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    match kind {
        EventKind::DepartedVoluntarily { on } => {
            not_future(r, ctx, "on", *on)?;
            if !matches!(
                case.stage,
                Stage::Final | Stage::HandedOver | Stage::TransportRequested
            ) {
                return Err(r.conflict(
                    RuleId::VoluntaryDepartureExpulsion,
                    "refusal.closing.departure_not_final_or_on_trip",
                    &[("stage", &ByLang(case.stage.name_en(), case.stage.name_sv()))],
                ));
            }
            Ok(())
        }
        EventKind::Expired { on } => {
            not_future(r, ctx, "on", *on)?;
            match case.decision.lapses_on(r.rules) {
                Some((lapse, _)) if *on >= lapse => Ok(()),
                Some((lapse, rule)) => {
                    Err(r.conflict(rule, "refusal.closing.lapses_later", &[("lapse", &lapse)]))
                }
                None => Err(r.conflict(
                    RuleId::LapseFiveYearsFromDeparture,
                    "refusal.closing.no_lapse_in_sweden",
                    &[],
                )),
            }
        }
        EventKind::PermitGranted { on } => {
            not_future(r, ctx, "on", *on)?;
            if ctx.actor.agency != Agency::Migrationsverket {
                return Err(r.forbidden("refusal.closing.permit_by_migrationsverket", &[]));
            }
            Ok(())
        }
        EventKind::Cancelled {} => responsible_only(case, ctx, r),
        _ => Ok(()),
    }
}
