//! opcentrum-sim: a discrete-event simulation of the whole return chain
//! (MV → Police → NTE), day by day, deterministic by seed.
//!
//! - [`parse_scenario`] reads a scenario file (TOML; every rate, capacity and the
//!   policy), naming the field of any error;
//! - [`run`] simulates one replication; trips are planned by the real
//!   `opcentrum_planner::plan` (heuristic mode) each planning round;
//! - [`summarise`] / [`compare`] turn replications into means with 95% intervals;
//! - [`report`] writes the CSV and the self-contained HTML report with SVG plots.
//!
//! The policies (`siloed`, `integrated`) are code paths: who is handed over when
//! (`engine`), who gets a detention place (`detention`), how charters are booked
//! and dated (`charter`), and what the planner sees (`planning`).

mod case;
mod charter;
pub mod config;
mod detention;
mod engine;
pub mod outcome;
mod planning;
mod random;
pub mod report;
pub mod stats;

pub use case::End;
pub use config::{ConfigError, Policy, SimScenario, parse_scenario};
pub use outcome::{Metric, RunOutcome};
pub use stats::{Comparison, Summary, compare, summarise};

/// One replication of `scenario` with `seed`. Pure: same inputs, same outcome.
pub fn run(scenario: &SimScenario, seed: u64) -> RunOutcome {
    let mut outcome = engine::Sim::new(scenario, seed).run();
    outcome.seed = seed;
    outcome
}

/// The seed of replication `index` of a study with base seed `seed`.
pub fn replication_seed(seed: u64, index: u32) -> u64 {
    seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(u64::from(index).wrapping_mul(0xD1B5_4A32_D192_ED03))
        ^ u64::from(index)
}
