//! Which persons of a proposal have planning days that tell of the criminal
//! record. A criminal court's expulsion has no voluntary-departure period, no
//! lapse and (for an adult) no cap on enforcement detention, so a person's
//! `ready_from` and `must_leave_by` — and a reason for leaving them out that
//! names those days — would tell a reader without the criminal record
//! whether a criminal court expelled them. Asked of both kinds alike, as the
//! case filter does (`access::filter::limit_depends_on_criminal_record`): the
//! answer depends on the basis, the age, the dates, never on the case's own
//! kind, so being in the set tells nothing either.

use jiff::civil::Date;
use opcentrum_domain::{
    Case, RuleTable,
    decision::{DecisionKind, DecisionMaker},
};
use opcentrum_planner::from_cases::planning_window;
use std::collections::BTreeSet;

/// Would the planning days of `case` differ were its expulsion a criminal court's?
pub fn window_depends_on_criminal_record(
    case: &Case,
    start: Date,
    end: Date,
    rules: &RuleTable,
) -> bool {
    let as_kind = |kind: DecisionKind, by: DecisionMaker| {
        let mut c = case.clone();
        c.decision.kind = kind;
        c.decision.decided_by = by;
        planning_window(&c, start, end, rules)
    };
    as_kind(DecisionKind::ExpulsionForCrime, DecisionMaker::GeneralCourt)
        != as_kind(DecisionKind::Expulsion, DecisionMaker::Migrationsverket)
}

/// The cases of `cases` whose planning days depend on the criminal record.
pub fn criminal_dependent(
    cases: &[Case],
    start: Date,
    end: Date,
    rules: &RuleTable,
) -> BTreeSet<String> {
    cases
        .iter()
        .filter(|c| window_depends_on_criminal_record(c, start, end, rules))
        .map(|c| c.id.to_string())
        .collect()
}
