//! Detention (förvar) and custody: placements, their legal limits, their reviews.
//!
//! The limit of a placement is computed, never typed in: from its basis, the
//! person's age, the extensions granted with their reasons and the rule table.

use crate::{
    decision::DecisionKind,
    ids::FacilityId,
    person::Person,
    rules::{Limit, RuleId, RuleTable},
    time,
};
use jiff::{Timestamp, ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

/// The legal ground of a placement (UtlL 10 kap. 1–2, 17, 20 §§).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetentionBasis {
    /// Identity unclear (identitetsförvar).
    Identity,
    /// Needed for an investigation of the right to stay (utredningsförvar).
    Investigation,
    /// Refusal of entry is likely (sannolikhetsförvar).
    LikelyRemoval,
    /// To enforce a decision (verkställighetsförvar).
    Enforcement,
    /// Police custody for enforcement (kvarhållande).
    PoliceCustody,
    /// Placement in a prison, remand centre or police cell for transport reasons.
    TransportPlacement,
}

impl DetentionBasis {
    pub const ALL: [DetentionBasis; 6] = [
        DetentionBasis::Identity,
        DetentionBasis::Investigation,
        DetentionBasis::LikelyRemoval,
        DetentionBasis::Enforcement,
        DetentionBasis::PoliceCustody,
        DetentionBasis::TransportPlacement,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DetentionBasis::Identity => "identity",
            DetentionBasis::Investigation => "investigation",
            DetentionBasis::LikelyRemoval => "likely_removal",
            DetentionBasis::Enforcement => "enforcement",
            DetentionBasis::PoliceCustody => "police_custody",
            DetentionBasis::TransportPlacement => "transport_placement",
        }
    }
    /// Counted as occupancy of Migrationsverket's detention places.
    pub fn is_detention(self) -> bool {
        !matches!(
            self,
            DetentionBasis::PoliceCustody | DetentionBasis::TransportPlacement
        )
    }
}

/// Why a placement was extended past its first limit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionReason {
    /// Synnerliga skäl (adult): up to 3 months in total.
    ExceptionalReasons,
    /// The person does not cooperate: up to 12 months in total (enforcement only).
    NonCooperation,
    /// Travel documents are delayed: up to 12 months in total (enforcement only).
    DocumentDelay,
    /// A child, exceptional reasons: once, by 72 hours.
    ChildExceptionalReasons,
    /// Police custody, special reasons: once, by 24 hours.
    CustodySpecialReasons,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub at: Timestamp,
    pub reason: ExtensionReason,
}

/// Why a placement ended.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseReason {
    /// Released because a legal limit was reached.
    ReleasedAtLimit,
    /// Released: replaced by supervision or no longer needed.
    Released,
    /// Moved to another facility (a new placement follows).
    Transferred,
    /// Left Sweden on an enforcement trip.
    Executed,
    /// Escaped.
    Absconded,
    /// The case closed otherwise (permit, lapse, voluntary departure).
    CaseClosed,
}

/// One stay in a facility.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub facility: FacilityId,
    pub basis: DetentionBasis,
    pub started_at: Timestamp,
    #[serde(default)]
    pub extensions: Vec<Extension>,
    #[serde(default)]
    pub reviews: Vec<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub end_reason: Option<ReleaseReason>,
}

/// The limit of a placement.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DetentionLimit {
    /// The instant the person must be released; `None` where no cap applies
    /// (expulsion by a criminal court).
    pub ends_at: Option<Timestamp>,
    /// The rule that sets it.
    pub rule: RuleId,
    /// The child rules apply (the person is a child for the whole placement).
    pub child: bool,
}

impl DetentionLimit {
    /// Last calendar day on which an enforcement trip may leave: the day before
    /// the day the limit falls on, so a person is never moved past it.
    pub fn last_trip_day(&self) -> Option<Date> {
        self.ends_at
            .map(|t| time::local_date(t).saturating_sub(1.day()))
    }
}

/// How near a limit is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitStatus {
    Within,
    /// Within the alert lead time (48 h) of the limit.
    Soon,
    /// Past the limit: the person must be released now.
    MustRelease,
}

