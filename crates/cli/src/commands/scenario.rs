//! `opcentrum scenario gen`: write a synthetic planning scenario.

use anyhow::Context;
use clap::{Args as ClapArgs, Subcommand};
use opcentrum_synth::scenario::{RosterKind, ScenarioOptions, generate_scenario};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Write a realistic scenario (opcentrum-planning/1) of any size, deterministic per seed.
    Gen(GenArgs),
}

#[derive(ClapArgs)]
pub struct GenArgs {
    #[arg(long, default_value_t = 300)]
    persons: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// NTE escorts on the roster (default: persons / 5).
    #[arg(long)]
    escorts: Option<usize>,
    /// Days in the planning horizon.
    #[arg(long, default_value_t = 28)]
    days: u32,
    /// Charters on offer (default: persons / 100, at least one).
    #[arg(long)]
    charters: Option<usize>,
    /// Scheduled flights with returnee seats (default: persons / 2).
    #[arg(long)]
    flights: Option<usize>,
    /// First day of the horizon (default: 2026-12-01).
    #[arg(long, default_value = "2026-12-01")]
    start: jiff::civil::Date,
    /// The roster: `patterns` (a few interchangeable rota patterns) or
    /// `individual` (each escort's own leave, part-time and courses; charters of
    /// varied size, quota and cost; a quarter of families detained).
    #[arg(long, default_value = "patterns")]
    roster: RosterKind,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    out: Option<PathBuf>,
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    let Command::Gen(a) = cmd;
    if a.persons == 0 {
        anyhow::bail!("--persons: must be at least 1");
    }
    if a.days == 0 || a.days > 366 {
        anyhow::bail!("--days: must be between 1 and 366, found {}", a.days);
    }
    let mut o = ScenarioOptions::new(a.persons, a.seed, a.start);
    o.days = a.days;
    o.roster = a.roster;
    if let Some(e) = a.escorts {
        o.escorts = e;
    }
    if let Some(c) = a.charters {
        o.charters = c;
    }
    if let Some(f) = a.flights {
        o.flights = f;
    }
    let scenario = generate_scenario(&o);
    let text = serde_json::to_string_pretty(&scenario)?;
    match a.out {
        Some(path) => std::fs::write(&path, text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => println!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
