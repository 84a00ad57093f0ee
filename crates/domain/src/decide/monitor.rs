//! The forced-return monitor (direktiv 2008/115/EG art. 8.6): `executed` on
//! a charter is refused until the trip's monitoring body was notified — it
//! attends or it declined — on or before the day of departure.
//!
//! Why charters only: art. 8.6 asks for an effective system for monitoring
//! forced return, not a monitor on every removal; a charter is the
//! operation the system is built around (a seat kept for the monitor,
//! DESIGN.md), so for it the notification is the one fact without which the
//! system cannot work. A scheduled flight may have crew recorded, but its
//! execution is not conditional on it (docs/legal-rules.md, the decision and
//! its open question).

use super::{Refuse, TransitionError};
use crate::{
    crew::TripCrew,
    event::EventKind,
    rules::{RuleId, RuleTable},
    trip::TripKind,
};
use jiff::civil::Date;

/// What the rule needs of the trip: its kind, its day and its crew record.
#[derive(Debug, Clone, Copy)]
pub struct TripView<'a> {
    pub kind: TripKind,
    pub departure: Date,
    pub crew: Option<&'a TripCrew>,
}

/// May `event` be recorded on a person of `trip`? Only `executed` on a
/// charter is conditioned.
pub fn monitor_condition(
    event: &EventKind,
    trip: TripView<'_>,
    rules: &RuleTable,
) -> Result<(), TransitionError> {
    if !matches!(event, EventKind::Executed { .. }) || trip.kind != TripKind::Charter {
        return Ok(());
    }
    let r = Refuse { kind: event, rules };
    match trip.crew.and_then(|c| c.monitor.as_ref()) {
        None => Err(r.conflict(
            RuleId::ForcedReturnMonitor,
            "refusal.monitor.not_notified",
            &[],
        )),
        Some(m) if m.notified_on > trip.departure => Err(r.conflict(
            RuleId::ForcedReturnMonitor,
            "refusal.monitor.notified_late",
            &[
                ("notified_on", &m.notified_on),
                ("departure", &trip.departure),
            ],
        )),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        crew::{Attendance, MonitorNotice},
        decide::Refusal,
        ids::TripId,
        rules::RuleTable,
    };
    use jiff::civil::date;

    fn executed() -> EventKind {
        EventKind::Executed {
            trip: TripId::parse("C-1").unwrap(),
            on: date(2026, 12, 5),
        }
    }

    fn crew(notified_on: Date, attendance: Attendance) -> TripCrew {
        TripCrew {
            monitor: Some(MonitorNotice {
                body: "Migrationsverket".into(),
                notified_on,
                attendance,
            }),
            medical_staff: vec![],
        }
    }

    fn view(kind: TripKind, crew: Option<&TripCrew>) -> TripView<'_> {
        TripView {
            kind,
            departure: date(2026, 12, 5),
            crew,
        }
    }

    #[test]
    fn a_charter_without_a_notified_monitor_is_refused_naming_the_rule() {
        let rules = RuleTable::default();
        let nothing = TripCrew {
            monitor: None,
            medical_staff: vec![],
        };
        for c in [None, Some(&nothing)] {
            let e = monitor_condition(&executed(), view(TripKind::Charter, c), &rules).unwrap_err();
            assert_eq!(e.rule, RuleId::ForcedReturnMonitor);
            assert_eq!(e.refusal, Refusal::Conflict);
            assert_eq!(e.statute, rules.reference(RuleId::ForcedReturnMonitor));
            assert!(e.statute.contains("2008/115/EG art. 8.6"), "{}", e.statute);
            assert!(e.to_string().contains("monitoring body"));
            assert!(e.message_sv().contains("kontrollorganet"));
        }
    }

    #[test]
    fn attending_or_declined_up_to_the_departure_day_is_enough() {
        let rules = RuleTable::default();
        let declined = crew(date(2026, 12, 5), Attendance::Declined);
        let attending = crew(
            date(2026, 11, 20),
            Attendance::Attending {
                organisation: "Migrationsverket".into(),
                name: "Observatör Testsson".into(),
            },
        );
        for c in [&declined, &attending] {
            assert_eq!(
                monitor_condition(&executed(), view(TripKind::Charter, Some(c)), &rules),
                Ok(())
            );
        }
    }

    #[test]
    fn notified_after_departure_is_refused() {
        let rules = RuleTable::default();
        let late = crew(date(2026, 12, 6), Attendance::Declined);
        let e = monitor_condition(&executed(), view(TripKind::Charter, Some(&late)), &rules)
            .unwrap_err();
        assert_eq!(e.rule, RuleId::ForcedReturnMonitor);
        assert!(e.reason.contains("after the departure"));
    }

    #[test]
    fn scheduled_flights_and_other_events_are_not_conditioned() {
        let rules = RuleTable::default();
        assert_eq!(
            monitor_condition(&executed(), view(TripKind::Scheduled, None), &rules),
            Ok(())
        );
        let failed = EventKind::Unplanned {
            trip: TripId::parse("C-1").unwrap(),
        };
        assert_eq!(
            monitor_condition(&failed, view(TripKind::Charter, None), &rules),
            Ok(())
        );
    }
}
