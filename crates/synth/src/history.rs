//! One family's (or one person's) history, from the decision to today.

use crate::{builder::Builder, names};
use jiff::{Timestamp, ToSpan, civil::Date};
use opcentrum_domain::{
    Agency, Country, EventKind, calendar,
    decision::{Decision, DecisionKind, DecisionMaker, DepartureTerms, NoPeriodGround},
    detention::{DetentionBasis, ExtensionReason, ReleaseReason},
    event::{FailureReason, HandoverKind, PoliceHandoverReason, TravelDocumentKind},
    ids::{CaseId, FacilityId, FamilyId, HandoverId, ImpedimentId, PersonId, TripId},
    impediment::ImpedimentKind,
    person::{Person, Sex},
    time,
};
use rand::Rng;

/// Where a case stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Registered,
    FinalInPeriod,
    FinalAfterPeriod,
    HandedOver,
    TransportRequested,
    Executed,
    DepartedVoluntarily,
    Expired,
    PermitGranted,
    Cancelled,
}

/// What the sequential pre-pass decided for a group (capacity is shared).
#[derive(Debug, Clone)]
pub struct GroupPlan {
    pub first_index: usize,
    pub size: usize,
    pub destination: &'static str,
    pub outcome: Outcome,
    /// Currently detained, in this facility.
    pub detention: Option<FacilityId>,
    pub seed: u64,
}

pub struct Member {
    pub id: CaseId,
    pub person: Person,
}

/// A time on `day` between 08:00 and 17:00 Swedish time.
fn at_day<R: Rng>(rng: &mut R, day: Date) -> Timestamp {
    let start = time::start_of_day(day);
    start
        .saturating_add(jiff::SignedDuration::from_mins(
            rng.random_range(8 * 60..17 * 60),
        ))
        .unwrap_or(start)
}

fn days_ago(today: Date, n: i64) -> Date {
    today.saturating_sub(n.days())
}

/// The group's persons; ages count back from `reference` (the decision date).
pub fn members<R: Rng>(rng: &mut R, plan: &GroupPlan, reference: Date, year: i16) -> Vec<Member> {
    let family_name = names::family(rng);
    let citizenship = Country::parse(plan.destination)
        .unwrap_or_else(|_| Country::parse("XX").unwrap_or_else(|e| panic!("{e}")));
    (0..plan.size)
        .map(|k| {
            let n = plan.first_index + k + 1;
            let (age_min, age_max) = match (plan.size, k) {
                (1, _) => (18, 60),
                (_, 0) => (24, 55),
                (_, 1) => (22, 50),
                _ => (0, 18),
            };
            // Children: some close to 18, so the turning-18 rules are exercised.
            let age_days =
                rng.random_range(age_min * 365 + 1..(age_max * 365).max(age_min * 365 + 2));
            let birth = reference.saturating_sub((age_days as i64).days());
            let sex = if k == 0 {
                if rng.random_bool(0.72) {
                    Sex::M
                } else {
                    Sex::F
                }
            } else if k == 1 {
                Sex::F
            } else if rng.random_bool(0.5) {
                Sex::M
            } else {
                Sex::F
            };
            Member {
                id: CaseId::parse(format!("UT-{year}-{n:06}")).unwrap_or_else(|e| panic!("{e}")),
                person: Person {
                    id: PersonId::parse(format!("P-{n:07}")).unwrap_or_else(|e| panic!("{e}")),
                    given_name: names::given(rng),
                    family_name: family_name.clone(),
                    birth_date: birth,
                    sex,
                    citizenship,
                    dossier_number: format!("D{:08}", 10_000_000 + n),
                },
            }
        })
        .collect()
}

/// The shared timeline of a group.
pub struct Timeline {
    pub kind: DecisionKind,
    pub decided_by: DecisionMaker,
    pub decided_on: Date,
    pub notified_on: Date,
    pub final_on: Option<Date>,
    pub absconding_risk: bool,
}

