//! The operational picture's figures, as pure functions of data the store
//! reads: lead times of the three handovers (median and 90th percentile, and
//! a weekly trend), handovers waiting past their target, cases per stage and
//! agency, trip fill. No I/O and no clock: callers pass `now`.
//!
//! The lead times are the government report's figures: the legs, counting
//! (calendar days between Swedish dates) and statistics (median, nearest-rank
//! p90) come from `opcentrum_report::figures`; this module only reads them
//! off the store's columns.

use jiff::{SignedDuration, Timestamp};
use opcentrum_domain::{Agency, Stage};
use opcentrum_report::figures as defined;
use opcentrum_store::{LegMarks, StageCount, WaitingHandover};

/// The three handovers of the chain, with the report's names, start and end
/// events (`opcentrum_report::figures`).
pub use opcentrum_report::figures::Leg;

/// (start, end) of a leg in one case, when both happened: the store's columns
/// of the same events (`LegColumns`, in `Leg::ALL` order).
fn span(leg: Leg, m: &LegMarks) -> Option<(Timestamp, Timestamp)> {
    let (a, b) = match leg {
        Leg::FinalToPolice => (m.final_at, m.handed_over_at),
        Leg::PoliceToTransportRequest => (m.handed_over_at, m.transport_requested_at),
        Leg::TransportRequestToExecution => (m.transport_requested_at, m.executed_at),
    };
    Some((a?, b?))
}

/// One measured lead time: when the leg ended and how long it took, in
/// calendar days between the Swedish dates of its start and end (as the
/// government report counts, `opcentrum_report::figures`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub ended: Timestamp,
    pub days: i32,
}

fn days(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 86_400.0
}

/// The lead times of a leg that ended in `[from, to)`.
pub fn samples(leg: Leg, marks: &[LegMarks], from: Timestamp, to: Timestamp) -> Vec<Sample> {
    marks
        .iter()
        .filter_map(|m| span(leg, m))
        .filter(|(start, end)| *end >= from && *end < to && end >= start)
        .map(|(start, end)| Sample {
            ended: end,
            days: defined::days_between_instants(start, end),
        })
        .collect()
}

/// Lead times read as (ended, took) pairs (`Store::leg_spans`, which applies
/// the same conditions as [`samples`] in SQL): the start is `ended - took`
/// (both to the millisecond, so a start within a millisecond of midnight may
/// fall on the other day).
pub fn samples_of(spans: &[(Timestamp, SignedDuration)]) -> Vec<Sample> {
    spans
        .iter()
        .map(|(ended, took)| Sample {
            ended: *ended,
            days: defined::days_between_instants(
                ended.checked_sub(*took).unwrap_or(*ended),
                *ended,
            ),
        })
        .collect()
}

/// Median and 90th percentile of a leg over a period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegStats {
    pub leg: Leg,
    pub n: usize,
    pub median: Option<f64>,
    pub p90: Option<f64>,
}

pub fn stats(leg: Leg, samples: &[Sample]) -> LegStats {
    let s = defined::summarise(samples.iter().map(|s| s.days));
    LegStats {
        leg,
        n: s.n,
        median: s.median,
        p90: s.p90,
    }
}

/// The median of each leg per 7-day bucket, counted from `from`.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Start of each bucket.
    pub starts: Vec<Timestamp>,
    /// Per leg (in `Leg::ALL` order), the median of each bucket.
    pub medians: [Vec<Option<f64>>; 3],
}

pub fn weekly_trend(per_leg: &[Vec<Sample>; 3], from: Timestamp, to: Timestamp) -> Trend {
    let week = SignedDuration::from_hours(24 * 7);
    let span = to.duration_since(from);
    let buckets = if span.is_positive() {
        (span.as_secs().saturating_sub(1) / week.as_secs() + 1) as usize
    } else {
        0
    };
    let starts: Vec<Timestamp> = (0..buckets)
        .filter_map(|i| from.checked_add(week * i as i32).ok())
        .collect();
    let medians = std::array::from_fn(|l| {
        let mut by_bucket: Vec<Vec<i32>> = vec![Vec::new(); buckets];
        for s in &per_leg[l] {
            let i = (s.ended.duration_since(from).as_secs() / week.as_secs()) as usize;
            if let Some(b) = by_bucket.get_mut(i) {
                b.push(s.days);
            }
        }
        by_bucket.into_iter().map(defined::median).collect()
    });
    Trend { starts, medians }
}

