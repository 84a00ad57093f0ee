#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 14, "Why": deadlines by lag (1930:173), the date of finality checked at
//! the source (JO 8824-2019), the departure period as part of the decision (UtlL
//! 8 kap. 21–22 §§), fitness to fly that expires. Through `decide` and `evolve`.

use jiff::{Timestamp, civil::date};
use opcentrum_domain::{
    Agency, EventKind, RuleId,
    case::FinalitySource,
    decision::{DecisionKind, DecisionMaker, DepartureTerms, NoPeriodGround},
    detention::DetentionBasis,
    event::{HandoverKind, PoliceHandoverReason},
    fixtures::{Driver, actor, registered, second_person},
    ids::{FacilityId, HandoverId},
    readiness::{Unmet, readiness},
};

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn coercion() -> EventKind {
    EventKind::HandoverProposed {
        handover: HandoverId::parse("H1").unwrap(),
        to: HandoverKind::ToPolice {
            reason: PoliceHandoverReason::CoercionNeeded,
        },
    }
}

/// FL 44 § with lag (1930:173) 2 §: notified Friday 2026-12-04, three weeks end
/// on juldagen; the appeal is in time through Monday 28 December, so the decision
/// is final on the 29th at the earliest. An appeal on the last day is in time.
#[test]
fn the_appeal_period_ends_on_the_next_working_day_and_finality_is_the_day_after() {
    let mut d = Driver::new(
        registered(DecisionKind::Expulsion, date(2026, 12, 4), date(1990, 1, 1)),
        ts("2026-12-04T15:00:00+01:00"),
    )
    .unwrap();
    d.set_now("2026-12-29T09:00:00+01:00");
    for day in [date(2026, 12, 25), date(2026, 12, 28)] {
        let err = d
            .apply(
                Agency::Migrationsverket,
                EventKind::DecisionFinal {
                    final_on: day,
                    appeal_waived: false,
                },
            )
            .unwrap_err();
        assert_eq!(
            (err.rule, err.field),
            (RuleId::AppealPeriod, Some("final_on"))
        );
        assert!(err.reason.contains("2026-12-28"), "{}", err.reason);
    }
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 12, 29),
            appeal_waived: false,
        },
    )
    .unwrap();
}

/// A decision of the Migration Court of Appeal cannot be appealed: final on the
/// day it is given.
#[test]
fn a_migration_court_of_appeal_decision_is_final_the_day_it_is_given() {
    let mut reg = registered(
        DecisionKind::Expulsion,
        date(2026, 11, 10),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { decision, .. } = &mut reg {
        decision.decided_by = DecisionMaker::MigrationCourtOfAppeal;
    }
    let mut d = Driver::new(reg, ts("2026-11-10T15:00:00+01:00")).unwrap();
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 11, 10),
            appeal_waived: false,
        },
    )
    .unwrap();
    assert_eq!(d.case.decision.final_on, Some(date(2026, 11, 10)));
}

/// JO 8824-2019: a person was held and expelled on a lapsed decision because a
/// wrong date of finality was copied unchecked. A coercive step waits for a
/// second person's check, recorded with who and when.
#[test]
fn a_coercive_step_waits_for_a_second_persons_check_of_finality_jo_8824_2019() {
    let mut d = Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
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
    d.set_now("2026-12-09T09:00:00+01:00");
    // Handover for coercion and detention for enforcement are refused unchecked.
    assert_eq!(
        d.apply(Agency::Migrationsverket, coercion())
            .unwrap_err()
            .rule,
        RuleId::FinalityConfirmed
    );
    let detain = EventKind::DetentionStarted {
        facility: FacilityId::parse("F-UNIT").unwrap(),
        basis: DetentionBasis::Enforcement,
        started_at: d.now,
        exceptional_reasons: None,
    };
    assert_eq!(
        d.apply(Agency::Migrationsverket, detain.clone())
            .unwrap_err()
            .rule,
        RuleId::FinalityConfirmed
    );
    assert!(
        readiness(&d.case, date(2026, 12, 20), &d.rules)
            .unmet
            .contains(&Unmet::FinalityUnconfirmed)
    );
    // The person who recorded the date cannot confirm it.
    let same = d
        .apply(
            Agency::Migrationsverket,
            EventKind::FinalityConfirmed {
                final_on: date(2026, 11, 23),
            },
        )
        .unwrap_err();
    assert_eq!(same.rule, RuleId::FinalityConfirmed);
    // A second person reading another date in the decision is sent to correct it.
    let other = d
        .apply_as(
            second_person(Agency::Migrationsverket),
            EventKind::FinalityConfirmed {
                final_on: date(2026, 11, 24),
            },
        )
        .unwrap_err();
    assert_eq!(
        (other.rule, other.field),
        (RuleId::FinalityConfirmed, Some("final_on"))
    );
    d.apply_as(
        second_person(Agency::Migrationsverket),
        EventKind::FinalityConfirmed {
            final_on: date(2026, 11, 23),
        },
    )
    .unwrap();
    let f = d.case.finality.clone().unwrap();
    let c = f.confirmed.unwrap();
    assert_eq!(
        (c.by.as_str(), c.at, f.recorded_by.as_str()),
        ("mv.granskare", d.now, "mv.handlaggare")
    );
    d.apply(Agency::Migrationsverket, coercion()).unwrap();
}

