//! The decision becoming final, the second person's check of its date
//! (JO 8824-2019), its correction, and the extension of the departure period.

use super::{Context, Refuse, TransitionError, not_future, not_in_force, responsible_only};
use crate::{
    case::Case,
    decision::{Decision, DepartureTerms},
    event::EventKind,
    rules::RuleId,
    stage::Stage,
};
use jiff::civil::Date;

/// `final_on` is no earlier than the decision, and (without a waiver) no earlier
/// than the day after the appeal period's last day (lag (1930:173)); a decision
/// of the Migration Court of Appeal is final on the day it is given.
pub(super) fn final_on_plausible(
    r: &Refuse,
    decision: &Decision,
    final_on: Date,
    appeal_waived: bool,
) -> Result<(), TransitionError> {
    if final_on < decision.decided_on {
        return Err(r.invalid(
            RuleId::AppealPeriod,
            "final_on",
            "refusal.finality.final_before_decision",
            &[],
        ));
    }
    if appeal_waived {
        return Ok(());
    }
    match decision
        .earliest_final_without_waiver(r.rules)
        .map_err(|e| not_in_force(r, e))?
    {
        None => Err(r.invalid(
            RuleId::AppealPeriod,
            "final_on",
            "refusal.finality.notification_unknown",
            &[],
        )),
        Some((earliest, rule)) if final_on < earliest => {
            let last = earliest.saturating_sub(jiff::ToSpan::day(1));
            Err(r.invalid(
                rule,
                "final_on",
                "refusal.finality.appeal_in_time",
                &[("last", &last), ("earliest", &earliest)],
            ))
        }
        Some(_) => Ok(()),
    }
}

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    match kind {
        EventKind::DecisionFinal {
            final_on,
            appeal_waived,
        } => {
            responsible_only(case, ctx, r)?;
            if case.stage != Stage::Registered {
                return Err(r.conflict(
                    RuleId::AppealPeriod,
                    "refusal.finality.already_final",
                    &[],
                ));
            }
            not_future(r, ctx, "final_on", *final_on)?;
            final_on_plausible(r, &case.decision, *final_on, *appeal_waived)
        }
        EventKind::FinalityConfirmed { final_on } => {
            let Some(f) = &case
                .finality
                .as_ref()
                .filter(|_| case.decision.final_on.is_some())
            else {
                return Err(r.conflict(
                    RuleId::FinalityConfirmed,
                    "refusal.finality.nothing_to_confirm",
                    &[],
                ));
            };
            if f.confirmed.is_some() {
                return Err(r.conflict(
                    RuleId::FinalityConfirmed,
                    "refusal.finality.already_confirmed",
                    &[],
                ));
            }
            if f.recorded_by == ctx.actor.user {
                return Err(r.conflict(
                    RuleId::FinalityConfirmed,
                    "refusal.finality.second_person",
                    &[("recorded_by", &f.recorded_by)],
                ));
            }
            if *final_on != f.final_on {
                return Err(r.invalid(
                    RuleId::FinalityConfirmed,
                    "final_on",
                    "refusal.finality.date_differs",
                    &[("final_on", &final_on), ("recorded", &f.final_on)],
                ));
            }
            Ok(())
        }
        EventKind::FinalityCorrected { final_on } => {
            responsible_only(case, ctx, r)?;
            if case.decision.final_on.is_none() {
                return Err(r.conflict(RuleId::AppealPeriod, "refusal.finality.not_final", &[]));
            }
            not_future(r, ctx, "final_on", *final_on)?;
            final_on_plausible(r, &case.decision, *final_on, true)
        }
        EventKind::DeparturePeriodExtended { until } => {
            responsible_only(case, ctx, r)?;
            let period = case
                .decision
                .departure_period(case.absconding_risk, r.rules)
                .map_err(|e| not_in_force(r, e))?;
            let Some(p) = period else {
                return Err(r.conflict(
                    RuleId::VoluntaryDepartureLonger,
                    "refusal.finality.no_period",
                    &[],
                ));
            };
            if matches!(
                case.decision.terms(case.absconding_risk),
                Some(DepartureTerms::ReturnBorder { .. })
            ) {
                return Err(r.conflict(
                    RuleId::ReturnBorderVoluntaryDeparture,
                    "refusal.finality.return_border_period",
                    &[],
                ));
            }
            if *until <= p.until {
                return Err(r.invalid(
                    RuleId::VoluntaryDepartureLonger,
                    "until",
                    "refusal.finality.period_not_longer",
                    &[("until", &p.until)],
                ));
            }
            if ctx.today() > p.until {
                return Err(r.conflict(
                    RuleId::VoluntaryDepartureLonger,
                    "refusal.finality.period_ended",
                    &[("until", &p.until)],
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