/// How long a handover may wait for its receiver before the picture raises an
/// alert. Operational targets of the operations centre, not law: a proposal to
/// the police is to be accepted or returned within 2 days, a transport request
/// within 5 days.
pub fn handover_target(to: Agency) -> SignedDuration {
    match to {
        Agency::Police => SignedDuration::from_hours(48),
        _ => SignedDuration::from_hours(5 * 24),
    }
}

/// Waiting handovers of one receiving agency.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Waiting {
    pub to: Agency,
    pub waiting: usize,
    /// Waiting longer than `handover_target`.
    pub overdue: usize,
    /// Days the oldest has waited.
    pub oldest_days: Option<f64>,
}

pub fn waiting(items: &[WaitingHandover], now: Timestamp) -> Vec<Waiting> {
    [Agency::Police, Agency::Nte]
        .into_iter()
        .map(|to| {
            let mine: Vec<SignedDuration> = items
                .iter()
                .filter(|w| w.to == to)
                .map(|w| now.duration_since(w.since))
                .collect();
            Waiting {
                to,
                waiting: mine.len(),
                overdue: mine.iter().filter(|d| **d > handover_target(to)).count(),
                oldest_days: mine.iter().max().map(|d| days(*d)),
            }
        })
        .collect()
}

/// Open cases per stage (rows, `Stage::OPEN`) and responsible agency (columns,
/// `Agency::OPERATIONAL`), with row totals; suspended counted separately.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTable {
    pub rows: Vec<(Stage, Vec<u64>, u64)>,
    pub column_totals: Vec<u64>,
    pub total: u64,
    pub suspended: u64,
}

pub fn stage_table(counts: &[StageCount]) -> StageTable {
    let agencies = Agency::OPERATIONAL;
    let mut rows: Vec<(Stage, Vec<u64>, u64)> = Stage::OPEN
        .iter()
        .map(|s| (*s, vec![0; agencies.len()], 0))
        .collect();
    let mut column_totals = vec![0; agencies.len()];
    let mut total = 0;
    let mut suspended = 0;
    for c in counts {
        let Some(r) = rows.iter_mut().find(|r| r.0 == c.stage) else {
            continue;
        };
        if let Some(a) = agencies.iter().position(|a| *a == c.responsible) {
            r.1[a] += c.count;
            column_totals[a] += c.count;
        }
        r.2 += c.count;
        total += c.count;
        if c.suspended {
            suspended += c.count;
        }
    }
    StageTable {
        rows,
        column_totals,
        total,
        suspended,
    }
}

/// Days (fractional) from `now` to `at`; negative when past.
pub fn days_until(now: Timestamp, at: Timestamp) -> f64 {
    days(at.duration_since(now))
}

/// A charter is under-filled when it flies within `horizon_days` with fewer
/// persons planned than half of what it may take (seats, or the quota if lower).
pub fn under_filled(
    seats: u32,
    quota: Option<u32>,
    filled: u32,
    days_to_go: f64,
    horizon_days: f64,
) -> bool {
    let room = quota.map_or(seats, |q| q.min(seats));
    (0.0..=horizon_days).contains(&days_to_go) && u64::from(filled) * 2 < u64::from(room)
}

#[cfg(test)]
mod tests {
    use super::*;
    use opcentrum_domain::Country;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn marks(f: &str, h: Option<&str>, r: Option<&str>, e: Option<&str>) -> LegMarks {
        LegMarks {
            final_at: Some(t(f)),
            handed_over_at: h.map(t),
            transport_requested_at: r.map(t),
            executed_at: e.map(t),
        }
    }

    #[test]
    fn each_leg_is_measured_from_its_start_to_its_end_within_the_period() {
        let m = vec![
            marks(
                "2026-01-01T00:00:00Z",
                Some("2026-01-11T00:00:00Z"),
                Some("2026-01-13T12:00:00Z"),
                Some("2026-02-01T00:00:00Z"),
            ),
            marks(
                "2026-01-05T00:00:00Z",
                Some("2026-01-06T00:00:00Z"),
                None,
                None,
            ),
            // Handed over before the period: only its later legs count.
            marks(
                "2025-10-01T00:00:00Z",
                Some("2025-12-01T00:00:00Z"),
                Some("2026-01-04T00:00:00Z"),
                None,
            ),
        ];
        let (from, to) = (t("2026-01-02T00:00:00Z"), t("2026-01-31T00:00:00Z"));
        let police = samples(Leg::FinalToPolice, &m, from, to);
        assert_eq!(
            police.iter().map(|s| s.days).collect::<Vec<_>>(),
            vec![10, 1]
        );
        let transport = samples(Leg::PoliceToTransportRequest, &m, from, to);
        // 11 Jan 01:00 → 13 Jan 13:00 Swedish time: 2 calendar days (not 2.5).
        assert_eq!(
            transport.iter().map(|s| s.days).collect::<Vec<_>>(),
            vec![2, 34]
        );
        // Executed on 1 Feb: outside [from, to).
        assert!(samples(Leg::TransportRequestToExecution, &m, from, to).is_empty());
        let s = stats(Leg::FinalToPolice, &police);
        // Nearest rank: the 2nd of 2 (interpolation said 9.1).
        assert_eq!((s.n, s.median, s.p90), (2, Some(5.5), Some(10.0)));
    }

