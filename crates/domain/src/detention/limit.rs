//! The binding limit of the current detention: the earliest of the caps of its
//! basis over the whole case, the Return Directive's absolute cap, the review due
//! (a decision not reviewed in time lapses: UtlL 10 kap. 10 §, MIG 2013:7) and
//! release when removal is no longer a reasonable prospect (art. 15.4). A day with
//! no rule in force is no legal basis: the person must be released, naming the rule.

use super::{
    DetentionBasis, DetentionLimit, ExtensionReason, LimitStatus, Placement,
    account::{cap_end, decision_chain, final_instant},
    has,
};
use crate::{
    case::Case,
    decision::DecisionKind,
    rules::{Limit, NotInForce, RuleId, RuleTable},
    time,
};
use jiff::{Timestamp, ToSpan};

/// The limit of the current detention, or `None` when the person is not detained.
pub fn limit(case: &Case, rules: &RuleTable) -> Option<DetentionLimit> {
    let cur = case.detention.as_ref()?;
    let child = is_child_decision(case, cur);
    Some(compute(case, cur, child, rules).unwrap_or(DetentionLimit {
        // No version of a rule the detention needs is in force: no legal basis.
        ends_at: Some(cur.started_at),
        rule: gap_rule(case, cur, child, rules),
        child,
    }))
}

fn gap_rule(case: &Case, cur: &Placement, child: bool, rules: &RuleTable) -> RuleId {
    compute(case, cur, child, rules)
        .err()
        .map_or(RuleId::DetentionEnforcement, |e| e.rule)
}

/// The child rules apply when the detention decision was taken while a child.
fn is_child_decision(case: &Case, cur: &Placement) -> bool {
    case.person.is_child_at(cur.started_at) && cur.basis.is_detention()
}

/// The day that matters for a detention: the day its decision took effect.
fn decided_at(case: &Case) -> Option<Timestamp> {
    decision_chain(case).last().map(|p| p.started_at)
}

fn span(l: Option<Limit>) -> Option<jiff::Span> {
    l.map(Limit::span)
}

fn compute(
    case: &Case,
    cur: &Placement,
    child: bool,
    rules: &RuleTable,
) -> Result<DetentionLimit, NotInForce> {
    let chain = decision_chain(case);
    let day = time::local_date(decided_at(case).unwrap_or(cur.started_at));
    let granted = |r: ExtensionReason| chain.iter().any(|p| has(p, r));
    let mut limits: Vec<(Timestamp, RuleId)> = Vec::new();
    let mut push = |at: Option<Timestamp>, rule: RuleId| {
        if let Some(at) = at {
            limits.push((at, rule));
        }
    };
    let forvar = |p: &Placement| p.basis.is_forvar();
    let criminal = case.decision.kind == DecisionKind::ExpulsionForCrime;

    // Art. 15.4: an open impediment or stay while detained.
    if let Some(i) = case.impediments.iter().find(|i| i.is_open()) {
        rules.in_force(RuleId::NoReasonableProspect, day)?;
        push(
            Some(cur.started_at.max(time::start_of_day(i.lodged_on))),
            RuleId::NoReasonableProspect,
        );
    }

    if child {
        // 72 hours over every period of the case, plus 72 once for exceptional reasons.
        let base = rules.limit(RuleId::ChildDetention, day)?;
        let (total, rule) = if granted(ExtensionReason::ChildExceptionalReasons) {
            let ext = rules.limit(RuleId::ChildDetentionExtension, day)?;
            let hours = base.zip(ext).map(|(a, b)| hours_of(a) + hours_of(b));
            (hours.map(Limit::Hours), RuleId::ChildDetentionExtension)
        } else {
            (base, RuleId::ChildDetention)
        };
        push(
            span(total).and_then(|s| cap_end(case, forvar, Timestamp::MIN, s)),
            rule,
        );
    } else {
        let same_basis = |p: &Placement| p.basis == cur.basis;
        let exceptional = granted(ExtensionReason::ExceptionalReasons);
        match cur.basis {
            DetentionBasis::PoliceCustody => {
                let base = rules.limit(RuleId::PoliceCustody, day)?;
                let (l, rule) = if granted(ExtensionReason::CustodySpecialReasons) {
                    let ext = rules.limit(RuleId::PoliceCustodyExtension, day)?;
                    let h = base
                        .zip(ext)
                        .map(|(a, b)| Limit::Hours(hours_of(a) + hours_of(b)));
                    (h, RuleId::PoliceCustodyExtension)
                } else {
                    (base, RuleId::PoliceCustody)
                };
                push(span(l).map(|s| time::add_span(cur.started_at, s)), rule);
            }
            DetentionBasis::TransportPlacement => {
                // "tre dygn": 72 hours in this placement.
                let l = rules.limit(RuleId::TransportPlacement, day)?;
                push(
                    span(l).map(|s| time::add_span(cur.started_at, s)),
                    RuleId::TransportPlacement,
                );
            }
            DetentionBasis::Investigation => {
                let l = rules.limit(RuleId::DetentionInvestigation, day)?;
                push(
                    span(l).and_then(|s| cap_end(case, same_basis, Timestamp::MIN, s)),
                    RuleId::DetentionInvestigation,
                );
            }
            DetentionBasis::Identity | DetentionBasis::LikelyRemoval => {
                let rule = if exceptional {
                    RuleId::DetentionExceptional
                } else if cur.basis == DetentionBasis::Identity {
                    RuleId::DetentionIdentity
                } else {
                    RuleId::DetentionLikelyRemoval
                };
                let l = rules.limit(rule, day)?;
                push(
                    span(l).and_then(|s| cap_end(case, same_basis, Timestamp::MIN, s)),
                    rule,
                );
            }
            DetentionBasis::ReturnBorder => {
                let l = rules.limit(RuleId::ReturnBorderDetention, day)?;
                push(
                    span(l).and_then(|s| cap_end(case, same_basis, Timestamp::MIN, s)),
                    RuleId::ReturnBorderDetention,
                );
            }
            DetentionBasis::Enforcement => {}
        }
        // Enforcement: every förvar period after finality (or every enforcement
        // period when not final), 2 / 3 / 12 months by the extensions granted.
        let enforcement = cur.basis == DetentionBasis::Enforcement
            || (cur.basis.is_forvar() && final_instant(case).is_some());
        if enforcement && !criminal {
            let rule = if granted(ExtensionReason::NonCooperation)
                || granted(ExtensionReason::DocumentDelay)
            {
                RuleId::DetentionNonCooperation
            } else if exceptional {
                RuleId::DetentionExceptional
            } else {
                RuleId::DetentionEnforcement
            };
            let l = rules.limit(rule, day)?;
            let end = match final_instant(case) {
                Some(from) => span(l).and_then(|s| cap_end(case, forvar, from, s)),
                None => span(l).and_then(|s| {
                    cap_end(
                        case,
                        |p| p.basis == DetentionBasis::Enforcement,
                        Timestamp::MIN,
                        s,
                    )
                }),
            };
            push(end, rule);
        }
        // The directive's absolute cap over every deprivation of liberty.
        if !criminal {
            let l = rules.limit(RuleId::DetentionAbsoluteCap, day)?;
            push(
                span(l).and_then(|s| cap_end(case, |_| true, Timestamp::MIN, s)),
                RuleId::DetentionAbsoluteCap,
            );
        }
    }

    if let Some((due, rule)) = review(case, cur, rules)? {
        push(Some(due), rule);
    }
    let binding = limits.into_iter().min_by_key(|(at, _)| *at);
    Ok(match binding {
        Some((at, rule)) => DetentionLimit {
            ends_at: Some(at),
            rule,
            child,
        },
        None => DetentionLimit {
            ends_at: None,
            rule: if criminal {
                RuleId::DetentionCriminalCourt
            } else {
                RuleId::DetentionEnforcement
            },
            child,
        },
    })
}

