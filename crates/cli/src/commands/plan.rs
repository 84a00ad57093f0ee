//! `opcentrum plan`: plan a scenario file; `opcentrum plan check`: check a plan.

use anyhow::Context;
use clap::{Args as ClapArgs, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_planner::{
    Engine, Options, Plan, Progress, Scenario, check_plan, parse_scenario, plan_with_work_limit,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(ClapArgs)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// The scenario (opcentrum-planning/1 JSON).
    #[arg(long, required = true)]
    scenario: Option<PathBuf>,
    /// Seconds the search may take in all: an outer limit; a plan it cuts short
    /// says `"stopped": "time_limit"` and may differ from run to run.
    #[arg(long, default_value_t = 60.0)]
    time_limit: f64,
    /// Branch-and-bound nodes the exact search may use (default: no limit but
    /// time). Within it the same scenario always gives the same plan.
    #[arg(long)]
    work_limit: Option<u64>,
    /// Print the plan as JSON (opcentrum-plan/1) instead of a table.
    #[arg(long)]
    json: bool,
    /// Only the greedy heuristic: a valid plan at once, no proof.
    #[arg(long)]
    heuristic_only: bool,
    /// The exact search's engine: microlp (pure Rust), or highs in a build with
    /// `--features highs`.
    #[arg(long, default_value_t = Engine::Microlp)]
    engine: Engine,
}

#[derive(Subcommand)]
enum Sub {
    /// Check a plan against every rule of the planning contract; exit 1 if any breaks.
    Check {
        /// The scenario the plan is for.
        scenario: PathBuf,
        /// The plan (opcentrum-plan/1 JSON).
        plan: PathBuf,
    },
}

pub fn read_scenario(path: &Path) -> anyhow::Result<Scenario> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_scenario(&text).with_context(|| format!("{} is not a valid scenario", path.display()))
}

pub async fn run(a: Args) -> anyhow::Result<ExitCode> {
    if let Some(Sub::Check { scenario, plan }) = a.command {
        return check(&scenario, &plan);
    }
    let path = a.scenario.context("--scenario FILE is required")?;
    if !(a.time_limit.is_finite() && a.time_limit > 0.0 && a.time_limit <= 86_400.0) {
        anyhow::bail!(
            "--time-limit: must be a number of seconds between 0 and 86400, found {}",
            a.time_limit
        );
    }
    let scenario = read_scenario(&path)?;
    let options = Options {
        time_limit: Duration::from_secs_f64(a.time_limit),
        exact: !a.heuristic_only,
        engine: a.engine,
    };
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed:>4} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let bar2 = bar.clone();
    let persons = scenario.persons.len();
    let work_limit = a.work_limit;
    let mut plan = tokio::task::spawn_blocking(move || {
        plan_with_work_limit(&scenario, &options, work_limit, &mut |p: &Progress| {
            bar2.set_message(progress_line(p, persons));
        })
    })
    .await
    .context("the planner stopped unexpectedly")?;
    bar.finish_and_clear();
    if a.json {
        // The plan alone on stdout, identical for identical input; the time on stderr.
        let seconds = plan.solve_seconds.take();
        println!("{}", serde_json::to_string_pretty(&plan)?);
        if let Some(s) = seconds {
            eprintln!("searched {s:.2} s ({} nodes)", plan.search.work);
        }
    } else {
        print_table(&read_scenario(&path)?, &plan);
    }
    Ok(ExitCode::SUCCESS)
}

/// The progress line: the objective against the proven bounds, and the gap on
/// the term the search is working on.
pub fn progress_line(p: &Progress, persons: usize) -> String {
    let working = match (p.working_on, p.gap_percent()) {
        (None, _) => "proven optimal".to_string(),
        (Some(t), Some(gap)) => format!("working on {} (gap {gap:.2} %)", t.label()),
        (Some(t), None) => format!("working on {}", t.label()),
    };
    format!(
        "{}: detained {} / bound {}, moved {} / bound {} of {persons}, cost {} SEK; {working}; {} nodes",
        p.stage.label(),
        p.objective.detained_moved,
        p.bound.detained_moved,
        p.objective.moved,
        p.bound.moved,
        p.objective.cost,
        p.work
    )
}

