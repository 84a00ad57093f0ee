//! What one replication produced: the measured figures (after the warm-up) and
//! the end state of every case, for conservation checks.

use crate::case::{End, Stage};
use crate::engine::Sim;
use std::collections::BTreeMap;

/// Running tallies during the measured period.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    pub arrived_cases: u64,
    pub arrived_persons: u64,
    pub handovers: u64,
    pub executed: u64,
    pub executed_charter: u64,
    pub executed_escorted: u64,
    pub voluntary: u64,
    pub expired: u64,
    pub permits: u64,
    pub absconded: u64,
    pub impediments: u64,
    pub failed_attempts: u64,
    pub released_at_limit: u64,
    /// Person-days in detention.
    pub detention_days: u64,
    pub lead_final: Vec<u32>,
    pub lead_handover: Vec<u32>,
    pub planner_calls: u64,
    /// Longest placement ended so far (days) and placements held past their limit.
    pub longest_detention: u32,
    pub over_limit: u64,
}

/// The figures the simulation reports, one value per replication each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    ExecutedPerMonth,
    CharterExecutedPerMonth,
    ChartersPerMonth,
    PersonsPerCharter,
    CharterShare,
    DetentionOccupancy,
    ReleasedAtLimitPerMonth,
    LeadFinalMedian,
    LeadHandoverMedian,
    LeadHandoverP90,
    CostPerPerson,
    AbscondedPerMonth,
    VoluntaryPerMonth,
    FailedAttemptsPerMonth,
}

impl Metric {
    pub const ALL: [Metric; 14] = [
        Metric::ExecutedPerMonth,
        Metric::CharterExecutedPerMonth,
        Metric::ChartersPerMonth,
        Metric::PersonsPerCharter,
        Metric::CharterShare,
        Metric::DetentionOccupancy,
        Metric::ReleasedAtLimitPerMonth,
        Metric::LeadFinalMedian,
        Metric::LeadHandoverMedian,
        Metric::LeadHandoverP90,
        Metric::CostPerPerson,
        Metric::AbscondedPerMonth,
        Metric::VoluntaryPerMonth,
        Metric::FailedAttemptsPerMonth,
    ];

    /// Stable key (CSV column, HTML id).
    pub fn key(self) -> &'static str {
        match self {
            Metric::ExecutedPerMonth => "executed_per_month",
            Metric::CharterExecutedPerMonth => "charter_executed_per_month",
            Metric::ChartersPerMonth => "charters_per_month",
            Metric::PersonsPerCharter => "persons_per_charter",
            Metric::CharterShare => "charter_share",
            Metric::DetentionOccupancy => "detention_occupancy",
            Metric::ReleasedAtLimitPerMonth => "released_at_limit_per_month",
            Metric::LeadFinalMedian => "lead_final_to_executed_median_days",
            Metric::LeadHandoverMedian => "lead_handover_to_executed_median_days",
            Metric::LeadHandoverP90 => "lead_handover_to_executed_p90_days",
            Metric::CostPerPerson => "cost_per_person_moved_sek",
            Metric::AbscondedPerMonth => "absconded_per_month",
            Metric::VoluntaryPerMonth => "voluntary_departures_per_month",
            Metric::FailedAttemptsPerMonth => "failed_attempts_per_month",
        }
    }

    /// The outcome's name in `lang`: the catalogue's `sim.metric.<key>`
    /// (crates/text/i18n/*/simulation.toml; the key itself if it were missing,
    /// which `tests::every_metric_has_a_label_in_both_languages` forbids).
    pub fn label(self, lang: opcentrum_text::Lang) -> &'static str {
        opcentrum_text::Tr::new(lang)
            .try_t(&format!("sim.metric.{}", self.key()))
            .unwrap_or(self.key())
    }
}

/// One replication's result.
#[derive(Debug, Clone, PartialEq)]
pub struct RunOutcome {
    pub seed: u64,
    pub values: BTreeMap<Metric, f64>,
    /// Cases by end (whole run, warm-up included).
    pub ends: BTreeMap<End, u64>,
    /// Persons by end (whole run).
    pub end_persons: BTreeMap<End, u64>,
    /// Persons executed, voluntarily departed, expired, granted a permit in the
    /// measured period (the counters the metrics come from).
    pub measured_ends: [u64; 4],
    /// Cases still open at the end, by stage name.
    pub open: BTreeMap<&'static str, u64>,
    pub cases: u64,
    /// Longest detention seen (days) and the longest legal limit any placement had.
    pub longest_detention: u32,
    /// Placements held past their legal limit (must be 0).
    pub over_limit: u64,
    pub planner_calls: u64,
    /// Per measured month: executed persons, by charter persons, charters.
    pub monthly: Vec<[u64; 3]>,
}

