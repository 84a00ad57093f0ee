//! The operational picture's figures, as pure functions of data the store
//! reads: lead times of the three handovers (median and 90th percentile, and
//! a weekly trend), handovers waiting past their target, cases per stage and
//! agency, trip fill. No I/O and no clock: callers pass `now`.

use jiff::{SignedDuration, Timestamp};
use opcentrum_domain::{Agency, Stage};
use opcentrum_store::{LegMarks, StageCount, WaitingHandover};

/// The three handovers of the chain whose lead times the picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leg {
    /// Decision final → handed over to (accepted by) the police.
    FinalToPolice,
    /// Handed over → transport requested (accepted by NTE).
    PoliceToTransport,
    /// Transport requested → executed.
    TransportToExecuted,
}

impl Leg {
    pub const ALL: [Leg; 3] = [
        Leg::FinalToPolice,
        Leg::PoliceToTransport,
        Leg::TransportToExecuted,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Leg::FinalToPolice => "final_to_police",
            Leg::PoliceToTransport => "police_to_transport",
            Leg::TransportToExecuted => "transport_to_executed",
        }
    }

    /// (start, end) of this leg in one case, when both happened.
    fn span(self, m: &LegMarks) -> Option<(Timestamp, Timestamp)> {
        let (a, b) = match self {
            Leg::FinalToPolice => (m.final_at, m.handed_over_at),
            Leg::PoliceToTransport => (m.handed_over_at, m.transport_requested_at),
            Leg::TransportToExecuted => (m.transport_requested_at, m.executed_at),
        };
        Some((a?, b?))
    }
}

/// One measured lead time: when the leg ended and how long it took (days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub ended: Timestamp,
    pub days: f64,
}

fn days(d: SignedDuration) -> f64 {
    d.as_secs_f64() / 86_400.0
}

/// The lead times of a leg that ended in `[from, to)`, in days.
pub fn samples(leg: Leg, marks: &[LegMarks], from: Timestamp, to: Timestamp) -> Vec<Sample> {
    marks
        .iter()
        .filter_map(|m| leg.span(m))
        .filter(|(start, end)| *end >= from && *end < to && end >= start)
        .map(|(start, end)| Sample {
            ended: end,
            days: days(end.duration_since(start)),
        })
        .collect()
}

/// Lead times read as (ended, took) pairs (`Store::leg_spans`, which applies
/// the same conditions as [`samples`] in SQL).
pub fn samples_of(spans: &[(Timestamp, SignedDuration)]) -> Vec<Sample> {
    spans
        .iter()
        .map(|(ended, took)| Sample {
            ended: *ended,
            days: days(*took),
        })
        .collect()
}

/// The `p`-quantile (0 ≤ p ≤ 1) of sorted values, by linear interpolation
/// between closest ranks (the usual "type 7"); `None` for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let p = p.clamp(0.0, 1.0);
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
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
    let mut v: Vec<f64> = samples.iter().map(|s| s.days).collect();
    v.sort_by(f64::total_cmp);
    LegStats {
        leg,
        n: v.len(),
        median: quantile(&v, 0.5),
        p90: quantile(&v, 0.9),
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
        let mut by_bucket: Vec<Vec<f64>> = vec![Vec::new(); buckets];
        for s in &per_leg[l] {
            let i = (s.ended.duration_since(from).as_secs() / week.as_secs()) as usize;
            if let Some(b) = by_bucket.get_mut(i) {
                b.push(s.days);
            }
        }
        by_bucket
            .into_iter()
            .map(|mut b| {
                b.sort_by(f64::total_cmp);
                quantile(&b, 0.5)
            })
            .collect()
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

    #[test]
    fn quantiles_interpolate_between_ranks() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), Some(2.5));
        assert!((quantile(&v, 0.9).unwrap() - 3.7).abs() < 1e-9);
        assert_eq!(quantile(&[7.0], 0.9), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
        let hundred: Vec<f64> = (1..=100).map(f64::from).collect();
        assert!((quantile(&hundred, 0.9).unwrap() - 90.1).abs() < 1e-9);
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
            vec![10.0, 1.0]
        );
        let transport = samples(Leg::PoliceToTransport, &m, from, to);
        assert_eq!(
            transport.iter().map(|s| s.days).collect::<Vec<_>>(),
            vec![2.5, 34.0]
        );
        // Executed on 1 Feb: outside [from, to).
        assert!(samples(Leg::TransportToExecuted, &m, from, to).is_empty());
        let s = stats(Leg::FinalToPolice, &police);
        assert_eq!((s.n, s.median), (2, Some(5.5)));
        assert!((s.p90.unwrap() - 9.1).abs() < 1e-9);
    }

    #[test]
    fn the_trend_has_one_median_per_week_per_leg() {
        let from = t("2026-01-01T00:00:00Z");
        let to = t("2026-01-22T00:00:00Z");
        let s = |d: &str, days: f64| Sample { ended: t(d), days };
        let per_leg = [
            vec![
                s("2026-01-02T00:00:00Z", 1.0),
                s("2026-01-03T00:00:00Z", 3.0),
                s("2026-01-20T00:00:00Z", 8.0),
            ],
            vec![],
            vec![s("2026-01-09T00:00:00Z", 4.0)],
        ];
        let tr = weekly_trend(&per_leg, from, to);
        assert_eq!(tr.starts.len(), 3);
        assert_eq!(tr.starts[1], t("2026-01-08T00:00:00Z"));
        assert_eq!(tr.medians[0], vec![Some(2.0), None, Some(8.0)]);
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
