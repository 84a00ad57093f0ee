//! The whole report on hand-built histories, with every figure worked out by
//! hand (the dates in the comments).
#![allow(clippy::unwrap_used)]

use crate::{
    Count, Disclosure, Lang, Period, Report, ReportInput, Stat, Suppression, render_csv,
    render_html, render_json, report,
};
use jiff::{Timestamp, civil::Date};
use opcentrum_domain::{
    Actor, Agency, Country, Event, EventKind,
    decision::{Decision, DecisionKind, DecisionMaker},
    detention::{DetentionBasis, ReleaseReason},
    event::HandoverKind,
    event::PoliceHandoverReason,
    facility::{Facility, FacilityKind},
    ids::{CaseId, FacilityId, HandoverId, PersonId, TripId, UserName},
    person::{Person, Sex},
    trip::{TripKind, TripOffer},
};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

/// Noon (or the given time) in Stockholm winter time.
fn t(s: &str) -> Timestamp {
    if s.len() == 10 {
        format!("{s}T12:00:00+01:00").parse().unwrap()
    } else {
        format!("{s}+01:00").parse().unwrap()
    }
}

struct H {
    events: Vec<Event>,
}

impl H {
    fn new(id: &str, citizenship: &str, decided_on: &str, birth: &str) -> H {
        let kind = EventKind::Registered {
            person: Person {
                id: PersonId::parse(format!("P-{id}")).unwrap(),
                given_name: "Testa".into(),
                family_name: "Testsson".into(),
                birth_date: d(birth),
                sex: Sex::F,
                citizenship: Country::parse(citizenship).unwrap(),
                dossier_number: "1".into(),
            },
            decision: Decision {
                kind: DecisionKind::Expulsion,
                decided_by: DecisionMaker::Migrationsverket,
                decided_on: d(decided_on),
                notified_on: Some(d(decided_on)),
                final_on: None,
                departure: None,
                departure_extended_until: None,
            },
            destination: Country::parse(if citizenship == "XX" || citizenship == "DE" {
                "IQ"
            } else {
                citizenship
            })
            .unwrap(),
            family: None,
            absconding_risk: false,
        };
        let mut h = H { events: vec![] };
        h.events.push(Event {
            case: CaseId::parse(format!("UT-{id}")).unwrap(),
            version: 1,
            kind,
            actor: actor(),
            recorded_at: t(decided_on),
            reason: None,
        });
        h
    }
    fn at(mut self, when: &str, kind: EventKind) -> H {
        let e = Event {
            case: self.events[0].case.clone(),
            version: self.events.len() as u64 + 1,
            kind,
            actor: actor(),
            recorded_at: t(when),
            reason: None,
        };
        self.events.push(e);
        self
    }
    fn final_on(self, day: &str) -> H {
        self.at(
            day,
            EventKind::DecisionFinal {
                final_on: d(day),
                appeal_waived: false,
            },
        )
    }
    fn police(self, day: &str) -> H {
        self.at(
            day,
            EventKind::HandoverProposed {
                handover: HandoverId::parse("H1").unwrap(),
                to: HandoverKind::ToPolice {
                    reason: PoliceHandoverReason::CoercionNeeded,
                },
            },
        )
        .at(
            day,
            EventKind::HandoverAccepted {
                handover: HandoverId::parse("H1").unwrap(),
            },
        )
    }
    fn request(self, day: &str, escorted: bool) -> H {
        self.at(
            day,
            EventKind::HandoverProposed {
                handover: HandoverId::parse("H2").unwrap(),
                to: HandoverKind::TransportRequest { escorted },
            },
        )
        .at(
            day,
            EventKind::HandoverAccepted {
                handover: HandoverId::parse("H2").unwrap(),
            },
        )
    }
    fn detain(self, facility: &str, basis: DetentionBasis, when: &str) -> H {
        self.at(
            when,
            EventKind::DetentionStarted {
                facility: FacilityId::parse(facility).unwrap(),
                basis,
                started_at: t(when),
                exceptional_reasons: None,
            },
        )
    }
    fn release(self, when: &str, reason: ReleaseReason) -> H {
        self.at(
            when,
            EventKind::DetentionEnded {
                at: t(when),
                reason,
            },
        )
    }
    fn executed(self, trip: &str, day: &str, recorded: &str) -> H {
        let trip = TripId::parse(trip).unwrap();
        self.at(
            recorded,
            EventKind::Planned {
                trip: trip.clone(),
                trip_date: d(day),
            },
        )
        .at(recorded, EventKind::Executed { trip, on: d(day) })
    }
}