pub fn timeline<R: Rng>(rng: &mut R, outcome: Outcome, today: Date, family: bool) -> Timeline {
    let kind = if family {
        if rng.random_bool(0.8) {
            DecisionKind::Expulsion
        } else {
            DecisionKind::RefusalOfEntry
        }
    } else {
        match rng.random_range(0..100) {
            0..=6 => DecisionKind::ExpulsionForCrime,
            7..=24 => DecisionKind::RefusalOfEntry,
            _ => DecisionKind::Expulsion,
        }
    };
    let decided_by = match kind {
        DecisionKind::ExpulsionForCrime => DecisionMaker::GeneralCourt,
        DecisionKind::RefusalOfEntry if rng.random_bool(0.25) => DecisionMaker::Police,
        _ if rng.random_bool(0.15) => DecisionMaker::MigrationCourt,
        _ => DecisionMaker::Migrationsverket,
    };
    let period = if kind == DecisionKind::RefusalOfEntry {
        14
    } else {
        28
    };
    let final_ago: Option<i64> = match outcome {
        Outcome::Registered => None,
        Outcome::FinalInPeriod => Some(rng.random_range(0..period)),
        Outcome::FinalAfterPeriod => Some(rng.random_range(period + 2..420)),
        Outcome::HandedOver => Some(rng.random_range(period + 30..1300)),
        Outcome::TransportRequested => Some(rng.random_range(period + 40..700)),
        Outcome::Executed => Some(rng.random_range(300..720)),
        Outcome::DepartedVoluntarily => Some(rng.random_range(20..400)),
        // Final under the old lapse rule, four years ago or a little more.
        Outcome::Expired => Some(rng.random_range(4 * 365 + 2..4 * 365 + 300)),
        Outcome::PermitGranted | Outcome::Cancelled => Some(rng.random_range(30..500)),
    };
    match final_ago {
        None => {
            let decided_on = days_ago(today, rng.random_range(3..40));
            let notified_on = decided_on
                .saturating_add(rng.random_range(0..3i64).days())
                .min(today);
            Timeline {
                kind,
                decided_by,
                decided_on,
                notified_on,
                final_on: None,
                absconding_risk: rng.random_bool(0.1),
            }
        }
        Some(ago) => {
            let final_on = days_ago(today, ago);
            // Notified so that the appeal period (three weeks, its last day moved
            // past a weekend or holiday by lag (1930:173)) ended before final_on.
            let mut notified_on = final_on.saturating_sub(22.days());
            while calendar::last_day(notified_on, 3.weeks()) >= final_on {
                notified_on = notified_on.saturating_sub(1.day());
            }
            let decided_on = notified_on.saturating_sub(rng.random_range(0..10i64).days());
            // In the voluntary-departure period only without a risk of absconding.
            let risk = outcome != Outcome::FinalInPeriod && rng.random_bool(0.15);
            Timeline {
                kind,
                decided_by,
                decided_on,
                notified_on,
                final_on: Some(final_on),
                absconding_risk: risk,
            }
        }
    }
}

/// A historical trip a case left on (for the report's trip list).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PastTrip {
    pub id: TripId,
    pub destination: Country,
    pub date: Date,
    pub charter: bool,
}

