#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 14, "Why": detention counted over the whole enforcement case, reviews
//! that lapse, limits that change only by a new decision, release when removal
//! is no longer a reasonable prospect, the directive's absolute cap, public
//! counsel, the return border procedure of the EU Pact. Every event goes through
//! `decide` and `evolve`, exactly as the store appends it.

use jiff::{Timestamp, civil::date};
use opcentrum_domain::{
    Agency, EventKind, RuleId,
    decision::DecisionKind,
    detention::{self, DetentionBasis, ExtensionReason, LimitStatus, ReleaseReason},
    fixtures::{Driver, registered},
    ids::{FacilityId, ImpedimentId},
    impediment::ImpedimentKind,
};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}
fn unit(s: &str) -> FacilityId {
    FacilityId::parse(s).unwrap()
}

/// An adult's expulsion, decided and notified Friday 2026-10-30, final (and
/// confirmed by a second person) on 2026-11-23.
fn final_case() -> Driver {
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2026, 10, 30),
            date(1990, 1, 1),
        ),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d
}

fn start(d: &mut Driver, facility: &str, basis: DetentionBasis, at: &str) {
    d.set_now(at);
    let started_at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: unit(facility),
            basis,
            started_at,
            exceptional_reasons: None,
        },
    )
    .unwrap();
}

fn end(d: &mut Driver, at: &str, reason: ReleaseReason) {
    d.set_now(at);
    let at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionEnded { at, reason },
    )
    .unwrap();
}

fn limit(d: &Driver) -> detention::DetentionLimit {
    detention::limit(&d.case, &d.rules).unwrap()
}

/// MIG 2019:17; CJEU C-357/09 Kadzoev: a transfer to another unit does not
/// restart the two-month clock of enforcement detention.
#[test]
fn a_transfer_does_not_restart_the_clock_mig_2019_17() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    assert_eq!(limit(&d).ends_at, Some(ts("2027-02-01T10:00:00+01:00")));
    end(
        &mut d,
        "2026-12-21T10:00:00+01:00",
        ReleaseReason::Transferred,
    );
    start(
        &mut d,
        "F-UNIT2",
        DetentionBasis::Enforcement,
        "2026-12-21T14:00:00+01:00",
    );
    // The review schedule also runs from the first placement (same decision).
    assert_eq!(
        detention::next_review(&d.case, &d.rules),
        Some((
            ts("2027-02-01T10:00:00+01:00"),
            RuleId::DetentionReviewEnforcement
        ))
    );
    let a = detention::account(&d.case, ts("2026-12-22T14:00:00+01:00"));
    assert_eq!((a.enforcement_hours, a.placements), (21 * 24, 2));
    d.set_now("2027-01-15T10:00:00+01:00");
    let at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionReviewed { at },
    )
    .unwrap();
    let l = limit(&d);
    // Two months from the first placement, plus the four hours between them
    // (not two months from the transfer: 2027-02-21).
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::DetentionEnforcement,
            Some(ts("2027-02-01T14:00:00+01:00"))
        )
    );
}

/// MIG 2019:17: a release and a new detention in the same enforcement case count
/// the earlier period; the caps are for the whole case.
#[test]
fn an_earlier_period_counts_after_release_and_re_detention_mig_2019_17() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    end(&mut d, "2026-12-31T10:00:00+01:00", ReleaseReason::Released);
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2027-01-10T10:00:00+01:00",
    );
    // 30 days used of the 62 days from 1 December to 1 February: 32 days left.
    assert_eq!(limit(&d).ends_at, Some(ts("2027-02-11T10:00:00+01:00")));
    // A person whose whole allowance is used may not be detained again.
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    end(&mut d, "2027-01-31T10:00:00+01:00", ReleaseReason::Released);
    d.set_now("2027-02-10T10:00:00+01:00");
    let again = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: unit("F-UNIT"),
                basis: DetentionBasis::Enforcement,
                started_at: ts("2027-02-10T10:00:00+01:00"),
                exceptional_reasons: None,
            },
        )
        .map(|_| ());
    assert!(again.is_ok(), "one day is left: {again:?}");
    assert_eq!(limit(&d).ends_at, Some(ts("2027-02-11T10:00:00+01:00")));
}