fn actor() -> Actor {
    Actor {
        user: UserName::parse("test.user").unwrap(),
        agency: Agency::Nte,
    }
}

/// A full chain: final, to the police, transport request, executed.
#[allow(clippy::too_many_arguments)]
fn chain(
    id: &str,
    cit: &str,
    fin: &str,
    police: &str,
    request: &str,
    escorted: bool,
    trip: &str,
    on: &str,
) -> H {
    H::new(id, cit, "2025-06-01", "1990-01-01")
        .final_on(fin)
        .police(police)
        .request(request, escorted)
        .executed(trip, on, on)
}

fn histories() -> Vec<Vec<Event>> {
    use DetentionBasis::*;
    use ReleaseReason::*;
    let h = vec![
        // A: detained 1 Feb 08:00 until the execution 12 Feb 08:00 (11 days).
        H::new("A", "IQ", "2025-06-01", "1990-01-01")
            .final_on("2025-11-01")
            .police("2026-01-11")
            .request("2026-01-21", true)
            .detain("F-U1", Enforcement, "2026-02-01T08:00:00")
            .executed("C1", "2026-02-12", "2026-02-12T08:00:00"),
        // B: held from 20 Dec, released at the limit on 20 Jan (31 days).
        H::new("B", "IQ", "2025-06-01", "1990-01-01")
            .final_on("2025-12-01")
            .police("2026-01-05")
            .detain("F-U1", Enforcement, "2025-12-20")
            .release("2026-01-20", ReleasedAtLimit)
            .request("2026-01-25", false)
            .executed("C1", "2026-02-12", "2026-02-12"),
        chain(
            "C",
            "AF",
            "2026-01-02",
            "2026-01-12",
            "2026-02-01",
            true,
            "S1",
            "2026-02-20",
        ),
        // E: U1 from 10 Jan, transferred to U2 on 15 Jan, executed 12 Feb (one stay, 33 days).
        H::new("E", "IQ", "2025-06-01", "1990-01-01")
            .final_on("2025-12-15")
            .police("2026-01-04")
            .detain("F-U1", Enforcement, "2026-01-10")
            .release("2026-01-15", Transferred)
            .detain("F-U2", Enforcement, "2026-01-15")
            .request("2026-01-30", false)
            .executed("C1", "2026-02-12", "2026-02-12"),
        chain(
            "F",
            "IQ",
            "2025-12-20",
            "2025-12-30",
            "2026-01-03",
            false,
            "C1",
            "2026-02-12",
        ),
        chain(
            "G",
            "AF",
            "2026-01-15",
            "2026-01-20",
            "2026-02-20",
            true,
            "C2",
            "2026-03-05",
        ),
        chain(
            "H",
            "AF",
            "2026-01-20",
            "2026-02-09",
            "2026-02-19",
            false,
            "C2",
            "2026-03-05",
        ),
        H::new("I", "XX", "2026-01-11", "1990-01-01")
            .final_on("2026-02-01")
            .police("2026-02-05")
            .request("2026-02-15", false)
            .executed("S2", "2026-03-10", "2026-03-10"),
        // J: everything before the period.
        chain(
            "J",
            "IQ",
            "2025-09-01",
            "2025-10-01",
            "2025-11-01",
            false,
            "C0",
            "2025-12-12",
        ),
        // K: a trip no offer describes.
        chain(
            "K",
            "SY",
            "2026-01-05",
            "2026-01-25",
            "2026-02-25",
            false,
            "S-GONE",
            "2026-03-15",
        ),
        // M: a child, 72 hours, released at the limit.
        H::new("M", "AF", "2025-06-01", "2010-01-01")
            .final_on("2025-07-01")
            .detain("F-U2", Enforcement, "2026-03-01")
            .release("2026-03-04", ReleasedAtLimit),
        // N: detained from 20 Mar 09:00, still held.
        H::new("N", "IQ", "2025-06-01", "1990-01-01")
            .final_on("2025-07-01")
            .detain("F-U2", Enforcement, "2026-03-20T09:00:00"),
        // P: police custody in a cell: neither a place nor a stay.
        H::new("P", "IQ", "2025-06-01", "1990-01-01")
            .final_on("2025-07-01")
            .detain("F-P1", PoliceCustody, "2026-02-01")
            .release("2026-02-02", Released),
        // Ordered to leave (decided) in the period; O3 in the second quarter; O4 an EU citizen.
        H::new("O1", "IQ", "2026-01-15", "1990-01-01"),
        H::new("O2", "IQ", "2026-02-15", "1990-01-01"),
        H::new("O3", "IQ", "2026-04-10", "1990-01-01"),
        H::new("O4", "DE", "2026-02-01", "1990-01-01"),
        // V1: decided 5 Jan, left voluntarily 1 Mar.
        H::new("V1", "AF", "2026-01-05", "1990-01-01")
            .final_on("2026-01-26")
            .at(
                "2026-03-01",
                EventKind::DepartedVoluntarily {
                    on: d("2026-03-01"),
                },
            ),
    ];
    h.into_iter().map(|h| h.events).collect()
}