fn hours_of(l: Limit) -> i64 {
    match l {
        Limit::Hours(h) => h,
        Limit::Days(d) => d * 24,
        Limit::Weeks(w) => w * 7 * 24,
        // Not used for child or custody limits; a month counted as 30 days here.
        Limit::Months(m) => m * 30 * 24,
        Limit::Years(y) => y * 365 * 24,
    }
}

/// The next review of the current detention decision and its rule (UtlL 10 kap.
/// 9 §): from the day the decision took effect, then from each review.
fn review(
    case: &Case,
    cur: &Placement,
    rules: &RuleTable,
) -> Result<Option<(Timestamp, RuleId)>, NotInForce> {
    let rule = match cur.basis {
        DetentionBasis::LikelyRemoval => RuleId::DetentionReviewLikelyRemoval,
        DetentionBasis::Enforcement => RuleId::DetentionReviewEnforcement,
        _ => return Ok(None),
    };
    let chain = decision_chain(case);
    let start = decided_at(case).unwrap_or(cur.started_at);
    let from = chain
        .iter()
        .flat_map(|p| p.reviews.iter())
        .max()
        .copied()
        .unwrap_or(start)
        .max(start);
    let Some(l) = rules.limit(rule, time::local_date(start))? else {
        return Ok(None);
    };
    Ok(Some((time::add_span(from, l.span()), rule)))
}

/// When the next review of the current detention is due, with its rule; `None`
/// where the basis has no review schedule (or the person is not detained).
pub fn next_review(case: &Case, rules: &RuleTable) -> Option<(Timestamp, RuleId)> {
    let cur = case.detention.as_ref()?;
    review(case, cur, rules).ok().flatten()
}

/// How near the limit is at `now`.
pub fn status(limit: &DetentionLimit, now: Timestamp, rules: &RuleTable) -> LimitStatus {
    let Some(ends) = limit.ends_at else {
        return LimitStatus::Within;
    };
    if now >= ends {
        return LimitStatus::MustRelease;
    }
    let lead = rules
        .limit(RuleId::AlertLeadTime, time::local_date(now))
        .ok()
        .flatten()
        .map_or(48.hours(), Limit::span);
    if time::add_span(now, lead) >= ends {
        LimitStatus::Soon
    } else {
        LimitStatus::Within
    }
}