    /// One population of handovers, measured by the picture (the store's
    /// columns, read as `leg_spans` returns them) and by the government report
    /// (each case's facts): the same median and p90 for every leg.
    #[test]
    fn the_picture_and_the_report_give_the_same_lead_times() {
        use opcentrum_domain::{
            Country,
            ids::{CaseId, PersonId, TripId},
            time::{local_date, start_of_day},
        };
        use opcentrum_report::{
            Disclosure, Period, facts::CaseFacts, facts::Execution, lead_times::lead_times,
        };
        // Stockholm is UTC+1 in winter.
        let cases: [[Option<&str>; 4]; 5] = [
            // 23:30 → 00:30 the next day: 1 day (0.04 as a duration).
            [
                Some("2026-01-05T22:30:00Z"),
                Some("2026-01-05T23:30:00Z"),
                Some("2026-01-08T08:00:00Z"),
                Some("2026-01-20T07:00:00Z"),
            ],
            [
                Some("2026-01-10T08:00:00Z"),
                Some("2026-01-12T20:00:00Z"),
                Some("2026-01-13T06:00:00Z"),
                Some("2026-02-10T05:00:00Z"),
            ],
            [
                Some("2026-01-15T09:00:00Z"),
                Some("2026-01-18T16:00:00Z"),
                Some("2026-01-25T22:59:00Z"),
                None,
            ],
            [
                Some("2026-02-01T10:00:00Z"),
                Some("2026-02-21T09:00:00Z"),
                None,
                None,
            ],
            // Handed over before the period; executed on 1 April Swedish time
            // (22:30 UTC on 31 March): outside the period in both.
            [
                Some("2025-12-20T10:00:00Z"),
                Some("2025-12-30T10:00:00Z"),
                Some("2026-01-02T10:00:00Z"),
                Some("2026-03-31T22:30:00Z"),
            ],
        ];
        let (first, last) = ("2026-01-01".parse().unwrap(), "2026-03-31".parse().unwrap());
        let period = Period::new(first, last).unwrap();
        let (from, to) = (start_of_day(first), start_of_day(last.tomorrow().unwrap()));
        let marks: Vec<LegMarks> = cases
            .iter()
            .map(|c| LegMarks {
                final_at: c[0].map(t),
                handed_over_at: c[1].map(t),
                transport_requested_at: c[2].map(t),
                executed_at: c[3].map(t),
            })
            .collect();
        let facts: Vec<CaseFacts> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| CaseFacts {
                case: CaseId::parse(format!("UT-F-{i}")).unwrap(),
                person: PersonId::parse(format!("P-F-{i}")).unwrap(),
                citizenship: Country::parse("IQ").unwrap(),
                decided_on: "2025-11-01".parse().unwrap(),
                final_on: c[0].map(|s| local_date(t(s))),
                handed_over_on: c[1].map(|s| local_date(t(s))),
                transport_requested_on: c[2].map(|s| local_date(t(s))),
                executed: c[3].map(|s| Execution {
                    trip: TripId::parse("C-IQ-1").unwrap(),
                    on: local_date(t(s)),
                    escorted: false,
                }),
                departed_voluntarily_on: None,
                placements: vec![],
                adult_from: "2000-01-01".parse().unwrap(),
            })
            .collect();
        let report = lead_times(&facts, period, Disclosure::Internal);
        // (leg, median, p90), worked out by hand.
        let expected = [
            // 1, 2, 3, 20: an even count; the p90 is the 4th (⌈3.6⌉), where
            // interpolation between ranks would say 14.9.
            (Leg::FinalToPolice, 4, 2.5, 20.0),
            // 2, 1, 7, 3.
            (Leg::PoliceToTransportRequest, 4, 2.5, 7.0),
            // 12, 28.
            (Leg::TransportRequestToExecution, 2, 20.0, 28.0),
        ];
        for (leg, n, median, p90) in expected {
            // The picture, as `Store::leg_spans` hands it the pairs
            // (milliseconds since `from`, milliseconds taken).
            let spans: Vec<(Timestamp, SignedDuration)> = marks
                .iter()
                .filter_map(|m| span(leg, m))
                .filter(|(start, end)| *end >= from && *end < to && end >= start)
                .map(|(start, end)| {
                    let ms = |d: SignedDuration| SignedDuration::from_millis(d.as_millis() as i64);
                    (
                        from.checked_add(ms(end.duration_since(from))).unwrap(),
                        ms(end.duration_since(start)),
                    )
                })
                .collect();
            let picture = stats(leg, &samples_of(&spans));
            assert_eq!(picture, stats(leg, &samples(leg, &marks, from, to)));
            let r = report.iter().find(|l| l.handover == leg.code()).unwrap();
            assert_eq!(
                (picture.n as u64, picture.median, picture.p90),
                (r.n.value.unwrap(), r.median_days.value, r.p90_days.value),
                "{leg:?}"
            );
            assert_eq!(
                (picture.n, picture.median, picture.p90),
                (n, Some(median), Some(p90)),
                "{leg:?}"
            );
        }
    }

    #[test]
    fn the_trend_has_one_median_per_week_per_leg() {
        let from = t("2026-01-01T00:00:00Z");
        let to = t("2026-01-22T00:00:00Z");
        let s = |d: &str, days: i32| Sample { ended: t(d), days };
        let per_leg = [
            vec![
                s("2026-01-02T00:00:00Z", 1),
                s("2026-01-03T00:00:00Z", 4),
                s("2026-01-20T00:00:00Z", 8),
            ],
            vec![],
            vec![s("2026-01-09T00:00:00Z", 4)],
        ];
        let tr = weekly_trend(&per_leg, from, to);
        assert_eq!(tr.starts.len(), 3);
        assert_eq!(tr.starts[1], t("2026-01-08T00:00:00Z"));
        assert_eq!(tr.medians[0], vec![Some(2.5), None, Some(8.0)]);
        assert_eq!(tr.medians[1], vec![None, None, None]);
        assert_eq!(tr.medians[2], vec![None, Some(4.0), None]);
    }

    #[test]
    fn handovers_waiting_past_their_target_are_overdue() {
        let now = t("2026-03-10T12:00:00Z");
        let w = |to, since: &str| WaitingHandover {
            to,
            since: t(since),
        };
        let items = vec![
            w(Agency::Police, "2026-03-10T00:00:00Z"),
            w(Agency::Police, "2026-03-07T12:00:00Z"),
            w(Agency::Nte, "2026-03-06T12:00:00Z"),
            w(Agency::Nte, "2026-03-04T12:00:00Z"),
        ];
        let got = waiting(&items, now);
        assert_eq!(got[0].to, Agency::Police);
        assert_eq!((got[0].waiting, got[0].overdue), (2, 1));
        assert_eq!(got[0].oldest_days, Some(3.0));
        assert_eq!((got[1].waiting, got[1].overdue), (2, 1));
    }

    #[test]
    fn stage_table_sums_by_stage_and_agency_and_ignores_closed_cases() {
        let c = |stage, responsible, suspended, count| StageCount {
            stage,
            responsible,
            destination: Country::parse("IQ").unwrap(),
            suspended,
            count,
        };
        let table = stage_table(&[
            c(Stage::Final, Agency::Migrationsverket, false, 10),
            c(Stage::Final, Agency::Migrationsverket, true, 2),
            c(Stage::HandedOver, Agency::Police, false, 5),
            c(Stage::Executed, Agency::Nte, false, 100),
        ]);
        assert_eq!(table.total, 17);
        assert_eq!(table.suspended, 2);
        let final_row = table.rows.iter().find(|r| r.0 == Stage::Final).unwrap();
        assert_eq!(final_row.1, vec![12, 0, 0]);
        assert_eq!(table.column_totals, vec![12, 5, 0]);
    }

    #[test]
    fn a_charter_is_under_filled_below_half_of_its_room_within_the_horizon() {
        assert!(under_filled(60, Some(30), 14, 3.0, 14.0));
        assert!(!under_filled(60, Some(30), 15, 3.0, 14.0));
        assert!(!under_filled(60, None, 10, 20.0, 14.0));
        assert!(!under_filled(60, None, 10, -1.0, 14.0));
    }
}
