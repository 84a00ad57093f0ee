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
                    "refusal.children.unaccompanied_guardian_without_case",
                    &[],
                ));
            }
            if *guardian_without_case && guardians.len() >= MAX_GUARDIANS {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardian_without_case",
                    "refusal.children.no_third_guardian",
                    &[("max", &MAX_GUARDIANS)],
                ));
            }
            not_a_child(case, ctx.now, RuleId::ChildNotSeparated, r)?;
            if *unaccompanied && !guardians.is_empty() {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "refusal.children.unaccompanied_guardians_given",
                    &[],
                ));
            }
            if guardians.len() > MAX_GUARDIANS {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "refusal.children.too_many_guardians",
                    &[("max", &MAX_GUARDIANS)],
                ));
            }
            if guardians.contains(&case.id) {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "refusal.children.own_guardian",
                    &[],
                ));
            }
            if guardians.len() == 2 && guardians[0] == guardians[1] {
                return Err(r.invalid(
                    RuleId::ChildNotSeparated,
                    "guardians",
                    "refusal.children.guardian_twice",
                    &[],
                ));
            }
            if !guardians.is_empty() && case.family.is_none() {
                return Err(r.conflict(
                    RuleId::ChildNotSeparated,
                    "refusal.children.guardians_without_family",
                    &[],
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
                    "refusal.children.reception_description",
                    &[],
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
        return Err(r.conflict(rule, "refusal.children.not_a_child", &[]));
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
            "refusal.children.exceptional_reasons_too_long",
            &[],
        ));
    }
    if !case.person.is_child_at(at) {
        return Ok(());
    }
    let Some(g) = &case.guardians else {
        return Err(r.conflict(
            RuleId::ChildNotSeparated,
            "refusal.children.guardians_not_recorded",
            &[],
        ));
    };
    if g.unaccompanied {
        if exceptional_reasons.is_none_or(|t| t.trim().is_empty()) {
            return Err(r.invalid(
                RuleId::ChildNotSeparated,
                "exceptional_reasons",
                "refusal.children.unaccompanied_without_reasons",
                &[],
            ));
        }
        return Ok(());
    }
    if g.cases.is_empty() {
        return Err(r.conflict(
            RuleId::ChildNotSeparated,
            "refusal.children.guardians_without_case",
            &[],
        ));
    }
    Ok(())
}
