//! The other ends of a case: voluntary departure, lapse, a permit, cancellation.

use super::{Context, Refuse, TransitionError, not_future, responsible_only};
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
                    format!(
                        "voluntary departure is recorded for a final case not on a trip (stage: {})",
                        case.stage.name_en()
                    ),
                    format!(
                        "frivillig avresa registreras för ett lagakraftvunnet ärende som inte är planerat (steg: {})",
                        case.stage.name_sv()
                    ),
                ));
            }
            Ok(())
        }
        EventKind::Expired { on } => {
            not_future(r, ctx, "on", *on)?;
            match case.decision.lapses_on(r.rules) {
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
            not_future(r, ctx, "on", *on)?;
            if ctx.actor.agency != Agency::Migrationsverket {
                return Err(r.forbidden(
                    "only Migrationsverket grants permits",
                    "endast Migrationsverket beviljar tillstånd",
                ));
            }
            Ok(())
        }
        EventKind::Cancelled {} => responsible_only(case, ctx, r),
        _ => Ok(()),
    }
}