/// MIG 2013:3: for a person already held when the decision becomes final, the
/// enforcement months run from the day it became final.
#[test]
fn enforcement_time_runs_from_finality_for_a_person_already_held_mig_2013_3() {
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2026, 10, 30),
            date(1990, 1, 1),
        ),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::LikelyRemoval,
        "2026-11-16T10:00:00+01:00",
    );
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d.set_now("2026-11-23T10:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionRedecided {
            basis: DetentionBasis::Enforcement,
            at: ts("2026-11-23T10:00:00+01:00"),
        },
    )
    .unwrap();
    let l = limit(&d);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::DetentionEnforcement,
            Some(ts("2027-01-23T00:00:00+01:00"))
        )
    );
    assert_eq!(
        d.case.past_detentions[0].end_reason,
        Some(ReleaseReason::Redecided)
    );
}

/// UtlL 10 kap. 9–10 §§, MIG 2013:7: a detention decision not reviewed in time
/// lapses; the person must be released, and a late review cannot revive it.
#[test]
fn a_missed_review_makes_the_person_must_release_mig_2013_7() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    d.set_now("2026-12-10T10:00:00+01:00");
    let at = d.now;
    d.apply(Agency::Migrationsverket, EventKind::CounselAppointed { at })
        .unwrap();
    d.set_now("2027-01-20T10:00:00+01:00");
    let at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::ExceptionalReasons,
            at,
        },
    )
    .unwrap();
    // Three months allowed, but the review was due two months after 1 December.
    let l = limit(&d);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::DetentionReviewEnforcement,
            Some(ts("2027-02-01T10:00:00+01:00"))
        )
    );
    let s = detention::summary(&d.case, ts("2027-02-01T10:00:00+01:00"), &d.rules);
    assert_eq!(s.status, Some(LimitStatus::MustRelease));
    assert_eq!(s.next_review, Some(ts("2027-02-01T10:00:00+01:00")));
    d.set_now("2027-02-01T10:01:00+01:00");
    let at = d.now;
    let late = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionReviewed { at },
        )
        .unwrap_err();
    assert_eq!(late.rule, RuleId::DetentionReviewEnforcement);
    // Reviewed in time (the day before), the three months bind.
    let mut d2 = final_case();
    start(
        &mut d2,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    d2.set_now("2027-01-31T10:00:00+01:00");
    let at = d2.now;
    d2.apply(Agency::Migrationsverket, EventKind::CounselAppointed { at })
        .unwrap();
    d2.apply(
        Agency::Migrationsverket,
        EventKind::DetentionReviewed { at },
    )
    .unwrap();
    d2.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::ExceptionalReasons,
            at,
        },
    )
    .unwrap();
    let l = detention::limit(&d2.case, &d2.rules).unwrap();
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::DetentionExceptional,
            Some(ts("2027-03-01T10:00:00+01:00"))
        )
    );
}

/// UtlL 10 kap. 5 §: a child's limit does not silently become an adult's on the
/// 18th birthday; the adult rules need a new detention decision.
#[test]
fn a_child_turning_18_keeps_the_child_limit_until_a_new_decision() {
    // Turns 18 on 2026-12-03, inside the 72 hours from 2026-12-01 12:00.
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2026, 10, 30),
            date(2008, 12, 3),
        ),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    // Unaccompanied (UtlL 10 kap. 3 §): detained only for exceptional reasons.
    d.apply(
        Agency::Migrationsverket,
        EventKind::GuardiansRecorded {
            guardians: vec![],
            unaccompanied: true,
            guardian_without_case: false,
        },
    )
    .unwrap();
    d.set_now("2026-12-01T12:00:00+01:00");
    let started_at = d.now;
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility: unit("F-UNIT"),
            basis: DetentionBasis::Enforcement,
            started_at,
            exceptional_reasons: Some("synthetic: no other way to secure the departure".into()),
        },
    )
    .unwrap();
    let l = limit(&d);
    assert!(l.child);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::ChildDetention,
            Some(ts("2026-12-04T12:00:00+01:00"))
        )
    );
    // After the birthday the child limit still binds…
    d.set_now("2026-12-03T10:00:00+01:00");
    assert_eq!(limit(&d).ends_at, Some(ts("2026-12-04T12:00:00+01:00")));
    // …until a new decision takes the adult rules, counting the time already held.
    let at = d.now;
    d.apply(Agency::Migrationsverket, EventKind::CounselAppointed { at })
        .unwrap_or(());
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionRedecided {
            basis: DetentionBasis::Enforcement,
            at,
        },
    )
    .unwrap();
    let l = limit(&d);
    assert!(!l.child);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::DetentionEnforcement,
            Some(ts("2027-02-01T12:00:00+01:00"))
        )
    );
}

