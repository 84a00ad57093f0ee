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
    if destination.is_sweden() {
        return Err(r.invalid(
            RuleId::ClosedCase,
            "destination",
            "Sweden cannot be the destination of a return",
            "Sverige kan inte vara mottagarland",
        ));
    }
    if decision.kind == DecisionKind::ExpulsionForCrime
        && decision.decided_by != DecisionMaker::GeneralCourt
    {
        return Err(r.invalid(
            RuleId::DetentionCriminalCourt,
            "decision.decided_by",
            "expulsion for a crime is decided by a general court",
            "utvisning på grund av brott beslutas av allmän domstol",
        ));
    }
    departure_terms(&r, decision, *absconding_risk)?;
    if decision.departure_extended_until.is_some() {
        return Err(r.invalid(
            RuleId::VoluntaryDepartureLonger,
            "decision.departure_extended_until",
            "an extension is recorded by `departure_period_extended`, not at registration",
            "en förlängning registreras med `departure_period_extended`, inte vid registreringen",
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
            "the decision refuses a period for a risk of absconding that is not recorded",
            "beslutet nekar tidsfrist för en risk att avvika som inte är registrerad",
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
                    format!("a longer period is more than {standard} days and at most a year"),
                    format!("en längre tidsfrist är mer än {standard} dagar och högst ett år"),
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
                    "in the return border procedure the period is 1 to 15 days",
                    "i gränsförfarandet för återvändande är tidsfristen 1–15 dagar",
                ));
            }
            Ok(())
        }
    }
}
