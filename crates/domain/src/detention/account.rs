//! The time a person has been held, added up over the whole enforcement case:
//! every placement, transfers and earlier periods (MIG 2019:17; CJEU C-357/09
//! Kadzoev). Time held for enforcement runs from the day the decision became
//! final for a person already held (MIG 2013:3).

use super::{DetentionBasis, Placement, ReleaseReason};
use crate::{case::Case, time};
use jiff::{SignedDuration, Span, Timestamp};
use serde::Serialize;

/// Hours held up to an instant, by what they count towards.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Every deprivation of liberty in the case (police custody included): the
    /// Return Directive's 18 months (art. 15.5–15.6).
    pub total_hours: i64,
    /// Detention (förvar, UtlL 10 kap.), transport placements included.
    pub detention_hours: i64,
    /// Detention after the decision became final: the 2-, 3- and 12-month caps.
    pub enforcement_hours: i64,
    /// Placements in the case (a transfer is a new placement).
    pub placements: usize,
}

impl DetentionBasis {
    /// Förvar under UtlL 10 kap. (a transport placement is förvar held in a prison,
    /// remand centre or police cell); police custody (kvarhållande) is not.
    pub fn is_forvar(self) -> bool {
        self != DetentionBasis::PoliceCustody
    }
}

/// Every placement of the case, oldest first, with the instant it ended (the
/// current one: `None`).
pub(super) fn placements(case: &Case) -> impl Iterator<Item = &Placement> {
    case.past_detentions.iter().chain(case.detention.iter())
}

/// The instant from which detention counts as held for enforcement: the start of
/// the Swedish day the decision became final.
pub(super) fn final_instant(case: &Case) -> Option<Timestamp> {
    case.decision.final_on.map(time::start_of_day)
}

/// The part of `p` inside `[from, until)`, as a span of instants.
fn clipped(p: &Placement, from: Timestamp, until: Timestamp) -> Option<(Timestamp, Timestamp)> {
    let start = p.started_at.max(from);
    let end = p.ended_at.unwrap_or(until).min(until);
    (end > start).then_some((start, end))
}

/// Time held in placements that `counts`, from `from`, before `until`.
pub(super) fn used(
    case: &Case,
    counts: impl Fn(&Placement) -> bool,
    from: Timestamp,
    until: Timestamp,
) -> SignedDuration {
    placements(case)
        .filter(|p| counts(p))
        .filter_map(|p| clipped(p, from, until))
        .map(|(s, e)| e.duration_since(s))
        .fold(SignedDuration::ZERO, |a, b| a.saturating_add(b))
}

/// When the current placement reaches a cap of `span` over every placement that
/// `counts`, counted from `from`: the span is measured on the calendar from the
/// first instant counted (so a single placement ends exactly `span` after it
/// starts), less the time already used in earlier placements.
pub(super) fn cap_end(
    case: &Case,
    counts: impl Fn(&Placement) -> bool,
    from: Timestamp,
    span: Span,
) -> Option<Timestamp> {
    let cur = case.detention.as_ref()?;
    if !counts(cur) {
        return None;
    }
    let cur_from = cur.started_at.max(from);
    let anchor = placements(case)
        .filter(|p| counts(p))
        .filter_map(|p| clipped(p, from, Timestamp::MAX))
        .map(|(s, _)| s)
        .min()
        .unwrap_or(cur_from);
    let cap = time::add_span(anchor, span).duration_since(anchor);
    let before = used(case, |p| counts(p) && p.ended_at.is_some(), from, cur_from);
    Some(
        cur_from
            .checked_add(cap.saturating_sub(before))
            .unwrap_or(Timestamp::MAX),
    )
}

/// The placements of the current detention decision, newest first: the current
/// one and those it continues by a transfer on the same ground.
pub(super) fn decision_chain(case: &Case) -> Vec<&Placement> {
    let Some(cur) = case.detention.as_ref() else {
        return vec![];
    };
    let mut chain = vec![cur];
    for p in case.past_detentions.iter().rev() {
        if p.end_reason == Some(ReleaseReason::Transferred) && p.basis == cur.basis {
            chain.push(p);
        } else {
            break;
        }
    }
    chain
}

fn hours(d: SignedDuration) -> i64 {
    d.as_hours()
}

/// What the person has been held, up to `until`.
pub fn account(case: &Case, until: Timestamp) -> Account {
    let forvar = |p: &Placement| p.basis.is_forvar();
    let enforcement_from = final_instant(case).unwrap_or(Timestamp::MAX);
    Account {
        total_hours: hours(used(case, |_| true, Timestamp::MIN, until)),
        detention_hours: hours(used(case, forvar, Timestamp::MIN, until)),
        enforcement_hours: hours(used(case, forvar, enforcement_from, until)),
        placements: placements(case).count(),
    }
}
