//! What a reader of a case sees of its detention: the whole-case total, the
//! limit with its rule, the next review, public counsel.

use super::{Account, LimitStatus, account, limit, next_review, status};
use crate::{
    case::Case,
    rules::{RuleId, RuleTable},
    time,
};
use jiff::{Timestamp, civil::Date};
use serde::Serialize;

/// The detention of a case at `now`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DetentionSummary {
    /// Time held over the whole case (every placement, transfers, earlier periods).
    pub held: Account,
    /// Detained now.
    pub detained: bool,
    /// The instant the person must be released, and the rule that sets it.
    pub ends_at: Option<Timestamp>,
    pub last_trip_day: Option<Date>,
    pub rule: Option<RuleId>,
    pub statute: Option<&'static str>,
    pub child: bool,
    pub status: Option<LimitStatus>,
    /// The next review (omprövning) and its rule; unreviewed by then, the
    /// decision lapses (UtlL 10 kap. 10 §, MIG 2013:7).
    pub next_review: Option<Timestamp>,
    pub next_review_rule: Option<RuleId>,
    /// Held more than three days: public counsel is required (UtlL 18 kap. 1 §).
    pub counsel_required: bool,
    pub counsel_appointed_at: Option<Timestamp>,
}

/// The instant total detention passes the public-counsel threshold, if it has.
pub fn counsel_required_since(case: &Case, now: Timestamp, rules: &RuleTable) -> bool {
    let day = time::local_date(now);
    let Ok(Some(l)) = rules.limit(RuleId::PublicCounsel, day) else {
        return false;
    };
    let threshold = time::add_span(Timestamp::UNIX_EPOCH, l.span())
        .duration_since(Timestamp::UNIX_EPOCH)
        .as_hours();
    account(case, now).detention_hours > threshold
}

pub fn summary(case: &Case, now: Timestamp, rules: &RuleTable) -> DetentionSummary {
    let l = limit(case, rules);
    let review = next_review(case, rules);
    DetentionSummary {
        held: account(case, now),
        detained: case.detention.is_some(),
        ends_at: l.and_then(|l| l.ends_at),
        last_trip_day: l.and_then(|l| l.last_trip_day()),
        rule: l.map(|l| l.rule),
        statute: l.map(|l| rules.reference(l.rule)),
        child: l.is_some_and(|l| l.child),
        status: l.map(|l| status(&l, now, rules)),
        next_review: review.map(|r| r.0),
        next_review_rule: review.map(|r| r.1),
        counsel_required: counsel_required_since(case, now, rules),
        counsel_appointed_at: case.counsel_appointed_at,
    }
}