fn facilities() -> Vec<Facility> {
    let f = |id: &str, name: &str, kind, capacity| Facility {
        id: FacilityId::parse(id).unwrap(),
        name: name.into(),
        kind,
        capacity,
    };
    vec![
        f("F-U1", "Förvaret Ett", FacilityKind::DetentionUnit, 10),
        f("F-U2", "Förvaret Två", FacilityKind::DetentionUnit, 5),
        f("F-P1", "Arresten", FacilityKind::PoliceCell, 4),
    ]
}

fn trips() -> Vec<TripOffer> {
    let o = |id: &str, kind, dest: &str, date: &str, cost| TripOffer {
        id: TripId::parse(id).unwrap(),
        kind,
        destination: Country::parse(dest).unwrap(),
        date: d(date),
        seats: if kind == TripKind::Charter { 100 } else { 4 },
        quota: (kind == TripKind::Charter).then_some(50),
        cost,
    };
    vec![
        o("C0", TripKind::Charter, "IQ", "2025-12-12", 1_000_000),
        o("C1", TripKind::Charter, "IQ", "2026-02-12", 1_200_000),
        o("C2", TripKind::Charter, "AF", "2026-03-05", 900_000),
        o("S1", TripKind::Scheduled, "AF", "2026-02-20", 6_000),
        o("S2", TripKind::Scheduled, "IQ", "2026-03-10", 4_000),
    ]
}

fn make(from: &str, to: &str, disclosure: Disclosure) -> Report {
    let h = histories();
    let f = facilities();
    let tr = trips();
    report(&ReportInput {
        histories: &h,
        facilities: &f,
        trips: &tr,
        period: Period::new(d(from), d(to)).unwrap(),
        disclosure,
    })
    .unwrap()
}

fn q1(disclosure: Disclosure) -> Report {
    make("2026-01-01", "2026-03-31", disclosure)
}

fn n(v: u64) -> Count {
    Count::shown(v)
}
fn stat(v: f64) -> Stat {
    Stat::shown(Some(v))
}
const P: Count = Count {
    value: None,
    suppressed: Some(Suppression::Primary),
};
const S: Count = Count {
    value: None,
    suppressed: Some(Suppression::Secondary),
};

#[test]
fn executions_by_kind_and_escort() {
    let r = q1(Disclosure::Internal);
    let t = &r.executions.by_kind;
    // Charter: A (escorted), B, E, F on C1; G (escorted), H on C2.
    // Scheduled: C (escorted) on S1, I on S2. Unknown trip: K. J left in December.
    assert_eq!(t.cells, [[n(2), n(4)], [n(1), n(1)], [n(0), n(1)]]);
    assert_eq!(t.row_totals, [n(6), n(2), n(1)]);
    assert_eq!(t.column_totals, [n(3), n(6)]);
    assert_eq!(t.total, n(9));
    assert_eq!(r.executions.charter_share, stat(0.75));
    assert_eq!(r.cases_read, 18);
}