/// Writes the history of one member of a group.
#[allow(clippy::too_many_arguments)]
pub fn history<R: Rng>(
    rng: &mut R,
    b: &mut Builder<'_>,
    m: &Member,
    plan: &GroupPlan,
    tl: &Timeline,
    family: Option<&FamilyId>,
    today: Date,
    is_child: bool,
    trip: Option<&PastTrip>,
) {
    let now = b.now();
    let dest = m.person.citizenship;
    let responsible = if tl.decided_by == DecisionMaker::Police {
        Agency::Police
    } else {
        Agency::Migrationsverket
    };
    let reg_day = tl
        .notified_on
        .saturating_add(rng.random_range(0..3i64).days())
        .min(today);
    b.push(
        responsible,
        EventKind::Registered {
            person: m.person.clone(),
            decision: Decision {
                kind: tl.kind,
                decided_by: tl.decided_by,
                decided_on: tl.decided_on,
                notified_on: Some(tl.notified_on),
                final_on: None,
                // The departure terms are part of the decision; the flag is the
                // fact a refusal cites (UtlL 8 kap. 21–22 §§).
                departure: match tl.kind {
                    DecisionKind::ExpulsionForCrime => None,
                    _ if tl.absconding_risk => Some(DepartureTerms::Refused {
                        ground: NoPeriodGround::AbscondingRisk,
                    }),
                    _ => Some(DepartureTerms::Standard),
                },
                departure_extended_until: None,
            },
            destination: dest,
            family: family.cloned(),
            absconding_risk: tl.absconding_risk,
        },
        at_day(rng, reg_day),
    );
    let Some(final_on) = tl.final_on else { return };
    b.push(
        responsible,
        EventKind::DecisionFinal {
            final_on,
            appeal_waived: false,
        },
        at_day(rng, final_on),
    );
    // A second person checks the date against the decision (JO 8824-2019),
    // mostly the same or the next day; a few are still unchecked.
    if plan.outcome != Outcome::FinalInPeriod || rng.random_bool(0.7) {
        let day = final_on
            .saturating_add(rng.random_range(0..3i64).days())
            .min(today);
        b.push_second(
            responsible,
            EventKind::FinalityConfirmed { final_on },
            at_day(rng, day),
        );
    }
    // The period's last day as the domain counts it (lag (1930:173)).
    let period_end = if tl.absconding_risk || tl.kind == DecisionKind::ExpulsionForCrime {
        final_on
    } else if tl.kind == DecisionKind::RefusalOfEntry {
        calendar::last_day(final_on, 2.weeks())
    } else {
        calendar::last_day(final_on, 4.weeks())
    };

    match plan.outcome {
        Outcome::FinalInPeriod => return,
        Outcome::DepartedVoluntarily => {
            let day = final_on
                .saturating_add(rng.random_range(3..40i64).days())
                .min(today);
            b.push(
                responsible,
                EventKind::DepartedVoluntarily { on: day },
                at_day(rng, day),
            );
            return;
        }
        Outcome::PermitGranted => {
            let lodged = final_on
                .saturating_add(rng.random_range(5..60i64).days())
                .min(today);
            b.push(
                Agency::Migrationsverket,
                EventKind::ImpedimentLodged {
                    impediment: ImpedimentId::parse("I1").unwrap_or_else(|e| panic!("{e}")),
                    kind: ImpedimentKind::Impediment,
                    lodged_on: lodged,
                },
                at_day(rng, lodged),
            );
            let granted = lodged
                .saturating_add(rng.random_range(10..120i64).days())
                .min(today);
            b.push(
                Agency::Migrationsverket,
                EventKind::PermitGranted { on: granted },
                at_day(rng, granted),
            );
            return;
        }
        Outcome::Cancelled => {
            b.push(
                responsible,
                EventKind::Cancelled {},
                at_day(rng, final_on.saturating_add(10.days()).min(today)),
            );
            return;
        }
        Outcome::FinalAfterPeriod => {
            if plan.detention.is_some() {
                start_detention(
                    rng,
                    b,
                    plan,
                    m,
                    is_child,
                    DetentionBasis::Enforcement,
                    today,
                );
            }
            maybe_impediment(rng, b, today, 0.05);
            crate::work::leave_handover(b, plan.seed);
            return;
        }
        _ => {}
    }

    // To the police: absconded, or coercion needed after the departure period.
    let absconds = plan.outcome != Outcome::TransportRequested
        && plan.outcome != Outcome::Executed
        && !is_child
        && rng.random_bool(0.55);
    let mut day = period_end
        .saturating_add(rng.random_range(1..60i64).days())
        .min(today);
    if responsible == Agency::Migrationsverket {
        let reason = if absconds {
            b.push(
                Agency::Migrationsverket,
                EventKind::Absconded { on: day },
                at_day(rng, day),
            );
            PoliceHandoverReason::Absconded
        } else {
            PoliceHandoverReason::CoercionNeeded
        };
        b.push(
            Agency::Migrationsverket,
            EventKind::HandoverProposed {
                handover: handover_id("H1"),
                to: HandoverKind::ToPolice { reason },
            },
            at_day(rng, day),
        );
        day = day
            .saturating_add(rng.random_range(0..6i64).days())
            .min(today);
        b.push(
            Agency::Police,
            EventKind::HandoverAccepted {
                handover: handover_id("H1"),
            },
            at_day(rng, day),
        );
    } else if absconds {
        b.push(
            Agency::Police,
            EventKind::Absconded { on: day },
            at_day(rng, day),
        );
    }

    if plan.outcome == Outcome::Expired {
        let lapse = final_on.saturating_add(4.years());
        if lapse <= today {
            b.push(
                Agency::Police,
                EventKind::Expired { on: lapse },
                at_day(rng, lapse),
            );
        }
        return;
    }
    if plan.outcome == Outcome::HandedOver {
        if absconds && rng.random_bool(0.2) {
            let located = day
                .saturating_add(rng.random_range(10..200i64).days())
                .min(today);
            b.push(
                Agency::Police,
                EventKind::Located { on: located },
                at_day(rng, located),
            );
        }
        let located = b.case.as_ref().is_some_and(|c| c.absconded_since.is_none());
        if located && rng.random_bool(0.5) {
            let expired = rng.random_bool(0.3);
            documents(rng, b, day, today, expired);
        }
        if located && plan.detention.is_some() {
            start_detention(
                rng,
                b,
                plan,
                m,
                is_child,
                DetentionBasis::Enforcement,
                today,
            );
        } else if located && rng.random_bool(0.08) {
            let on = today.saturating_sub(rng.random_range(1..60i64).days());
            b.push(
                Agency::Police,
                EventKind::SupervisionOrdered { on },
                at_day(rng, on),
            );
        }
        maybe_impediment(rng, b, today, 0.05);
        crate::work::leave_handover(b, plan.seed);
        return;
    }

    // Documents, acceptance, fitness; then the transport request to NTE.
    let ready_wanted = plan.outcome == Outcome::Executed || rng.random_bool(0.45);
    let docs_day = day
        .saturating_add(rng.random_range(5..120i64).days())
        .min(today);
    let trip_day = trip.map(|t| t.date);
    let doc_until = match trip_day {
        Some(t) => t.saturating_add(rng.random_range(30..200i64).days()),
        None if ready_wanted => today.saturating_add(rng.random_range(40..400i64).days()),
        None => today.saturating_add(rng.random_range(-90..300i64).days()),
    };
    let fit = ready_wanted || rng.random_bool(0.85);
    let accepted = ready_wanted || rng.random_bool(0.7);
    let with_doc = ready_wanted || rng.random_bool(0.75);
    let req_day = docs_day
        .saturating_add(rng.random_range(0..20i64).days())
        .min(trip_day.map_or(today, |t| {
            t.saturating_sub(rng.random_range(3..15i64).days())
        }));
    if with_doc {
        let doc_day = docs_day.min(req_day).max(b.last_day(today));
        let until = doc_until.max(doc_day);
        b.push(
            Agency::Police,
            EventKind::TravelDocumentIssued {
                document: if rng.random_bool(0.6) {
                    TravelDocumentKind::Passport
                } else {
                    TravelDocumentKind::EmergencyTravelDocument
                },
                valid_until: until,
            },
            at_day(rng, doc_day),
        );
    }
    if accepted {
        b.push(
            Agency::Police,
            EventKind::DestinationAccepted { on: req_day },
            at_day(rng, req_day),
        );
    }
    b.push(
        Agency::Police,
        EventKind::FitnessAssessed { fit, on: req_day },
        at_day(rng, req_day),
    );
    let escorted = tl.kind == DecisionKind::ExpulsionForCrime || rng.random_bool(0.3);
    b.push(
        Agency::Police,
        EventKind::HandoverProposed {
            handover: handover_id("H2"),
            to: HandoverKind::TransportRequest { escorted },
        },
        at_day(rng, req_day),
    );
    let nte_day = req_day
        .saturating_add(rng.random_range(0..3i64).days())
        .min(trip_day.map_or(today, |t| t.saturating_sub(2.days())));
    b.push(
        Agency::Nte,
        EventKind::HandoverAccepted {
            handover: handover_id("H2"),
        },
        at_day(rng, nte_day),
    );

    if let Some(t) = trip {
        // A closed case: detained before the trip (some), planned, executed.
        let start = t
            .date
            .saturating_sub(rng.random_range(2..40i64).days())
            .max(nte_day);
        if rng.random_bool(0.35) && !m.person.is_child_on(start) {
            let facility = FacilityId::parse(
                ["F-MARSTA", "F-ASTORP", "F-FLEN", "F-KALLERED"][rng.random_range(0..4)],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            // Never later than now: a time of today may lie in the afternoon.
            let at = at_day(rng, start).min(b.now());
            b.push(
                Agency::Migrationsverket,
                EventKind::DetentionStarted {
                    facility,
                    basis: DetentionBasis::Enforcement,
                    started_at: at,
                    exceptional_reasons: None,
                },
                at,
            );
        }
        let plan_day = t
            .date
            .saturating_sub(rng.random_range(1..3i64).days())
            .max(nte_day);
        // Fitness to fly is valid 30 days (FitnessValidity): assessed again
        // shortly before the trip.
        let fit_day = plan_day
            .saturating_sub(rng.random_range(0..5i64).days())
            .max(b.last_day(today));
        b.push(
            Agency::Police,
            EventKind::FitnessAssessed {
                fit: true,
                on: fit_day,
            },
            at_day(rng, fit_day),
        );
        b.push(
            Agency::Nte,
            EventKind::Planned {
                trip: t.id.clone(),
                trip_date: t.date,
            },
            at_day(rng, plan_day),
        );
        // One attempt for the whole group: a family fails (or leaves) together
        // (UtlL 1 kap. 10 §), so the draw is the group's, not the member's.
        let group_fails = plan.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) % 100 < 6;
        let _ = rng.random_bool(0.06);
        if group_fails {
            // A failed attempt first, then a later trip would be needed: leave it at that.
            b.push(
                Agency::Nte,
                EventKind::AttemptFailed {
                    trip: t.id.clone(),
                    failure: [
                        FailureReason::RefusedBoarding,
                        FailureReason::Resistance,
                        FailureReason::Medical,
                    ][rng.random_range(0..3)],
                },
                at_day(rng, t.date),
            );
            if b.case.as_ref().is_some_and(|c| c.is_detained()) {
                let at = at_day(rng, t.date.saturating_add(1.day()).min(today)).min(b.now());
                b.push(
                    Agency::Migrationsverket,
                    EventKind::DetentionEnded {
                        at,
                        reason: ReleaseReason::Released,
                    },
                    at,
                );
            }
            return;
        }
        b.push(
            Agency::Nte,
            EventKind::Executed {
                trip: t.id.clone(),
                on: t.date,
            },
            at_day(rng, t.date),
        );
        return;
    }
    if ready_wanted && fit {
        // A recent assessment: fitness to fly is valid 30 days.
        let day = today
            .saturating_sub(rng.random_range(0..20i64).days())
            .max(b.last_day(today));
        b.push(
            Agency::Police,
            EventKind::FitnessAssessed { fit: true, on: day },
            at_day(rng, day),
        );
    }
    if plan.detention.is_some() {
        start_detention(
            rng,
            b,
            plan,
            m,
            is_child,
            DetentionBasis::Enforcement,
            today,
        );
    }
    maybe_impediment(rng, b, today, 0.04);
    let _ = now;
}