/// UtlL 10 kap. 2 §: a child is not detained for identity or investigation.
#[test]
fn a_child_is_not_detained_on_identity_grounds_utll_10_2() {
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2026, 10, 30),
            date(2015, 3, 3),
        ),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: unit("F-UNIT"),
                basis: DetentionBasis::Identity,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.rule, err.field),
        (RuleId::ChildDetentionGrounds, Some("basis"))
    );
}

/// Return Directive art. 15.4: with an impediment or stay open, removal is no
/// longer a reasonable prospect: the person must be released, and no new
/// detention for removal starts.
#[test]
fn an_open_impediment_while_detained_means_release_art_15_4() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    d.set_now("2026-12-05T10:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::ImpedimentLodged {
            impediment: ImpedimentId::parse("I1").unwrap(),
            kind: ImpedimentKind::InternationalInterimMeasure,
            lodged_on: date(2026, 12, 5),
        },
    )
    .unwrap();
    let l = limit(&d);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::NoReasonableProspect,
            Some(ts("2026-12-05T00:00:00+01:00"))
        )
    );
    assert_eq!(
        detention::status(&l, d.now, &d.rules),
        LimitStatus::MustRelease
    );
    end(&mut d, "2026-12-05T11:00:00+01:00", ReleaseReason::Released);
    d.set_now("2026-12-06T10:00:00+01:00");
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: unit("F-UNIT"),
                basis: DetentionBasis::Enforcement,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::NoReasonableProspect);
}

/// Return Directive art. 15.5–15.6: at most 18 months of deprivation of liberty
/// over the whole case, police custody included, whatever the national caps.
#[test]
fn the_directive_caps_every_deprivation_of_liberty_at_18_months() {
    let mut d = Driver::new(
        registered(
            DecisionKind::Expulsion,
            date(2026, 10, 30),
            date(1990, 1, 1),
        ),
        ts("2026-11-02T09:00:00+01:00"),
    )
    .unwrap();
    d.set_now("2026-11-23T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 23),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    // Police custody 24 hours: not förvar, but deprivation of liberty.
    d.facilities.push((
        unit("F-ARREST"),
        opcentrum_domain::FacilityView {
            kind: opcentrum_domain::facility::FacilityKind::PoliceCell,
            capacity: 5,
            occupied: 0,
        },
    ));
    start(
        &mut d,
        "F-ARREST",
        DetentionBasis::PoliceCustody,
        "2026-12-01T10:00:00+01:00",
    );
    end(&mut d, "2026-12-02T10:00:00+01:00", ReleaseReason::Released);
    // Enforcement detention with delayed documents (12 months), reviewed every
    // two months, over two placements with a gap.
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-02T10:00:00+01:00",
    );
    d.set_now("2026-12-06T10:00:00+01:00");
    let at = d.now;
    d.apply(Agency::Migrationsverket, EventKind::CounselAppointed { at })
        .unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::DocumentDelay,
            at,
        },
    )
    .unwrap();
    let a = detention::account(&d.case, d.now);
    assert_eq!((a.total_hours, a.detention_hours), (5 * 24, 4 * 24));
    let l = limit(&d);
    // The review binds first; the caps are further away.
    assert_eq!(l.rule, RuleId::DetentionReviewEnforcement);
    // Police custody does not count towards the national enforcement months but
    // does towards the directive's 18 months: here the 12 months bind (they end
    // before 18 months of all time held).
    let far = detention::account(&d.case, ts("2027-12-02T10:00:00+01:00"));
    assert_eq!(far.total_hours - far.detention_hours, 24);
}