fn at(start: Timestamp, limit: Option<Limit>) -> Option<Timestamp> {
    limit.map(|l| time::add_span(start, l.span()))
}

fn has(p: &Placement, reason: ExtensionReason) -> bool {
    p.extensions.iter().any(|e| e.reason == reason)
}

/// The limit of a placement for this person under this decision.
///
/// A child (under 18 when the placement starts) is held at most 72 hours, plus
/// 72 hours once for exceptional reasons. If the child turns 18 before that
/// child limit, the adult rules apply from then, counted from the start of the
/// placement (time held as a child counts). Adults: by basis and extensions.
pub fn limit(
    placement: &Placement,
    person: &Person,
    decision: DecisionKind,
    rules: &RuleTable,
) -> DetentionLimit {
    let start = placement.started_at;
    let day = time::local_date(start);
    let lim = |id| rules.limit(id, day);

    if person.is_child_at(start) && placement.basis.is_detention() {
        let mut ends = at(start, lim(RuleId::ChildDetention));
        let mut rule = RuleId::ChildDetention;
        if has(placement, ExtensionReason::ChildExceptionalReasons) {
            ends = ends.map(|e| {
                time::add_span(
                    e,
                    lim(RuleId::ChildDetentionExtension).map_or(0.hours(), |l| l.span()),
                )
            });
            rule = RuleId::ChildDetentionExtension;
        }
        let becomes_adult = person.adult_at();
        if ends.is_none_or(|e| becomes_adult < e) {
            // Turns 18 while held: the adult limits apply from the birthday on.
            let adult = adult_limit(placement, decision, rules);
            return DetentionLimit {
                child: false,
                ..adult
            };
        }
        return DetentionLimit {
            ends_at: ends,
            rule,
            child: true,
        };
    }
    adult_limit(placement, decision, rules)
}

fn adult_limit(placement: &Placement, decision: DecisionKind, rules: &RuleTable) -> DetentionLimit {
    let start = placement.started_at;
    let day = time::local_date(start);
    let lim = |id| rules.limit(id, day);
    let done = |rule: RuleId| DetentionLimit {
        ends_at: at(start, lim(rule)),
        rule,
        child: false,
    };
    match placement.basis {
        DetentionBasis::PoliceCustody => {
            let base = at(start, lim(RuleId::PoliceCustody));
            if has(placement, ExtensionReason::CustodySpecialReasons) {
                let ext = lim(RuleId::PoliceCustodyExtension).map_or(0.hours(), |l| l.span());
                DetentionLimit {
                    ends_at: base.map(|b| time::add_span(b, ext)),
                    rule: RuleId::PoliceCustodyExtension,
                    child: false,
                }
            } else {
                DetentionLimit {
                    ends_at: base,
                    rule: RuleId::PoliceCustody,
                    child: false,
                }
            }
        }
        DetentionBasis::TransportPlacement => done(RuleId::TransportPlacement),
        DetentionBasis::Investigation => done(RuleId::DetentionInvestigation),
        _ if decision == DecisionKind::ExpulsionForCrime
            && placement.basis == DetentionBasis::Enforcement =>
        {
            DetentionLimit {
                ends_at: None,
                rule: RuleId::DetentionCriminalCourt,
                child: false,
            }
        }
        basis => {
            if basis == DetentionBasis::Enforcement
                && (has(placement, ExtensionReason::NonCooperation)
                    || has(placement, ExtensionReason::DocumentDelay))
            {
                return done(RuleId::DetentionNonCooperation);
            }
            if has(placement, ExtensionReason::ExceptionalReasons) {
                return done(RuleId::DetentionExceptional);
            }
            done(match basis {
                DetentionBasis::Identity => RuleId::DetentionIdentity,
                DetentionBasis::LikelyRemoval => RuleId::DetentionLikelyRemoval,
                _ => RuleId::DetentionEnforcement,
            })
        }
    }
}

