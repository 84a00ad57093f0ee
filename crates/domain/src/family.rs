//! Families travel together (UtlL 1 kap. 10 §; barnkonventionen art. 9; Return
//! Directive art. 14.1 a): a family is planned, taken off a trip and executed as
//! one, and a member leaves the family only by a recorded decision
//! (`family_left`). One event cannot see the other members, so this is checked
//! over the members' states after a write of several cases (the store's
//! multi-case append and a plan's approval), and over an import's final states.

use crate::{
    case::Case,
    decide::{Refusal, TransitionError},
    rules::{RuleId, RuleTable},
    stage::Stage,
};

fn refuse(rules: &RuleTable, en: String, sv: String) -> TransitionError {
    TransitionError {
        refusal: Refusal::Conflict,
        action: "keep the family together",
        action_sv: "hålla ihop familjen",
        rule: RuleId::FamilyUnity,
        statute: rules.reference(RuleId::FamilyUnity),
        field: None,
        reason: en,
        reason_sv: sv,
    }
}

fn trip_of(c: &Case) -> String {
    c.trip
        .as_ref()
        .map_or_else(|| "no trip".to_owned(), |t| format!("trip {}", t.trip))
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
                format!(
                    "{} is on {}, {} on {}: a family is planned and taken off a trip as one",
                    first.id,
                    trip_of(first),
                    other.id,
                    trip_of(other)
                ),
                format!(
                    "{} har {}, {} har {}: en familj planeras och tas av en resa tillsammans",
                    first.id,
                    trip_of(first)
                        .replace("no trip", "ingen resa")
                        .replace("trip", "resa"),
                    other.id,
                    trip_of(other)
                        .replace("no trip", "ingen resa")
                        .replace("trip", "resa")
                ),
            ));
        }
        if let Some(done) = members.iter().find(|c| c.stage == Stage::Executed) {
            return Err(refuse(
                rules,
                format!(
                    "{} was executed while {} is still open: a family is executed as one",
                    done.id, first.id
                ),
                format!(
                    "{} har verkställts medan {} är öppet: en familj verkställs tillsammans",
                    done.id, first.id
                ),
            ));
        }
        if first.trip.is_some()
            && let Some(gone) = members.iter().find(|c| c.is_closed())
        {
            return Err(refuse(
                rules,
                format!(
                    "{} is closed ({}) but still in the family: record `family_left` before planning the others",
                    gone.id,
                    gone.stage.name_en()
                ),
                format!(
                    "{} är avslutat ({}) men står kvar i familjen: registrera `family_left` innan de andra planeras",
                    gone.id,
                    gone.stage.name_sv()
                ),
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
