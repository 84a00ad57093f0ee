//! `opcentrum bench sim`: one simulated year of the Swedish chain (about 20,000
//! decisions), timed per replication on one thread, then N replications in
//! parallel. Figures recorded in BENCHMARKS.md.

use super::simulate::read_sim_scenario;
use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_sim::{Metric, replication_seed, run};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(ClapArgs)]
pub struct SimArgs {
    /// The scenario whose rates are used; the bench sets one year, no warm-up,
    /// and 20,000 decisions a year.
    #[arg(long, default_value = "scenarios/sweden-integrated.toml")]
    scenario: PathBuf,
    /// Replications timed one by one on one thread.
    #[arg(long, default_value_t = 10)]
    single: u32,
    /// Replications run in parallel (rayon, all cores).
    #[arg(long, default_value_t = 100)]
    runs: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run_bench(a: SimArgs) -> anyhow::Result<ExitCode> {
    let mut s = read_sim_scenario(&a.scenario)?;
    s.warmup_days = 0;
    s.days = 365;
    s.arrivals.per_day = 20_000.0 / 365.0;
    let mut times = Vec::new();
    let mut cases = 0;
    let mut calls = 0;
    for i in 0..a.single {
        let t = Instant::now();
        let r = run(&s, replication_seed(a.seed, i));
        times.push(t.elapsed());
        cases = r.cases;
        calls = r.planner_calls;
    }
    times.sort();
    let bar = ProgressBar::new(u64::from(a.runs)).with_style(
        ProgressStyle::with_template("parallel [{bar:40}] {pos}/{len} replications")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let t = Instant::now();
    let executed: f64 = (0..a.runs)
        .into_par_iter()
        .map(|i| {
            let r = run(&s, replication_seed(a.seed, 1000 + i));
            bar.inc(1);
            r.value(Metric::ExecutedPerMonth)
        })
        .sum();
    let parallel = t.elapsed();
    bar.finish_and_clear();
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    let mean = times.iter().sum::<Duration>() / a.single.max(1);
    println!("scenario            {}", a.scenario.display());
    println!("simulated days      365 (no warm-up), {cases} decisions in the last timed run");
    println!("planner calls/run   {calls}");
    println!(
        "one replication     mean {} ms, min {} ms, max {} ms  (1 thread, {} runs)",
        ms(mean),
        ms(times.first().copied().unwrap_or_default()),
        ms(times.last().copied().unwrap_or_default()),
        a.single
    );
    println!(
        "{} replications    {:.2} s wall on {} threads ({} ms per replication)",
        a.runs,
        parallel.as_secs_f64(),
        rayon::current_num_threads(),
        ms(parallel / a.runs.max(1))
    );
    println!(
        "check               executed per month, mean over the parallel runs: {:.1}",
        executed / f64::from(a.runs.max(1))
    );
    Ok(ExitCode::SUCCESS)
}
