//! A child's guardians (vårdnadshavare) and an unaccompanied child's reception
//! in the State of return, as recorded case data — never guessed from ages or
//! family names — and the check that detention does not separate a child from
//! its guardians (UtlL 10 kap. 3 §).
//!
//! The record (`guardians_recorded` on the child's case): the guardians in
//! Sweden whose cases opcentrum holds, and whether the child is
//! unaccompanied (ensamkommande: no guardian in Sweden). A guardian whose case
//! opcentrum holds is in the child's family (they travel together, UtlL 1 kap.
//! 10 §). `unaccompanied: false` with no guardian case means the guardians are
//! in Sweden without a case here (a parent with a permit): no guardian can
//! then be held with the child, so the child is not detained.
//!
//! Detention and separation, case by case (UtlL 10 kap. 3 §: a child may not
//! be separated from both guardians, or from the one who alone has custody,
//! by detaining the child or the guardian):
//! 1. a child is detained (`detention_started`): its guardians must be
//!    recorded, and unless it is unaccompanied, a guardian must be held with
//!    it — detained in the same facility once the write is done. Checked over
//!    the members' states after the write (`check_children`), so a guardian
//!    and child detained in one write pass, and a child detained after its
//!    guardian passes alone.
//! 2. an unaccompanied child is detained only for exceptional reasons
//!    (synnerliga skäl): `exceptional_reasons` on `detention_started` is then
//!    required and refused, naming the field, when empty (`decide`).
//! 3. a guardian is detained while the child stays free: refused when no other
//!    guardian of the child is left free in Sweden after the write (a guardian
//!    whose case is not among the family's members, or who has left Sweden,
//!    does not count as free; one recorded as `guardian_without_case` — in
//!    Sweden with no case here, e.g. a parent with a permit — does). A guardian
//!    and child detained together in one write pass.
//! 4. a release (`detention_ended`) is never refused: a child left held
//!    without a guardian, or free with every guardian held, after a release
//!    is for the officer to resolve; the law never keeps a person detained.
//! 5. a person who is 18 at the start of the detention is not a child here.

use crate::{
    case::Case,
    decide::{Arg, Refusal, TransitionError, reasons, refusal},
    ids::CaseId,
    rules::{RuleId, RuleTable},
    stage::Stage,
};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// At most two persons have custody of a child (föräldrabalken 6 kap.).
pub const MAX_GUARDIANS: usize = 2;

/// The recorded guardians of a child (`guardians_recorded`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guardians {
    /// The guardians in Sweden whose cases opcentrum holds (in the child's family).
    pub cases: Vec<CaseId>,
    /// Unaccompanied (ensamkommande): no guardian in Sweden.
    pub unaccompanied: bool,
    /// A guardian in Sweden besides `cases` whose case opcentrum does not hold
    /// (free in Sweden: the child can stay with them).
    #[serde(default)]
    pub without_case: bool,
}

/// Who receives an unaccompanied child in the State of return (Return
/// Directive 2008/115/EC art. 10.2).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Receiver {
    FamilyMember,
    /// A nominated guardian (utsedd förmyndare).
    Guardian,
    /// Adequate reception facilities (ett lämpligt mottagande).
    ReceptionFacility,
}

impl Receiver {
    pub fn code(self) -> &'static str {
        match self {
            Receiver::FamilyMember => "family_member",
            Receiver::Guardian => "guardian",
            Receiver::ReceptionFacility => "reception_facility",
        }
    }
}

/// The reception arranged for a child in the State of return (`reception_arranged`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reception {
    pub receiver: Receiver,
    pub description: String,
    /// The day the reception was confirmed.
    pub confirmed_on: Date,
}

impl Case {
    /// Recorded as unaccompanied (ensamkommande).
    pub fn is_unaccompanied(&self) -> bool {
        self.guardians.as_ref().is_some_and(|g| g.unaccompanied)
    }

    /// An unaccompanied child on `on` with no reception arranged (art. 10.2).
    pub fn needs_reception_on(&self, on: Date) -> bool {
        self.is_unaccompanied() && self.person.is_child_on(on) && self.reception.is_none()
    }
}

fn refuse(rules: &RuleTable, key: &str, args: &[(&str, &dyn Arg)]) -> TransitionError {
    refusal(
        Refusal::Conflict,
        "action.keep_child_with_guardian",
        RuleId::ChildNotSeparated,
        rules,
        None,
        reasons(key, args),
    )
}

/// Still in Sweden and not detained: a guardian the child can stay with.
fn free_in_sweden(c: &Case) -> bool {
    c.detention.is_none() && !matches!(c.stage, Stage::Executed | Stage::DepartedVoluntarily)
}

/// The family's members after a write: `started` are the cases whose detention
/// started in it, `recorded` those whose guardians were recorded in it. Cases
/// 1 and 3 of the module's list, and that a recorded guardian is a member.
pub fn check_children(
    members: &[&Case],
    started: &[CaseId],
    recorded: &[CaseId],
    rules: &RuleTable,
) -> Result<(), TransitionError> {
    let find = |id: &CaseId| members.iter().find(|c| &c.id == id).copied();
    for child in members.iter().filter(|c| !c.is_closed()) {
        let Some(g) = &child.guardians else { continue };
        if recorded.contains(&child.id)
            && let Some(missing) = g.cases.iter().find(|id| find(id).is_none())
        {
            return Err(refuse(
                rules,
                "refusal.children.guardian_not_in_family",
                &[("missing", missing), ("child", &child.id)],
            ));
        }
        if g.unaccompanied {
            continue;
        }
        if let Some(p) = &child.detention
            && started.contains(&child.id)
            && child.person.is_child_at(p.started_at)
        {
            let held_with = g.cases.iter().filter_map(find).any(|x| {
                x.detention
                    .as_ref()
                    .is_some_and(|q| q.facility == p.facility)
            });
            if !held_with {
                return Err(refuse(
                    rules,
                    "refusal.children.no_guardian_held_with",
                    &[("child", &child.id), ("facility", &p.facility)],
                ));
            }
        }
        if child.detention.is_none()
            && let Some(held) = g
                .cases
                .iter()
                .filter(|id| started.contains(id))
                .filter_map(find)
                .find(|x| {
                    x.detention
                        .as_ref()
                        .is_some_and(|q| child.person.is_child_at(q.started_at))
                })
            && !g.without_case
            && !g.cases.iter().filter_map(find).any(free_in_sweden)
        {
            return Err(refuse(
                rules,
                "refusal.children.guardian_detained_alone",
                &[("held", &held.id), ("child", &child.id)],
            ));
        }
    }
    Ok(())
}
