//! Study reports: CSV of every replication and of the summary, and a
//! self-contained HTML page with inline SVG plots (no scripts, no external
//! resources). Pure: data in, text out; the caller writes the files.

pub mod csv;
pub mod html;

use crate::{SimScenario, outcome::RunOutcome, replication_seed};
use rayon::prelude::*;

/// The replications of one scenario.
#[derive(Debug, Clone)]
pub struct Study {
    /// The scenario's `name`.
    pub name: String,
    /// `siloed` or `integrated`.
    pub policy: String,
    /// The file it came from, for the record.
    pub source: String,
    pub seed: u64,
    pub runs: Vec<RunOutcome>,
}

impl Study {
    /// Runs `runs` replications of `scenario` in parallel (replication `i`
    /// with `replication_seed(seed, i)`, kept in order, so the study is the
    /// same whatever the number of threads), calling `on_each` after each one
    /// (a progress bar).
    pub fn replicate(
        scenario: &SimScenario,
        source: String,
        runs: u32,
        seed: u64,
        on_each: &(dyn Fn() + Sync),
    ) -> Study {
        let outcomes = (0..runs)
            .into_par_iter()
            .map(|i| {
                let r = crate::run(scenario, replication_seed(seed, i));
                on_each();
                r
            })
            .collect();
        Study {
            name: scenario.name.clone(),
            policy: scenario.policy.name().to_string(),
            source,
            seed,
            runs: outcomes,
        }
    }
}
