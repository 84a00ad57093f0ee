//! The first event of a case: the registration of a decision.

use super::{Context, MAX_NAME, Refuse, TransitionError, not_future};
use crate::{
    agency::Agency,
    decision::{Decision, DecisionKind, DecisionMaker},
    event::EventKind,
    rules::{Limit, RuleId},
};

/// Validates the first event of a new case.
pub fn decide_registration(kind: &EventKind, ctx: &Context) -> Result<(), TransitionError> {
    let rules = ctx.rules;
    let r = Refuse { kind, rules };
    let EventKind::Registered {
        person,
        decision,
        destination,
        absconding_risk,
        ..
    } = kind
    else {
        return Err(r.conflict(RuleId::ClosedCase, "refusal.registration.first_event", &[]));
    };
    if ctx.actor.agency == Agency::Oversight {
        return Err(r.forbidden("refusal.decide.oversight", &[]));
    }
    for (field, value) in [
        ("person.given_name", &person.given_name),
        ("person.family_name", &person.family_name),
    ] {
        if value.trim().is_empty() {
            return Err(r.invalid(
                RuleId::ClosedCase,
                field,
                "refusal.registration.name_empty",
                &[("field", &field)],
            ));
        }
        if value.chars().count() > MAX_NAME {
            return Err(r.invalid(
                RuleId::ClosedCase,
                field,
                "refusal.registration.name_too_long",
                &[("field", &field), ("max", &MAX_NAME)],
            ));
        }
    }
    if person.dossier_number.chars().count() > MAX_NAME {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "person.dossier_number",
            "refusal.registration.dossier_too_long",
            &[],
        ));
    }
    not_future(&r, ctx, "person.birth_date", person.birth_date)?;
    if person.birth_date < jiff::civil::date(1900, 1, 1) {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "person.birth_date",
            "refusal.registration.born_before_1900",
            &[],
        ));
    }
    not_future(&r, ctx, "decision.decided_on", decision.decided_on)?;
    if decision.decided_on < person.birth_date {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "decision.decided_on",
            "refusal.registration.decision_before_birth",
            &[],
        ));
    }
    if let Some(n) = decision.notified_on {
        not_future(&r, ctx, "decision.notified_on", n)?;
        if n < decision.decided_on {
            return Err(r.invalid(
                RuleId::AppealPeriod,
                "decision.notified_on",
                "refusal.registration.notified_before_decision",
                &[],
            ));
        }
    }
    if let Some(f) = decision.final_on {
        not_future(&r, ctx, "decision.final_on", f)?;
        if f < decision.decided_on {
            return Err(r.invalid(
                RuleId::AppealPeriod,
                "decision.final_on",
                "refusal.finality.final_before_decision",
                &[],
            ));
        }
    }
    if destination.is_sweden() {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "destination",
            "refusal.registration.destination_sweden",
            &[],
        ));
    }
    if decision.kind == DecisionKind::ExpulsionForCrime
        && decision.decided_by != DecisionMaker::GeneralCourt
    {
        return Err(r.invalid(
            RuleId::DetentionCriminalCourt,
            "decision.decided_by",
            "refusal.registration.crime_by_general_court",
            &[],
        ));
    }
    departure_terms(&r, decision, *absconding_risk)?;
    if decision.departure_extended_until.is_some() {
        return Err(r.invalid(
            RuleId::VoluntaryDepartureLonger,
            "decision.departure_extended_until",
            "refusal.registration.extension_at_registration",
            &[],
        ));
    }
    // A copied date of finality starts unconfirmed (JO 8824-2019): `Case` records
    // it as from the registration, and a second person confirms it.
    Ok(())
}

/// The departure terms a decision may set (UtlL 8 kap. 21–22 §§; Regulation (EU)
/// 2024/1349 art. 4): the absconding flag is a fact the decision cites, never the
/// decision itself.
pub(super) fn departure_terms(
    r: &Refuse,
    decision: &Decision,
    absconding_risk: bool,
) -> Result<(), TransitionError> {
    use crate::decision::{DepartureTerms, NoPeriodGround};
    match decision.departure {
        None | Some(DepartureTerms::Standard) => Ok(()),
        Some(DepartureTerms::Refused {
            ground: NoPeriodGround::AbscondingRisk,
        }) if !absconding_risk => Err(r.invalid(
            RuleId::NoDeparturePeriodOnAbscondingRisk,
            "absconding_risk",
            "refusal.registration.absconding_not_recorded",
            &[],
        )),
        Some(DepartureTerms::Refused { .. }) => Ok(()),
        Some(DepartureTerms::Longer { days }) => {
            let standard = if decision.kind == DecisionKind::RefusalOfEntry {
                14
            } else {
                28
            };
            if days <= standard || days > 366 {
                return Err(r.invalid(
                    RuleId::VoluntaryDepartureLonger,
                    "decision.departure.days",
                    "refusal.registration.longer_period",
                    &[("standard", &standard)],
                ));
            }
            Ok(())
        }
        Some(DepartureTerms::ReturnBorder { days }) => {
            let on = decision.final_on.unwrap_or(decision.decided_on);
            let max = r
                .rules
                .limit(RuleId::ReturnBorderVoluntaryDeparture, on)
                .map_err(|e| super::not_in_force(r, e))?;
            let too_long = matches!(max, Some(Limit::Days(n)) if i64::from(days) > n);
            if too_long || days == 0 {
                return Err(r.invalid(
                    RuleId::ReturnBorderVoluntaryDeparture,
                    "decision.departure.days",
                    "refusal.registration.return_border_period",
                    &[],
                ));
            }
            Ok(())
        }
    }
}
