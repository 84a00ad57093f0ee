//! Families travel together (UtlL 1 kap. 10 §; barnkonventionen art. 9; Return
//! Directive art. 14.1 a): a family is planned, taken off a trip and executed as
//! one, and a member leaves the family only by a recorded decision
//! (`family_left`). One event cannot see the other members, so this is checked
//! over the members' states after a write of several cases (the store's
//! multi-case append and a plan's approval), and over an import's final states.

use crate::{
    case::Case,
    decide::{Arg, ByLang, Refusal, TransitionError, reasons, refusal, text},
    rules::{RuleId, RuleTable},
    stage::Stage,
};
use opcentrum_text::Lang;

fn refuse(rules: &RuleTable, key: &str, args: &[(&str, &dyn Arg)]) -> TransitionError {
    refusal(
        Refusal::Conflict,
        "action.keep_family_together",
        RuleId::FamilyUnity,
        rules,
        None,
        reasons(key, args),
    )
}

/// The trip a member is on, in English and in Swedish.
fn trip_of(c: &Case) -> ByLang<String, String> {
    let of = |lang| match &c.trip {
        None => text(lang, "refusal.family.no_trip", &[]),
        Some(t) => text(lang, "refusal.family.trip", &[("trip", &t.trip)]),
    };
    ByLang(of(Lang::En), of(Lang::Sv))
}

/// Whether the members of one family (every case with the same `family`, open or
/// closed) stand together.
pub fn check_together(members: &[&Case], rules: &RuleTable) -> Result<(), TransitionError> {
    let open: Vec<&&Case> = members.iter().filter(|c| !c.is_closed()).collect();
    if let Some(first) = open.first() {
        if let Some(other) = open
            .iter()
            .find(|c| c.trip.as_ref().map(|t| &t.trip) != first.trip.as_ref().map(|t| &t.trip))
        {
            return Err(refuse(
                rules,
                "refusal.family.apart",
                &[
                    ("first", &first.id),
                    ("first_trip", &trip_of(first)),
                    ("other", &other.id),
                    ("other_trip", &trip_of(other)),
                ],
            ));
        }
        if let Some(done) = members.iter().find(|c| c.stage == Stage::Executed) {
            return Err(refuse(
                rules,
                "refusal.family.executed_apart",
                &[("done", &done.id), ("first", &first.id)],
            ));
        }
        if first.trip.is_some()
            && let Some(gone) = members.iter().find(|c| c.is_closed())
        {
            return Err(refuse(
                rules,
                "refusal.family.closed_member",
                &[
                    ("gone", &gone.id),
                    ("stage", &ByLang(gone.stage.name_en(), gone.stage.name_sv())),
                ],
            ));
        }
    }
    Ok(())
}

/// Groups `cases` by family and checks each family.
pub fn check_families(cases: &[Case], rules: &RuleTable) -> Result<(), TransitionError> {
    let mut by: std::collections::BTreeMap<&str, Vec<&Case>> = Default::default();
    for c in cases {
        if let Some(f) = &c.family {
            by.entry(f.as_str()).or_default().push(c);
        }
    }
    for members in by.values() {
        check_together(members, rules)?;
    }
    Ok(())
}