fn check(scenario: &Path, plan_path: &Path) -> anyhow::Result<ExitCode> {
    let scenario = read_scenario(scenario)?;
    let text = std::fs::read_to_string(plan_path)
        .with_context(|| format!("cannot read {}", plan_path.display()))?;
    let de = &mut serde_json::Deserializer::from_str(&text);
    let plan: Plan = serde_path_to_error::deserialize(de)
        .map_err(|e| anyhow::anyhow!("{}: $.{}: {}", plan_path.display(), e.path(), e.inner()))?;
    match check_plan(&scenario, &plan) {
        Ok(o) => {
            println!(
                "valid: {} detained and {} persons moved at {} SEK; {}",
                o.detained_moved,
                o.moved,
                o.cost,
                if plan.optimal {
                    "claims optimal (bound reached)"
                } else {
                    "not claimed optimal"
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(violations) => {
            for v in &violations {
                println!("{v}");
            }
            eprintln!("error: the plan breaks {} rule(s)", violations.len());
            Ok(ExitCode::from(1))
        }
    }
}

fn print_table(s: &Scenario, plan: &Plan) {
    println!(
        "{:<8} {:<10} {:<4} {:<9} {:>9} {:>7} {:>12}",
        "trip", "date", "to", "kind", "returnees", "escorts", "cost SEK"
    );
    let mut charters = 0u32;
    let mut on_charters = 0u32;
    for t in &plan.trips {
        let (date, dest, kind, fill, cost) =
            if let Some(c) = s.charters.iter().find(|c| c.id == t.trip) {
                charters += 1;
                on_charters += t.persons.len() as u32;
                (
                    c.date,
                    c.destination,
                    "charter",
                    format!("{}/{}", t.persons.len(), c.quota),
                    c.cost,
                )
            } else if let Some(f) = s.flights.iter().find(|f| f.id == t.trip) {
                let cost = f.ticket_cost * (t.persons.len() + t.escorts.len()) as u64;
                (
                    f.date,
                    f.destination,
                    "scheduled",
                    format!("{}/{}", t.persons.len(), f.returnee_seats),
                    cost,
                )
            } else {
                continue;
            };
        println!(
            "{:<8} {:<10} {:<4} {:<9} {:>9} {:>7} {:>12}",
            t.trip,
            date.to_string(),
            dest.as_str(),
            kind,
            fill,
            t.escorts.len(),
            cost
        );
    }
    println!();
    let o = plan.objective;
    println!(
        "detained moved  {:>7} of bound {}",
        o.detained_moved, plan.bound.detained_moved
    );
    println!(
        "persons moved   {:>7} of bound {} ({} in the scenario)",
        o.moved,
        plan.bound.moved,
        s.persons.len()
    );
    println!(
        "cost            {:>7} SEK ({} SEK per person moved)",
        o.cost,
        if o.moved > 0 {
            o.cost / u64::from(o.moved)
        } else {
            0
        }
    );
    if charters > 0 {
        println!(
            "per charter     {:>7.1} persons on {charters} operated charter(s)",
            f64::from(on_charters) / f64::from(charters)
        );
    }
    println!(
        "optimal         {:>7} (stopped: {}; {} nodes, {:.2} s)",
        plan.optimal,
        stopped_label(plan.search.stopped),
        plan.search.work,
        plan.solve_seconds.unwrap_or(0.0)
    );
    if let Some(t) = plan.search.working_on {
        println!("working on      {:>7}", t.label());
    }
    if !plan.unplanned.is_empty() {
        let mut by_reason: std::collections::BTreeMap<&str, usize> = Default::default();
        for u in &plan.unplanned {
            *by_reason.entry(u.reason.code()).or_default() += 1;
        }
        println!("\nunplanned: {}", plan.unplanned.len());
        for (code, n) in by_reason {
            println!("  {code:<20} {n}");
        }
    }
}

fn stopped_label(s: opcentrum_planner::Stopped) -> &'static str {
    use opcentrum_planner::Stopped;
    match s {
        Stopped::Proven => "proven",
        Stopped::WorkLimit => "work limit",
        Stopped::TimeLimit => "time limit",
        Stopped::HeuristicOnly => "heuristic only",
        Stopped::Unproven => "bound not reached",
    }
}