impl RunOutcome {
    pub fn value(&self, m: Metric) -> f64 {
        self.values.get(&m).copied().unwrap_or(f64::NAN)
    }
}

fn quantile(v: &mut [u32], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_unstable();
    let i = ((v.len() - 1) as f64 * q).round() as usize;
    f64::from(v[i.min(v.len() - 1)])
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Final(_) => "final",
        Stage::AwaitingHandover => "awaiting_handover",
        Stage::Absconded => "absconded",
        Stage::Police => "with_police",
        Stage::Suspended => "suspended",
        Stage::Planned(_) => "planned",
        Stage::Ended(_) => "ended",
    }
}

pub(crate) fn finish(sim: &Sim) -> RunOutcome {
    let k = &sim.counters;
    let s = sim.s;
    let months = f64::from(s.days) / (365.25 / 12.0);
    let per_month = |n: u64| n as f64 / months;
    let measured_trips = sim.trips.iter().filter(|t| t.flown && sim.measured(t.day));
    let (mut charters, mut cost) = (0u64, 0u64);
    let n_months = months.ceil().max(1.0) as usize;
    let mut monthly = vec![[0u64; 3]; n_months];
    for t in measured_trips {
        let m = (((t.day - s.warmup_days) as f64) / (365.25 / 12.0)) as usize;
        let m = m.min(n_months - 1);
        monthly[m][0] += u64::from(t.executed);
        if t.charter {
            charters += 1;
            monthly[m][1] += u64::from(t.executed);
            monthly[m][2] += 1;
        }
        cost += t.cost;
    }
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
    let places: u64 = s
        .detention
        .facilities
        .iter()
        .map(|f| u64::from(f.places))
        .sum();
    let mut lead_final = k.lead_final.clone();
    let mut lead_handover = k.lead_handover.clone();
    let values = [
        (Metric::ExecutedPerMonth, per_month(k.executed)),
        (
            Metric::CharterExecutedPerMonth,
            per_month(k.executed_charter),
        ),
        (Metric::ChartersPerMonth, per_month(charters)),
        (
            Metric::PersonsPerCharter,
            ratio(k.executed_charter as f64, charters as f64),
        ),
        (
            Metric::CharterShare,
            ratio(k.executed_charter as f64, k.executed as f64),
        ),
        (
            Metric::DetentionOccupancy,
            ratio(k.detention_days as f64, (places * u64::from(s.days)) as f64),
        ),
        (
            Metric::ReleasedAtLimitPerMonth,
            per_month(k.released_at_limit),
        ),
        (Metric::LeadFinalMedian, quantile(&mut lead_final, 0.5)),
        (
            Metric::LeadHandoverMedian,
            quantile(&mut lead_handover, 0.5),
        ),
        (Metric::LeadHandoverP90, quantile(&mut lead_handover, 0.9)),
        (Metric::CostPerPerson, ratio(cost as f64, k.executed as f64)),
        (Metric::AbscondedPerMonth, per_month(k.absconded)),
        (Metric::VoluntaryPerMonth, per_month(k.voluntary)),
        (Metric::FailedAttemptsPerMonth, per_month(k.failed_attempts)),
    ]
    .into_iter()
    .collect();
    let mut ends = BTreeMap::new();
    let mut end_persons = BTreeMap::new();
    let mut open = BTreeMap::new();
    let mut longest = k.longest_detention;
    let mut over_limit = k.over_limit;
    for c in &sim.cases {
        match c.stage {
            Stage::Ended(e) => {
                *ends.entry(e).or_insert(0) += 1;
                *end_persons.entry(e).or_insert(0) += u64::from(c.size);
            }
            st => *open.entry(stage_name(st)).or_insert(0) += 1,
        }
        if let Some(p) = c.detention {
            longest = longest.max(sim.today - p.since);
            over_limit += u64::from(sim.today > p.limit + 1);
        }
    }
    for e in End::ALL {
        ends.entry(e).or_insert(0);
        end_persons.entry(e).or_insert(0);
    }
    RunOutcome {
        seed: 0,
        values,
        ends,
        end_persons,
        measured_ends: [k.executed, k.voluntary, k.expired, k.permits],
        open,
        cases: sim.cases.len() as u64,
        longest_detention: longest,
        over_limit,
        planner_calls: k.planner_calls,
        monthly,
    }
}