#[test]
fn charters_and_persons_per_charter() {
    let r = q1(Disclosure::Internal);
    let c = &r.charters;
    assert_eq!(c.flown, 2);
    assert_eq!(c.persons.rows, ["C1", "C2"]);
    assert_eq!(c.persons.cells, [[n(4)], [n(2)]]);
    assert_eq!(c.persons_per_charter, stat(3.0));
    assert_eq!(c.trips[0].cost_per_person, stat(300_000.0));
    assert_eq!(c.trips[1].cost_per_person, stat(450_000.0));
}

#[test]
fn cost_per_person_moved() {
    let r = q1(Disclosure::Internal);
    let c = &r.cost;
    // 4 × 300,000 + 2 × 450,000 + 6,000 + 4,000 over 8 persons; K not costed.
    assert_eq!(c.total_sek, stat(2_110_000.0));
    assert_eq!(c.persons, n(8));
    assert_eq!(c.persons_without_offer, n(1));
    assert_eq!(c.per_person_sek, stat(263_750.0));
    assert_eq!(c.per_charter_person_sek, stat(350_000.0));
    assert_eq!(c.per_scheduled_person_sek, stat(5_000.0));
}

#[test]
fn lead_times_median_and_p90() {
    let r = q1(Disclosure::Internal);
    let l = &r.lead_times;
    // Final → police, ended in Q1: 71, 35, 10, 20, 5, 20, 4, 20 (F's ended on
    // 30 Dec). Sorted 4 5 10 20 20 20 35 71: median 20, p90 = 8th = 71.
    assert_eq!(l[0].handover, "final_to_police");
    assert_eq!(l[0].n, n(8));
    assert_eq!(l[0].median_days, stat(20.0));
    assert_eq!(l[0].p90_days, stat(71.0));
    // Police → request: 10 20 20 26 4 31 10 10 31 → 4 10 10 10 20 20 26 31 31.
    assert_eq!(l[1].n, n(9));
    assert_eq!(l[1].median_days, stat(20.0));
    assert_eq!(l[1].p90_days, stat(31.0));
    // Request → executed: 22 18 19 13 40 13 14 23 18 → median 18, p90 = 9th = 40.
    assert_eq!(l[2].n, n(9));
    assert_eq!(l[2].median_days, stat(18.0));
    assert_eq!(l[2].p90_days, stat(40.0));
}

#[test]
fn an_even_count_has_the_mean_of_the_middle_two_as_median() {
    // 1–28 February: police → request ends for C (20), I (10), H (10), G (31),
    // K (31)? K's ended 25 Feb: 31. Sorted 10 10 20 31 31: median 20, p90 31.
    // Request → executed: A 22, B 18, E 13, F 40, C 19: 13 18 19 22 40 → 19.
    // Final → police: H 20, I 4 → median (4 + 20) / 2 = 12, p90 = 2nd = 20.
    let r = make("2026-02-01", "2026-02-28", Disclosure::Internal);
    let l = &r.lead_times;
    assert_eq!(l[0].n, n(2));
    assert_eq!(l[0].median_days, stat(12.0));
    assert_eq!(l[0].p90_days, stat(20.0));
    assert_eq!(l[1].n, n(5));
    assert_eq!(l[1].median_days, stat(20.0));
    assert_eq!(l[2].median_days, stat(19.0));
    // In public, two persons are too few for a median.
    let p = make("2026-02-01", "2026-02-28", Disclosure::Public);
    assert_eq!(p.lead_times[0].n, P);
    assert_eq!(p.lead_times[0].median_days, Stat::withheld());
    assert_eq!(p.lead_times[0].p90_days, Stat::withheld());
    assert_eq!(p.lead_times[1].median_days, stat(20.0));
}