fn handover_id(s: &str) -> HandoverId {
    HandoverId::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn documents<R: Rng>(rng: &mut R, b: &mut Builder<'_>, from: Date, today: Date, expired: bool) {
    let day = from
        .saturating_add(rng.random_range(5..90i64).days())
        .min(today)
        .max(b.last_day(today));
    let until = if expired {
        today
            .saturating_sub(rng.random_range(1..60i64).days())
            .max(day)
    } else {
        today.saturating_add(rng.random_range(30..365i64).days())
    };
    b.push(
        Agency::Police,
        EventKind::TravelDocumentIssued {
            document: TravelDocumentKind::Passport,
            valid_until: until,
        },
        at_day(rng, day),
    );
}

fn maybe_impediment<R: Rng>(rng: &mut R, b: &mut Builder<'_>, today: Date, p: f64) {
    if !rng.random_bool(p) {
        return;
    }
    let kind = [
        ImpedimentKind::Impediment,
        ImpedimentKind::Stay,
        ImpedimentKind::InternationalInterimMeasure,
    ][rng.random_range(0..3)];
    let lodged = today
        .saturating_sub(rng.random_range(0..90i64).days())
        .max(b.last_day(today));
    // Removal is no longer a reasonable prospect: a detained person is released
    // when the impediment is lodged (Return Directive art. 15.4).
    if b.case.as_ref().is_some_and(|c| c.is_detained()) {
        let after_last = b.last().saturating_add(1.second()).unwrap_or(b.last());
        let at = at_day(rng, lodged).max(after_last).min(b.now());
        b.push(
            Agency::Migrationsverket,
            EventKind::DetentionEnded {
                at,
                reason: ReleaseReason::Released,
            },
            at,
        );
    }
    if b.push(
        Agency::Migrationsverket,
        EventKind::ImpedimentLodged {
            impediment: ImpedimentId::parse("I1").unwrap_or_else(|e| panic!("{e}")),
            kind,
            lodged_on: lodged,
        },
        at_day(rng, lodged),
    ) && rng.random_bool(0.4)
    {
        let lifted = lodged
            .saturating_add(rng.random_range(1..60i64).days())
            .min(today);
        b.push(
            Agency::Migrationsverket,
            EventKind::ImpedimentLifted {
                impediment: ImpedimentId::parse("I1").unwrap_or_else(|e| panic!("{e}")),
                lifted_on: lifted,
            },
            at_day(rng, lifted),
        );
    }
}

/// A current detention that has not reached its limit today: a child for at
/// most 60 hours; an adult mostly within two months, some near the limit, some
/// extended for exceptional reasons or delayed documents.
fn start_detention<R: Rng>(
    rng: &mut R,
    b: &mut Builder<'_>,
    plan: &GroupPlan,
    m: &Member,
    is_child: bool,
    basis: DetentionBasis,
    _today: Date,
) {
    let Some(facility) = plan.detention.clone() else {
        return;
    };
    // A child's detention needs its guardians recorded and a guardian held
    // with it (UtlL 10 kap. 3 §), which one member's history cannot see: the
    // synthetic population holds no child in detention.
    if is_child {
        return;
    }
    let now = b.now();
    let hours: i64 = if is_child {
        rng.random_range(2..60)
    } else {
        match rng.random_range(0..100) {
            0..=4 => 59 * 24 + rng.random_range(0..20), // within 48 h of two months
            5..=14 => rng.random_range(62 * 24..85 * 24), // extended: up to three months
            15..=19 => rng.random_range(95 * 24..200 * 24), // delayed documents: up to twelve
            _ => rng.random_range(6..55 * 24),
        }
    };
    let started = now
        .saturating_sub(jiff::SignedDuration::from_hours(hours))
        .unwrap_or(now);
    if started <= b.last() || m.person.is_child_at(started) {
        return;
    }
    if !b.push(
        Agency::Migrationsverket,
        EventKind::DetentionStarted {
            facility,
            basis,
            started_at: started,
            exceptional_reasons: None,
        },
        started
            .saturating_add(jiff::SignedDuration::from_mins(30))
            .unwrap_or(started),
    ) {
        return;
    }
    let after = |h: i64| {
        started
            .saturating_add(jiff::SignedDuration::from_hours(h))
            .unwrap_or(started)
    };
    // Public counsel once held more than three days (UtlL 18 kap. 1 §).
    if hours > 60 {
        let at = after(60).min(now);
        b.push(
            Agency::Migrationsverket,
            EventKind::CounselAppointed { at },
            at,
        );
    }
    // Reviewed within every two months (UtlL 10 kap. 9 §): unreviewed, the
    // decision would lapse (MIG 2013:7).
    let mut review_h = 55 * 24;
    let mut first = true;
    while review_h < hours {
        let at = after(review_h);
        b.push(
            Agency::Migrationsverket,
            EventKind::DetentionReviewed { at },
            at,
        );
        if first && hours > 59 * 24 + 30 && !is_child {
            let reason = if hours > 90 * 24 {
                ExtensionReason::DocumentDelay
            } else {
                ExtensionReason::ExceptionalReasons
            };
            b.push(
                Agency::Migrationsverket,
                EventKind::DetentionExtended { reason, at },
                at,
            );
        }
        first = false;
        review_h += 55 * 24;
    }
}