/// When the next review (omprövning) is due, with its rule; `None` where the
/// basis has no review schedule here.
pub fn review_due(placement: &Placement, rules: &RuleTable) -> Option<(Timestamp, RuleId)> {
    let rule = match placement.basis {
        DetentionBasis::LikelyRemoval => RuleId::DetentionReviewLikelyRemoval,
        DetentionBasis::Enforcement => RuleId::DetentionReviewEnforcement,
        _ => return None,
    };
    let from = placement
        .reviews
        .iter()
        .max()
        .copied()
        .unwrap_or(placement.started_at);
    let limit = rules.limit(rule, time::local_date(placement.started_at))?;
    Some((time::add_span(from, limit.span()), rule))
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
        .unwrap_or(Limit::Hours(48));
    if time::add_span(now, lead.span()) >= ends {
        LimitStatus::Soon
    } else {
        LimitStatus::Within
    }
}

/// Which extension reasons the law allows for this placement, and why not otherwise.
pub fn extension_allowed(
    placement: &Placement,
    person: &Person,
    reason: ExtensionReason,
) -> Result<(), (RuleId, &'static str)> {
    let child = person.is_child_at(placement.started_at) && placement.basis.is_detention();
    match reason {
        ExtensionReason::ChildExceptionalReasons => {
            if !child {
                return Err((RuleId::ChildDetentionExtension, "the person is not a child"));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::ChildDetentionExtension,
                    "a child's detention may be extended only once",
                ));
            }
            Ok(())
        }
        _ if child => Err((
            RuleId::ChildDetention,
            "a child's detention may only be extended once by 72 hours for exceptional reasons",
        )),
        ExtensionReason::CustodySpecialReasons => {
            if placement.basis != DetentionBasis::PoliceCustody {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "only police custody is extended for special reasons",
                ));
            }
            if has(placement, reason) {
                return Err((
                    RuleId::PoliceCustodyExtension,
                    "police custody may be extended only once",
                ));
            }
            Ok(())
        }
        ExtensionReason::NonCooperation | ExtensionReason::DocumentDelay => {
            if placement.basis != DetentionBasis::Enforcement {
                return Err((
                    RuleId::DetentionNonCooperation,
                    "only detention for enforcement may run to 12 months",
                ));
            }
            Ok(())
        }
        ExtensionReason::ExceptionalReasons => match placement.basis {
            DetentionBasis::Identity
            | DetentionBasis::LikelyRemoval
            | DetentionBasis::Enforcement => Ok(()),
            DetentionBasis::Investigation => Err((
                RuleId::DetentionInvestigation,
                "detention for investigation is at most 48 hours",
            )),
            DetentionBasis::PoliceCustody => Err((
                RuleId::PoliceCustodyExtension,
                "police custody is extended for special reasons, at most 24 hours",
            )),
            DetentionBasis::TransportPlacement => Err((
                RuleId::TransportPlacement,
                "a placement for transport is at most three days",
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{Sex, tests::person};
    use jiff::civil::date;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn placement(basis: DetentionBasis, start: &str, ext: &[ExtensionReason]) -> Placement {
        Placement {
            facility: FacilityId::parse("F-MARSTA").unwrap(),
            basis,
            started_at: ts(start),
            extensions: ext
                .iter()
                .map(|r| Extension {
                    at: ts(start),
                    reason: *r,
                })
                .collect(),
            reviews: vec![],
            ended_at: None,
            end_reason: None,
        }
    }

    fn adult() -> Person {
        person(date(1990, 5, 5), Sex::M)
    }

    fn lim(p: &Placement, who: &Person) -> DetentionLimit {
        limit(p, who, DecisionKind::Expulsion, &RuleTable::default())
    }

    #[test]
    fn adult_likely_removal_two_weeks() {
        let p = placement(
            DetentionBasis::LikelyRemoval,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        let l = lim(&p, &adult());
        assert_eq!(l.rule, RuleId::DetentionLikelyRemoval);
        assert_eq!(l.ends_at, Some(ts("2026-12-15T10:00:00+01:00")));
        assert_eq!(l.last_trip_day(), Some(date(2026, 12, 14)));
    }

    #[test]
    fn adult_identity_two_weeks_investigation_48h() {
        let id = placement(DetentionBasis::Identity, "2026-12-01T10:00:00+01:00", &[]);
        assert_eq!(
            lim(&id, &adult()).ends_at,
            Some(ts("2026-12-15T10:00:00+01:00"))
        );
        let inv = placement(
            DetentionBasis::Investigation,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert_eq!(
            lim(&inv, &adult()).ends_at,
            Some(ts("2026-12-03T10:00:00+01:00"))
        );
    }

    #[test]
    fn adult_enforcement_two_then_three_then_twelve_months() {
        let start = "2026-01-10T08:00:00+01:00";
        let p = placement(DetentionBasis::Enforcement, start, &[]);
        assert_eq!(
            lim(&p, &adult()).ends_at,
            Some(ts("2026-03-10T08:00:00+01:00"))
        );
        let p = placement(
            DetentionBasis::Enforcement,
            start,
            &[ExtensionReason::ExceptionalReasons],
        );
        let l = lim(&p, &adult());
        assert_eq!(
            (l.rule, l.ends_at),
            (
                RuleId::DetentionExceptional,
                Some(ts("2026-04-10T08:00:00+02:00"))
            )
        );
        let p = placement(
            DetentionBasis::Enforcement,
            start,
            &[
                ExtensionReason::ExceptionalReasons,
                ExtensionReason::DocumentDelay,
            ],
        );
        let l = lim(&p, &adult());
        assert_eq!(
            (l.rule, l.ends_at),
            (
                RuleId::DetentionNonCooperation,
                Some(ts("2027-01-10T08:00:00+01:00"))
            )
        );
    }

    #[test]
    fn no_cap_for_criminal_court_expulsion() {
        let p = placement(
            DetentionBasis::Enforcement,
            "2026-01-10T08:00:00+01:00",
            &[],
        );
        let l = limit(
            &p,
            &adult(),
            DecisionKind::ExpulsionForCrime,
            &RuleTable::default(),
        );
        assert_eq!((l.ends_at, l.rule), (None, RuleId::DetentionCriminalCourt));
        assert_eq!(
            status(&l, ts("2030-01-01T00:00:00Z"), &RuleTable::default()),
            LimitStatus::Within
        );
    }

    #[test]
    fn child_72_hours_plus_72_once() {
        let child = person(date(2015, 6, 1), Sex::F);
        let p = placement(
            DetentionBasis::Enforcement,
            "2026-12-01T12:00:00+01:00",
            &[],
        );
        let l = lim(&p, &child);
        assert!(l.child);
        assert_eq!(
            (l.rule, l.ends_at),
            (
                RuleId::ChildDetention,
                Some(ts("2026-12-04T12:00:00+01:00"))
            )
        );
        let p2 = placement(
            DetentionBasis::Enforcement,
            "2026-12-01T12:00:00+01:00",
            &[ExtensionReason::ChildExceptionalReasons],
        );
        let l2 = lim(&p2, &child);
        assert_eq!(
            (l2.rule, l2.ends_at),
            (
                RuleId::ChildDetentionExtension,
                Some(ts("2026-12-07T12:00:00+01:00"))
            )
        );
        assert!(extension_allowed(&p2, &child, ExtensionReason::ChildExceptionalReasons).is_err());
        assert!(extension_allowed(&p, &child, ExtensionReason::ChildExceptionalReasons).is_ok());
        assert_eq!(
            extension_allowed(&p, &child, ExtensionReason::ExceptionalReasons).map_err(|e| e.0),
            Err(RuleId::ChildDetention)
        );
    }

    #[test]
    fn child_turning_18_in_detention_gets_the_adult_limit() {
        // Turns 18 on 2026-12-03, inside the 72 hours from 2026-12-01 12:00.
        let turning = person(date(2008, 12, 3), Sex::M);
        let p = placement(
            DetentionBasis::Enforcement,
            "2026-12-01T12:00:00+01:00",
            &[],
        );
        let l = lim(&p, &turning);
        assert!(!l.child);
        assert_eq!(
            (l.rule, l.ends_at),
            (
                RuleId::DetentionEnforcement,
                Some(ts("2027-02-01T12:00:00+01:00"))
            )
        );
        // Turns 18 the day after the child limit ends: child rules throughout.
        let later = person(date(2008, 12, 5), Sex::M);
        let l = lim(&p, &later);
        assert!(l.child);
        assert_eq!(l.ends_at, Some(ts("2026-12-04T12:00:00+01:00")));
    }

    #[test]
    fn police_custody_24_plus_24_and_transport_three_days() {
        let mut p = placement(
            DetentionBasis::PoliceCustody,
            "2026-12-01T06:00:00+01:00",
            &[],
        );
        assert_eq!(
            lim(&p, &adult()).ends_at,
            Some(ts("2026-12-02T06:00:00+01:00"))
        );
        p.extensions.push(Extension {
            at: p.started_at,
            reason: ExtensionReason::CustodySpecialReasons,
        });
        assert_eq!(
            lim(&p, &adult()).ends_at,
            Some(ts("2026-12-03T06:00:00+01:00"))
        );
        assert!(extension_allowed(&p, &adult(), ExtensionReason::CustodySpecialReasons).is_err());
        let t = placement(
            DetentionBasis::TransportPlacement,
            "2026-12-01T06:00:00+01:00",
            &[],
        );
        assert_eq!(
            lim(&t, &adult()).ends_at,
            Some(ts("2026-12-04T06:00:00+01:00"))
        );
    }

    #[test]
    fn status_day_before_day_of_day_after() {
        let rules = RuleTable::default();
        let p = placement(
            DetentionBasis::LikelyRemoval,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        let l = lim(&p, &adult());
        // Limit 2026-12-15 10:00.
        assert_eq!(
            status(&l, ts("2026-12-13T09:59:00+01:00"), &rules),
            LimitStatus::Within
        );
        assert_eq!(
            status(&l, ts("2026-12-14T10:00:00+01:00"), &rules),
            LimitStatus::Soon
        );
        assert_eq!(
            status(&l, ts("2026-12-15T09:59:59+01:00"), &rules),
            LimitStatus::Soon
        );
        assert_eq!(
            status(&l, ts("2026-12-15T10:00:00+01:00"), &rules),
            LimitStatus::MustRelease
        );
        assert_eq!(
            status(&l, ts("2026-12-16T10:00:00+01:00"), &rules),
            LimitStatus::MustRelease
        );
    }

    #[test]
    fn reviews_are_scheduled_from_the_last_review() {
        let rules = RuleTable::default();
        let mut p = placement(
            DetentionBasis::LikelyRemoval,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert_eq!(
            review_due(&p, &rules),
            Some((
                ts("2026-12-15T10:00:00+01:00"),
                RuleId::DetentionReviewLikelyRemoval
            ))
        );
        p.reviews.push(ts("2026-12-10T10:00:00+01:00"));
        assert_eq!(
            review_due(&p, &rules).map(|r| r.0),
            Some(ts("2026-12-24T10:00:00+01:00"))
        );
        let e = placement(
            DetentionBasis::Enforcement,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert_eq!(
            review_due(&e, &rules).map(|r| r.0),
            Some(ts("2027-02-01T10:00:00+01:00"))
        );
        let i = placement(DetentionBasis::Identity, "2026-12-01T10:00:00+01:00", &[]);
        assert_eq!(review_due(&i, &rules), None);
    }

    #[test]
    fn extensions_fit_the_basis() {
        let a = adult();
        let inv = placement(
            DetentionBasis::Investigation,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert!(extension_allowed(&inv, &a, ExtensionReason::ExceptionalReasons).is_err());
        let lr = placement(
            DetentionBasis::LikelyRemoval,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert_eq!(
            extension_allowed(&lr, &a, ExtensionReason::NonCooperation).map_err(|e| e.0),
            Err(RuleId::DetentionNonCooperation)
        );
        let en = placement(
            DetentionBasis::Enforcement,
            "2026-12-01T10:00:00+01:00",
            &[],
        );
        assert!(extension_allowed(&en, &a, ExtensionReason::DocumentDelay).is_ok());
    }
}