/// UtlL 18 kap. 1 §: held more than three days, public counsel; a longer
/// detention is not decided without it.
#[test]
fn no_extension_without_public_counsel_after_three_days() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    d.set_now("2026-12-04T10:00:00+01:00");
    let s = detention::summary(&d.case, d.now, &d.rules);
    assert!(
        !s.counsel_required,
        "exactly 72 hours is not more than three days"
    );
    d.set_now("2026-12-04T11:00:00+01:00");
    let at = d.now;
    assert!(detention::summary(&d.case, at, &d.rules).counsel_required);
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionExtended {
                reason: ExtensionReason::ExceptionalReasons,
                at,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::PublicCounsel);
    d.apply(Agency::Migrationsverket, EventKind::CounselAppointed { at })
        .unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DetentionExtended {
            reason: ExtensionReason::ExceptionalReasons,
            at,
        },
    )
    .unwrap();
}

/// UtlL 10 kap. 20 §: "tre dygn" is 72 hours, also across the end of summer
/// time (2026-10-25), when three calendar days would be 73 hours.
#[test]
fn a_transport_placement_is_72_hours_across_a_dst_change() {
    let mut d = Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 9, 1), date(1990, 1, 1)),
        ts("2026-09-02T09:00:00+02:00"),
    )
    .unwrap();
    d.set_now("2026-10-01T09:00:00+02:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 10, 1),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    start(
        &mut d,
        "F-CELL",
        DetentionBasis::TransportPlacement,
        "2026-10-23T10:00:00+02:00",
    );
    let l = limit(&d);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::TransportPlacement,
            Some(ts("2026-10-26T09:00:00+01:00"))
        )
    );
}

/// Regulation (EU) 2024/1349, in force from 2026-06-12: detention in the return
/// border procedure; before that day no rule is in force, and the refusal names it.
#[test]
fn return_border_detention_only_under_the_pact_and_at_most_12_weeks() {
    let mut d = Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
            date(2026, 6, 1),
            date(1990, 1, 1),
        ),
        ts("2026-06-01T09:00:00+02:00"),
    )
    .unwrap();
    d.set_now("2026-06-11T10:00:00+02:00");
    let err = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DetentionStarted {
                facility: unit("F-UNIT"),
                basis: DetentionBasis::ReturnBorder,
                started_at: d.now,
                exceptional_reasons: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.rule, RuleId::ReturnBorderDetention);
    assert!(err.reason.contains("2026-06-11"), "{}", err.reason);
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::ReturnBorder,
        "2026-06-12T10:00:00+02:00",
    );
    let l = limit(&d);
    assert_eq!(
        (l.rule, l.ends_at),
        (
            RuleId::ReturnBorderDetention,
            Some(ts("2026-09-04T10:00:00+02:00"))
        )
    );
}

/// The planner's `must_leave_by`, the store's projection (the picture's alerts)
/// and `decide` share `detention::limit`: planning past a missed review's day is
/// refused like planning past a cap.
#[test]
fn planning_is_refused_past_the_whole_case_limit() {
    let mut d = final_case();
    start(
        &mut d,
        "F-UNIT",
        DetentionBasis::Enforcement,
        "2026-12-01T10:00:00+01:00",
    );
    end(
        &mut d,
        "2026-12-31T10:00:00+01:00",
        ReleaseReason::Transferred,
    );
    start(
        &mut d,
        "F-UNIT2",
        DetentionBasis::Enforcement,
        "2026-12-31T10:00:00+01:00",
    );
    let l = limit(&d);
    assert_eq!(l.last_trip_day(), Some(date(2027, 1, 31)));
}
