//! The crew of each synthetic charter: the monitoring body (Migrationsverket,
//! docs/legal-rules.md) notified two weeks before departure (or today, if
//! that is later than today would allow), attending on every other charter
//! and declining on the rest, and a nurse on board (a doctor too on every
//! third) — so `executed` may be recorded on a demo charter (rule
//! `ForcedReturnMonitor`). Every name is invented.

use jiff::{ToSpan, civil::Date};
use opcentrum_domain::{
    crew::{Attendance, MedicalRole, MedicalStaff, MonitorNotice, TripCrew},
    ids::TripId,
    trip::{TripKind, TripOffer},
};

pub fn crews(trips: &[TripOffer], today: Date) -> Vec<(TripId, TripCrew)> {
    trips
        .iter()
        .filter(|t| t.kind == TripKind::Charter)
        .enumerate()
        .map(|(i, t)| {
            let two_weeks_before = t.date.checked_sub(14.days()).unwrap_or(t.date);
            let attendance = if i % 2 == 0 {
                Attendance::Attending {
                    organisation: "Migrationsverket".into(),
                    name: format!("Observatör {} (syntetisk)", i + 1),
                }
            } else {
                Attendance::Declined
            };
            let mut medical_staff = vec![MedicalStaff {
                role: MedicalRole::Nurse,
                name: None,
            }];
            if i % 3 == 0 {
                medical_staff.push(MedicalStaff {
                    role: MedicalRole::Doctor,
                    name: None,
                });
            }
            let crew = TripCrew {
                monitor: Some(MonitorNotice {
                    body: "Migrationsverket".into(),
                    notified_on: two_weeks_before.min(today),
                    attendance,
                }),
                medical_staff,
            };
            (t.id.clone(), crew)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn every_charter_and_only_charters_have_a_notified_monitor() {
        let offer = |id: &str, kind, day| TripOffer {
            id: TripId::parse(id).unwrap(),
            kind,
            destination: opcentrum_domain::Country::parse("IQ").unwrap(),
            date: day,
            seats: 10,
            quota: (kind == TripKind::Charter).then_some(10),
            cost: 1,
        };
        let today = date(2026, 12, 8);
        let trips = [
            offer("C-1", TripKind::Charter, date(2026, 12, 30)),
            offer("S-1", TripKind::Scheduled, date(2026, 12, 30)),
            offer("C-2", TripKind::Charter, date(2026, 12, 10)),
        ];
        let c = crews(&trips, today);
        assert_eq!(c.len(), 2);
        for (id, crew) in &c {
            assert!(crew.monitor_notified(), "{id}");
            assert_eq!(crew.validate(today), Ok(()), "{id}");
        }
        let notified = |i: usize| c[i].1.monitor.as_ref().map(|m| m.notified_on);
        assert_eq!(notified(0), Some(date(2026, 12, 8)), "not in the future");
        assert_eq!(notified(1), Some(date(2026, 11, 26)));
    }
}