#[test]
fn detention_occupancy_stays_and_releases() {
    let r = q1(Disclosure::Internal);
    let det = &r.detention;
    assert_eq!(det.places, 15);
    // Census at the end of each day, 90 days: A 1–11 Feb (11), B 1–19 Jan (19),
    // E 10–14 Jan in U1 (5) and 15 Jan–11 Feb in U2 (28), M 1–3 Mar (3),
    // N 20–31 Mar (12): 78 place-days. P is in a police cell.
    let mean = det.mean_occupied.value.unwrap();
    assert!((mean - 78.0 / 90.0).abs() < 1e-12, "{mean}");
    let occ = det.occupancy.value.unwrap();
    assert!((occ - 78.0 / 90.0 / 15.0).abs() < 1e-12, "{occ}");
    assert_eq!(det.peak_occupied, n(2));
    assert_eq!(det.daily.len(), 90);
    assert_eq!(det.daily[0].occupied, n(1)); // 1 Jan: B
    assert_eq!(det.daily[9].occupied, n(2)); // 10 Jan: B, E
    assert_eq!(det.daily[19].occupied, n(1)); // 20 Jan: E (B released at noon)
    assert_eq!(det.daily[89].occupied, n(1)); // 31 Mar: N
    let u1 = &det.facilities[0];
    assert_eq!(u1.name, "Förvaret Ett");
    assert!((u1.mean_occupied.value.unwrap() - 35.0 / 90.0).abs() < 1e-12);
    let u2 = &det.facilities[1];
    assert!((u2.mean_occupied.value.unwrap() - 43.0 / 90.0).abs() < 1e-12);
    assert_eq!(det.facilities.len(), 2);
    // Stays ended in Q1: M 3, A 11, B 31, E 33 (one stay across the transfer).
    assert_eq!(det.stays_ended, n(4));
    assert_eq!(det.stay_mean_days, stat(19.5));
    assert_eq!(det.stay_median_days, stat(21.0));
    // Begun in Q1: E, A, M, N.
    assert_eq!(det.stays_started, n(4));
    assert_eq!(det.released_at_limit, n(2));
    assert_eq!(det.released_at_limit_children, n(1));
}

#[test]
fn eurostat_quarters_by_citizenship() {
    let r = make("2026-01-01", "2026-04-15", Disclosure::Internal);
    let e = &r.eurostat;
    assert_eq!(e.quarters.len(), 2);
    assert_eq!(e.quarters[0].quarter, "2026-Q1");
    assert!(!e.quarters[0].partial);
    assert!(e.quarters[1].partial);
    // Ordered (decided) in the period: I (XX, 11 Jan), O1, O2 (IQ, Q1), O3 (IQ,
    // Q2), V1 (AF, Q1); O4 is German.
    let o = &e.ordered_to_leave;
    // Rows: every non-EU citizenship among the cases, with a figure or not.
    assert_eq!(o.rows, ["AF", "IQ", "SY", "XX"]);
    assert_eq!(
        o.cells,
        [[n(1), n(0)], [n(2), n(1)], [n(0), n(0)], [n(1), n(0)]]
    );
    assert_eq!(o.total, n(5));
    // Returned in Q1: IQ A B E F; AF C G H and V1 (voluntary); XX I; SY K.
    let ret = &e.returned;
    assert_eq!(ret.rows, ["AF", "IQ", "SY", "XX"]);
    assert_eq!(
        ret.cells,
        [[n(4), n(0)], [n(4), n(0)], [n(1), n(0)], [n(1), n(0)]]
    );
    assert_eq!(ret.column_totals, [n(10), n(0)]);
    assert_eq!(e.excluded_eu_efta, n(1));
}