/// An imported or copied date of finality (from another agency's system) starts
/// unconfirmed; a correction makes it unconfirmed again.
#[test]
fn a_copied_date_of_finality_starts_unconfirmed_and_a_correction_resets_it() {
    let mut reg = registered(
        DecisionKind::RefusalOfEntry,
        date(2026, 10, 30),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { decision, .. } = &mut reg {
        decision.final_on = Some(date(2026, 11, 23));
    }
    let mut d = Driver::new(reg, ts("2026-12-09T09:00:00+01:00")).unwrap();
    let f = d.case.finality.clone().unwrap();
    assert_eq!(
        (f.source, f.confirmed),
        (FinalitySource::Registration, None)
    );
    assert!(!d.case.finality_confirmed());
    assert_eq!(
        d.apply(Agency::Migrationsverket, coercion())
            .unwrap_err()
            .rule,
        RuleId::FinalityConfirmed
    );
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    assert!(d.case.finality_confirmed());
    d.apply_as(
        actor(Agency::Migrationsverket),
        EventKind::FinalityCorrected {
            final_on: date(2026, 11, 24),
        },
    )
    .unwrap();
    assert!(!d.case.finality_confirmed());
    assert_eq!(
        d.apply(Agency::Migrationsverket, coercion())
            .unwrap_err()
            .rule,
        RuleId::FinalityConfirmed
    );
}

/// UtlL 8 kap. 21–22 §§: the period is the decision's: granted (with a length),
/// refused on a named ground, extended. The absconding flag is a fact the
/// decision cites, not the decision.
#[test]
fn the_departure_period_is_part_of_the_decision_utll_8_21_22() {
    // Refused for a risk of absconding that is not recorded: invalid.
    let mut reg = registered(
        DecisionKind::Expulsion,
        date(2026, 10, 30),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { decision, .. } = &mut reg {
        decision.departure = Some(DepartureTerms::Refused {
            ground: NoPeriodGround::AbscondingRisk,
        });
    }
    let err = Driver::new(reg, ts("2026-11-02T09:00:00+01:00"))
        .err()
        .unwrap();
    assert_eq!(err.rule, RuleId::NoDeparturePeriodOnAbscondingRisk);
    // Refused on public order: no period at all.
    let mut reg = registered(
        DecisionKind::Expulsion,
        date(2026, 10, 30),
        date(1990, 1, 1),
    );
    if let EventKind::Registered { decision, .. } = &mut reg {
        decision.departure = Some(DepartureTerms::Refused {
            ground: NoPeriodGround::PublicOrder,
        });
    }
    let mut d = Driver::new(reg, ts("2026-11-02T09:00:00+01:00")).unwrap();
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
    d.apply(Agency::Migrationsverket, coercion()).unwrap();
    // Granted the standard period and extended: coercion waits for the extension.
    let mut d = Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
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
    d.set_now("2026-12-01T09:00:00+01:00");
    let short = d
        .apply(
            Agency::Migrationsverket,
            EventKind::DeparturePeriodExtended {
                until: date(2026, 12, 7),
            },
        )
        .unwrap_err();
    assert_eq!(short.field, Some("until"));
    d.apply(
        Agency::Migrationsverket,
        EventKind::DeparturePeriodExtended {
            until: date(2026, 12, 21),
        },
    )
    .unwrap();
    d.set_now("2026-12-21T09:00:00+01:00");
    assert_eq!(
        d.apply(Agency::Migrationsverket, coercion())
            .unwrap_err()
            .rule,
        RuleId::VoluntaryDepartureLonger
    );
    d.set_now("2026-12-22T09:00:00+01:00");
    d.apply(Agency::Migrationsverket, coercion()).unwrap();
}

/// A period for voluntary departure is counted by lag (1930:173): two weeks from
/// final Friday 2026-12-11 end on Friday 25th (juldagen): the person may still
/// leave through Monday 28th.
#[test]
fn the_departure_period_ends_on_a_working_day() {
    let mut d = Driver::new(
        registered(
            DecisionKind::RefusalOfEntry,
            date(2026, 11, 10),
            date(1990, 1, 1),
        ),
        ts("2026-11-10T09:00:00+01:00"),
    )
    .unwrap();
    d.set_now("2026-12-11T09:00:00+01:00");
    d.apply(
        Agency::Migrationsverket,
        EventKind::DecisionFinal {
            final_on: date(2026, 12, 11),
            appeal_waived: false,
        },
    )
    .unwrap();
    d.confirm_finality(Agency::Migrationsverket).unwrap();
    d.set_now("2026-12-28T09:00:00+01:00");
    assert_eq!(
        d.apply(Agency::Migrationsverket, coercion())
            .unwrap_err()
            .rule,
        RuleId::VoluntaryDepartureRefusal
    );
    d.set_now("2026-12-29T09:00:00+01:00");
    d.apply(Agency::Migrationsverket, coercion()).unwrap();
}
