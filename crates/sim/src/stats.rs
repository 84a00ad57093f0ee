//! Replications into figures: mean and 95% confidence interval per metric
//! (Student's t), and the difference of two scenarios with Welch's interval.

use crate::outcome::{Metric, RunOutcome};

/// Two-sided 95% quantile of Student's t with `df` degrees of freedom.
pub fn t95(df: f64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    if !df.is_finite() || df < 1.0 {
        return f64::NAN;
    }
    let d = df.floor() as usize;
    if d <= 30 {
        TABLE[d - 1]
    } else if d <= 40 {
        2.021
    } else if d <= 60 {
        2.000
    } else if d <= 120 {
        1.980
    } else {
        1.960
    }
}

/// One metric over the replications.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub metric: Metric,
    /// Replications with a value (a run without charters has no persons per charter).
    pub n: usize,
    pub mean: f64,
    pub sd: f64,
    /// Half-width of the 95% confidence interval of the mean.
    pub half_width: f64,
}

impl Summary {
    pub fn low(&self) -> f64 {
        self.mean - self.half_width
    }
    pub fn high(&self) -> f64 {
        self.mean + self.half_width
    }
}

fn values(runs: &[RunOutcome], m: Metric) -> Vec<f64> {
    runs.iter()
        .map(|r| r.value(m))
        .filter(|v| v.is_finite())
        .collect()
}

fn mean_var(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let mean = v.iter().sum::<f64>() / n;
    let var = if v.len() > 1 {
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    } else {
        f64::NAN
    };
    (mean, var)
}

/// Mean and 95% interval of every metric.
pub fn summarise(runs: &[RunOutcome]) -> Vec<Summary> {
    Metric::ALL
        .iter()
        .map(|&metric| {
            let v = values(runs, metric);
            let (mean, var) = mean_var(&v);
            let n = v.len();
            let half_width = t95(n as f64 - 1.0) * (var / n as f64).sqrt();
            Summary {
                metric,
                n,
                mean,
                sd: var.sqrt(),
                half_width,
            }
        })
        .collect()
}

/// `b − a` for one metric, with Welch's 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub a: Summary,
    pub b: Summary,
    pub difference: f64,
    pub half_width: f64,
}

impl Comparison {
    /// Whether the interval of the difference excludes zero.
    pub fn significant(&self) -> bool {
        self.half_width.is_finite() && self.difference.abs() > self.half_width
    }
}

pub fn compare(a_runs: &[RunOutcome], b_runs: &[RunOutcome]) -> Vec<Comparison> {
    summarise(a_runs)
        .into_iter()
        .zip(summarise(b_runs))
        .map(|(a, b)| {
            let (va, vb) = (a.sd.powi(2) / a.n as f64, b.sd.powi(2) / b.n as f64);
            let se = (va + vb).sqrt();
            let df = (va + vb).powi(2)
                / (va.powi(2) / (a.n as f64 - 1.0) + vb.powi(2) / (b.n as f64 - 1.0));
            let df = if df.is_finite() { df } else { 1e9 };
            Comparison {
                a,
                b,
                difference: b.mean - a.mean,
                half_width: t95(df) * se,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn run(v: f64) -> RunOutcome {
        RunOutcome {
            seed: 0,
            values: [(Metric::PersonsPerCharter, v)].into_iter().collect(),
            ends: BTreeMap::new(),
            end_persons: BTreeMap::new(),
            measured_ends: [0; 4],
            open: BTreeMap::new(),
            cases: 0,
            longest_detention: 0,
            over_limit: 0,
            planner_calls: 0,
            monthly: Vec::new(),
        }
    }

    #[test]
    fn interval_of_known_sample() {
        let runs: Vec<RunOutcome> = [10.0, 12.0, 14.0].into_iter().map(run).collect();
        let s = summarise(&runs)
            .into_iter()
            .find(|s| s.metric == Metric::PersonsPerCharter)
            .unwrap();
        assert_eq!(s.n, 3);
        assert!((s.mean - 12.0).abs() < 1e-12);
        assert!((s.sd - 2.0).abs() < 1e-12);
        // t(2) = 4.303; se = 2/sqrt(3)
        assert!((s.half_width - 4.303 * 2.0 / 3f64.sqrt()).abs() < 1e-9);
        let other: Vec<RunOutcome> = [20.0, 22.0, 24.0].into_iter().map(run).collect();
        let c = compare(&runs, &other)
            .into_iter()
            .find(|c| c.a.metric == Metric::PersonsPerCharter)
            .unwrap();
        assert!((c.difference - 10.0).abs() < 1e-12);
        assert!(c.significant());
        // Metrics without values stay NaN, not zero.
        assert!(summarise(&runs)[0].mean.is_nan());
    }
}