#[test]
fn public_eurostat_tables_are_suppressed_with_secondary_cells() {
    let r = make("2026-01-01", "2026-04-15", Disclosure::Public);
    let e = &r.eurostat;
    let o = &e.ordered_to_leave;
    // Every cell below 3 is "<3". The column of row totals — AF, SY, XX "<3"
    // with IQ 3 under 5 — leaves 2 for three cells: not pinned. The totals
    // row, Q1 4 + Q2 "<3" = 5, would give Q2 = 1: Q1's 4 goes.
    assert_eq!(o.cells, [[P, P], [P, P], [P, P], [P, P]]);
    assert_eq!(o.row_totals, [P, n(3), P, P]);
    assert_eq!(o.column_totals, [S, P]);
    assert_eq!(o.total, n(5));
    // Returned, Q1: SY and XX "<3" under 10 with AF 4 and IQ 4 shown leave
    // them 2 together: 1+1, 2+0 or 0+2, not pinned. Q2 is all zeros, "<3"
    // everywhere; a reader can deduce those zeros (AF 4 = 4 + Q2), which
    // reveals no person.
    let ret = &e.returned;
    assert_eq!(ret.cells, [[n(4), P], [n(4), P], [P, P], [P, P]]);
    assert_eq!(ret.row_totals, [n(4), n(4), P, P]);
    assert_eq!(ret.column_totals, [n(10), P]);
    assert_eq!(e.excluded_eu_efta, P);
}

#[test]
fn public_executions_and_charters_are_suppressed() {
    let r = q1(Disclosure::Public);
    let t = &r.executions.by_kind;
    // Primary: 2, 1, 1, 0, 1 and the row totals 2 and 1. Row charter: "<3"
    // beside 4 under 6 → 4 goes.
    assert_eq!(t.cells, [[P, S], [P, P], [P, P]]);
    assert_eq!(t.row_totals, [n(6), P, P]);
    assert_eq!(t.column_totals, [n(3), n(6)]);
    assert_eq!(t.total, n(9));
    // The share would reveal the scheduled count (2): withheld.
    assert_eq!(r.executions.charter_share, Stat::withheld());
    // C2 carried 2: "<3"; C1's 4 would follow from the total 6, so it goes,
    // and C1's row total with it. Persons per charter (6 / 2) stays.
    let c = &r.charters;
    assert_eq!(c.persons.cells, [[S], [P]]);
    assert_eq!(c.persons.total, n(6));
    assert_eq!(c.persons_per_charter, stat(3.0));
    assert_eq!(c.trips[0].cost_per_person, Stat::withheld());
    // Cost: scheduled persons 2 → the scheduled figure is withheld.
    assert_eq!(r.cost.per_scheduled_person_sek, Stat::withheld());
    assert_eq!(r.cost.per_charter_person_sek, stat(350_000.0));
    assert_eq!(r.cost.persons_without_offer, P);
    // Detention: peak 2 and the daily census are withheld; the mean over the
    // six persons held stays.
    assert_eq!(r.detention.peak_occupied, P);
    assert!(r.detention.daily.iter().all(|x| x.occupied == P));
    assert!(r.detention.mean_occupied.value.is_some());
    assert_eq!(r.detention.released_at_limit, P);
    assert_eq!(r.detention.stays_ended, n(4));
}

#[test]
fn a_history_that_does_not_replay_is_named() {
    let mut h = histories();
    h[3].remove(1);
    let f = facilities();
    let tr = trips();
    let e = report(&ReportInput {
        histories: &h,
        facilities: &f,
        trips: &tr,
        period: Period::new(d("2026-01-01"), d("2026-03-31")).unwrap(),
        disclosure: Disclosure::Internal,
    })
    .unwrap_err();
    assert!(
        e.to_string().starts_with("histories[3] (case UT-E): "),
        "{e}"
    );
}

#[test]
fn json_carries_every_figure_and_flags() {
    let r = q1(Disclosure::Public);
    let v: serde_json::Value = serde_json::from_str(&render_json(&r).unwrap()).unwrap();
    assert_eq!(v["schema"], "opcentrum-report/1");
    assert_eq!(v["disclosure"], "public");
    assert_eq!(v["period"]["from"], "2026-01-01");
    assert_eq!(v["executions"]["by_kind"]["total"]["value"], 9);
    assert_eq!(
        v["executions"]["by_kind"]["cells"][1][0]["value"],
        serde_json::Value::Null
    );
    assert_eq!(
        v["executions"]["by_kind"]["cells"][1][0]["suppressed"],
        "primary"
    );
    assert_eq!(
        v["executions"]["by_kind"]["cells"][0][1]["suppressed"],
        "secondary"
    );
    assert_eq!(v["lead_times"][0]["median_days"]["value"], 20.0);
}

