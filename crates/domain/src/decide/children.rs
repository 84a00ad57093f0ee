//! A child's guardians and reception, as far as the child's own case decides
//! (the family's part is `children::check_children`, after the write):
//! `guardians_recorded`, `reception_arranged`, and the child rules of
//! `detention_started` (UtlL 10 kap. 3 §; Return Directive art. 10.2).

use super::{Context, MAX_TEXT, Refuse, TransitionError, not_future};
use crate::{case::Case, children::MAX_GUARDIANS, event::EventKind, rules::RuleId};
use jiff::Timestamp;

pub(super) fn decide(
    case: &Case,
    kind: &EventKind,
    ctx: &Context,
    r: &Refuse,
) -> Result<(), TransitionError> {
    match kind {
        EventKind::GuardiansRecorded {
            guardians,
            unaccompanied,
            guardian_without_case,
        } => {
            if *unaccompanied && *guardian_without_case {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardian_without_case",
                    "an unaccompanied child has no guardian in Sweden",
                    "ett ensamkommande barn har ingen vårdnadshavare i Sverige",
                ));
            }
            if *guardian_without_case && guardians.len() >= MAX_GUARDIANS {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardian_without_case",
                    format!("a child has at most {MAX_GUARDIANS} guardians: with two guardian cases there is no third"),
                    format!("ett barn har högst {MAX_GUARDIANS} vårdnadshavare: med två vårdnadshavares ärenden finns ingen tredje"),
                ));
            }
            not_a_child(case, ctx.now, RuleId::ChildNotSeparated, r)?;
            if *unaccompanied && !guardians.is_empty() {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "an unaccompanied child has no guardian in Sweden: leave guardians empty",
                    "ett ensamkommande barn har ingen vårdnadshavare i Sverige: lämna vårdnadshavare tomt",
                ));
            }
            if guardians.len() > MAX_GUARDIANS {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    format!("a child has at most {MAX_GUARDIANS} guardians"),
                    format!("ett barn har högst {MAX_GUARDIANS} vårdnadshavare"),
                ));
            }
            if guardians.contains(&case.id) {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "a child is not its own guardian",
                    "ett barn är inte sin egen vårdnadshavare",
                ));
            }
            if guardians.len() == 2 && guardians[0] == guardians[1] {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "the same guardian is named twice",
                    "samma vårdnadshavare anges två gånger",
                ));
            }
            if !guardians.is_empty() && case.family.is_none() {
                return Err(r.conflict(
                    RuleId::ChildNotSeparated,
                    "the child is in no family: a guardian whose case opcentrum holds travels with the child in one family",
                    "barnet tillhör ingen familj: en vårdnadshavare vars ärende finns här reser med barnet i samma familj",
                ));
            }
            Ok(())
        }
        EventKind::ReceptionArranged {
            description,
            confirmed_on,
            ..
        } => {
            not_a_child(case, ctx.now, RuleId::ChildReception, r)?;
            if description.trim().is_empty() || description.chars().count() > MAX_TEXT {
                return Err(r.invalid(
                    RuleId::ChildReception,
                    "description",
                    "describe who receives the child and how it was confirmed (1–2000 characters)",
                    "beskriv vem som tar emot barnet och hur det bekräftats (1–2000 tecken)",
                ));
            }
            not_future(r, ctx, "confirmed_on", *confirmed_on)
        }
        _ => Ok(()),
    }
}

fn not_a_child(
    case: &Case,
    now: Timestamp,
    rule: RuleId,
    r: &Refuse,
) -> Result<(), TransitionError> {
    if !case.person.is_child_at(now) {
        return Err(r.conflict(
            rule,
            "the person is not a child",
            "personen är inte ett barn",
        ));
    }
    Ok(())
}

/// The child rules of a detention starting at `at` (UtlL 10 kap. 3 §): the
/// guardians are recorded; an unaccompanied child only for recorded
/// exceptional reasons; a child whose guardians have no case here cannot be
/// held with one. Whether a guardian is held with the child is the family's
/// check after the write.
pub(super) fn detention_of_child(
    case: &Case,
    at: Timestamp,
    exceptional_reasons: Option<&str>,
    r: &Refuse,
) -> Result<(), TransitionError> {
    if exceptional_reasons.is_some_and(|t| t.chars().count() > MAX_TEXT) {
        return Err(r.invalid(
            RuleId::ChildNotSeparated,
            "exceptional_reasons",
            "at most 2000 characters",
            "högst 2000 tecken",
        ));
    }
    if !case.person.is_child_at(at) {
        return Ok(());
    }
    let Some(g) = &case.guardians else {
        return Err(r.conflict(
            RuleId::ChildNotSeparated,
            "the child's guardians are not recorded: record `guardians_recorded` before a detention decision",
            "barnets vårdnadshavare är inte registrerade: registrera `guardians_recorded` före ett förvarsbeslut",
        ));
    };
    if g.unaccompanied {
        if exceptional_reasons.is_none_or(|t| t.trim().is_empty()) {
            return Err(r.invalid(
                RuleId::ChildNotSeparated,
                "exceptional_reasons",
                "an unaccompanied child is detained only for exceptional reasons: state them",
                "ett ensamkommande barn får tas i förvar endast om det finns synnerliga skäl: ange dem",
            ));
        }
        return Ok(());
    }
    if g.cases.is_empty() {
        return Err(r.conflict(
            RuleId::ChildNotSeparated,
            "the child's guardians are in Sweden without a case here, so none can be held with the child: detention would separate them",
            "barnets vårdnadshavare finns i Sverige utan ärende här, så ingen kan hållas med barnet: förvar skulle skilja dem åt",
        ));
    }
    Ok(())
}
