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
            "final before the decision was taken",
            "laga kraft före beslutet",
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
            "the notification date is unknown and appeal was not waived",
            "delgivningsdag saknas och överklagande har inte avståtts",
        )),
        Some((earliest, rule)) if final_on < earliest => {
            let last = earliest.saturating_sub(jiff::ToSpan::day(1));
            Err(r.invalid(
                rule,
                "final_on",
                format!(
                    "an appeal is in time until {last}; the decision can be final from {earliest}"
                ),
                format!(
                    "överklagande får göras till och med {last}; beslutet kan vinna laga kraft från {earliest}"
                ),
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
                    "the decision is already final",
                    "beslutet har redan vunnit laga kraft",
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
                    "no date of finality is recorded to confirm",
                    "ingen dag för laga kraft är registrerad att kontrollera",
                ));
            };
            if f.confirmed.is_some() {
                return Err(r.conflict(
                    RuleId::FinalityConfirmed,
                    "the date of finality is already confirmed",
                    "dagen för laga kraft är redan kontrollerad",
                ));
            }
            if f.recorded_by == ctx.actor.user {
                return Err(r.conflict(
                    RuleId::FinalityConfirmed,
                    format!(
                        "{} recorded the date; a second person must confirm it",
                        f.recorded_by
                    ),
                    format!(
                        "{} registrerade dagen; en andra person ska kontrollera den",
                        f.recorded_by
                    ),
                ));
            }
            if *final_on != f.final_on {
                return Err(r.invalid(
                    RuleId::FinalityConfirmed,
                    "final_on",
                    format!(
                        "the decision says {final_on} but {} is recorded: correct it with `finality_corrected`",
                        f.final_on
                    ),
                    format!(
                        "beslutet anger {final_on} men {} är registrerad: rätta med `finality_corrected`",
                        f.final_on
                    ),
                ));
            }
            Ok(())
        }
        EventKind::FinalityCorrected { final_on } => {
            responsible_only(case, ctx, r)?;
            if case.decision.final_on.is_none() {
                return Err(r.conflict(
                    RuleId::AppealPeriod,
                    "the decision is not final: record `decision_final`",
                    "beslutet har inte vunnit laga kraft: registrera `decision_final`",
                ));
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
                    "the decision gives no departure period to extend",
                    "beslutet ger ingen tidsfrist att förlänga",
                ));
            };
            if matches!(
                case.decision.terms(case.absconding_risk),
                Some(DepartureTerms::ReturnBorder { .. })
            ) {
                return Err(r.conflict(
                    RuleId::ReturnBorderVoluntaryDeparture,
                    "in the return border procedure the period is at most 15 days",
                    "i gränsförfarandet för återvändande är tidsfristen högst 15 dagar",
                ));
            }
            if *until <= p.until {
                return Err(r.invalid(
                    RuleId::VoluntaryDepartureLonger,
                    "until",
                    format!("the period already runs until {}", p.until),
                    format!("tidsfristen löper redan till och med {}", p.until),
                ));
            }
            if ctx.today() > p.until {
                return Err(r.conflict(
                    RuleId::VoluntaryDepartureLonger,
                    format!("the period ended on {}; it cannot be extended", p.until),
                    format!("tidsfristen gick ut {}; den kan inte förlängas", p.until),
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}