#[test]
fn csv_is_one_long_table() {
    let internal = render_csv(&q1(Disclosure::Internal)).unwrap();
    let lines: Vec<&str> = internal.lines().collect();
    assert_eq!(lines[0], "table,row,column,value,flag");
    assert!(lines.contains(&"executions,charter,escorted,2,"));
    assert!(lines.contains(&"executions,total,total,9,"));
    assert!(lines.contains(&"summary,charter_share,value,0.75,"));
    assert!(lines.contains(&"lead_times,final_to_police,p90_days,71,"));
    assert!(lines.contains(&"cost,per_person_sek,value,263750,"));
    assert!(lines.contains(&"eurostat_returned,IQ,2026-Q1,4,"));
    assert!(lines.contains(&"detention,stay_median_days,value,21,"));
    assert!(
        lines.iter().skip(1).all(|l| l.split(',').count() >= 5),
        "{internal}"
    );
    let public = render_csv(&q1(Disclosure::Public)).unwrap();
    assert!(public.contains("executions,scheduled,escorted,,primary\n"));
    assert!(public.contains("executions,charter,not_escorted,,secondary\n"));
    assert!(public.contains("summary,charter_share,value,,secondary\n"));
}

#[test]
fn html_is_self_contained_accessible_and_in_both_languages() {
    let r = q1(Disclosure::Public);
    let sv = render_html(&r, Lang::Sv);
    assert!(sv.starts_with("<!doctype html>\n<html lang=\"sv\">"));
    assert!(sv.contains("<caption>Verkställda personer efter resetyp och eskort</caption>"));
    assert!(sv.contains(r#"<th scope="col">Med eskort</th>"#));
    assert!(sv.contains(r#"<th scope="row">Charter</th>"#));
    assert!(sv.contains(r#"role="img" aria-labelledby="plot-executions-t plot-executions-d""#));
    assert!(sv.contains(r#"<abbr title="färre än 3 personer">&lt;3</abbr>"#));
    assert_eq!(sv.matches("<svg").count(), 4);
    assert!(!sv.contains("<script"));
    assert!(
        !sv.contains("http://")
            || !sv
                .replace("http://www.w3.org/2000/svg", "")
                .contains("http://")
    );
    assert!(!sv.contains("https://"));
    // Every table has a caption.
    assert_eq!(
        sv.matches("<table>").count(),
        sv.matches("<caption>").count()
    );
    let en = render_html(&r, Lang::En);
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("<caption>Persons executed by kind of trip and escort</caption>"));
    assert!(en.contains("Third-country nationals returned following an order to leave"));
    // Internal: the figures themselves, with Swedish number format.
    let internal = render_html(
        &make("2026-01-01", "2026-03-31", Disclosure::Internal),
        Lang::Sv,
    );
    assert!(internal.contains("263\u{a0}750"), "cost per person");
    assert!(internal.contains("75,0\u{a0}%"), "charter share");
}

#[test]
fn a_plot_with_nothing_to_draw_says_so_in_the_readers_language() {
    // No handover ended in this period: the lead-time plot has no bar.
    let r = make("2027-01-01", "2027-03-31", Disclosure::Internal);
    assert!(r.lead_times.iter().all(|l| l.median_days.value.is_none()));
    let sv = render_html(&r, Lang::Sv);
    let plot = &sv[sv.find(r#"aria-labelledby="plot-lead-times-t"#).unwrap()..];
    let plot = &plot[..plot.find("</svg>").unwrap()];
    assert!(plot.contains(">Inga uppgifter att visa</text>"), "{plot}");
    assert!(!plot.contains("<line"), "no axis");
    let en = render_html(&r, Lang::En);
    assert!(en.contains(">No data to show</text>"));
    // The quarter's lead times are drawn, each bar named in its tooltip.
    let q = render_html(&q1(Disclosure::Internal), Lang::Sv);
    assert!(!q.contains("Inga uppgifter att visa"));
    assert!(q.contains("<title>Laga kraft → överlämnat till polisen, Median: 20</title>"));
}
