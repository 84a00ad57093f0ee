//! `opcentrum bench plan`: the planner on generated scenarios of the issue's
//! sizes, for both roster kinds side by side (interchangeable rota patterns and
//! individual availability), printed as a table (figures in BENCHMARKS.md).

use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_planner::{
    Engine, Options, Plan, Scenario, Stopped, check_plan, plan_with_work_limit,
};
use opcentrum_synth::scenario::{RosterKind, ScenarioOptions, generate_scenario};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(ClapArgs)]
pub struct PlanArgs {
    /// Seed of the generated scenarios.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Only the sizes up to this many persons (300, 1500, 8000).
    #[arg(long, default_value_t = 8000)]
    max_persons: usize,
    /// Only this roster kind (default: both, side by side).
    #[arg(long)]
    roster: Option<RosterKind>,
    /// Branch-and-bound nodes per plan (default: none but the time limit).
    #[arg(long)]
    work_limit: Option<u64>,
    /// The exact search's engine: microlp (pure Rust), or highs in a build with
    /// `--features highs`.
    #[arg(long, default_value_t = Engine::Microlp)]
    engine: Engine,
}

struct Size {
    persons: usize,
    escorts: usize,
    days: u32,
    charters: usize,
    flights: usize,
    limit: u64,
}

const SIZES: [Size; 3] = [
    Size {
        persons: 300,
        escorts: 60,
        days: 28,
        charters: 3,
        flights: 150,
        limit: 5,
    },
    Size {
        persons: 1500,
        escorts: 250,
        days: 28,
        charters: 10,
        flights: 750,
        limit: 60,
    },
    Size {
        persons: 8000,
        escorts: 1200,
        days: 56,
        charters: 24,
        flights: 2400,
        limit: 120,
    },
];

fn per_charter(s: &Scenario, p: &Plan) -> String {
    let on: Vec<usize> = p
        .trips
        .iter()
        .filter(|t| s.charters.iter().any(|c| c.id == t.trip))
        .map(|t| t.persons.len())
        .collect();
    if on.is_empty() {
        "-".into()
    } else {
        format!(
            "{:.1} ({})",
            on.iter().sum::<usize>() as f64 / on.len() as f64,
            on.len()
        )
    }
}

fn stopped(s: Stopped) -> &'static str {
    match s {
        Stopped::Proven => "proven",
        Stopped::WorkLimit => "work",
        Stopped::TimeLimit => "time",
        Stopped::HeuristicOnly => "heur.",
        Stopped::Unproven => "unproven",
    }
}

fn pct(bound: u64, value: u64) -> f64 {
    if bound == 0 {
        0.0
    } else {
        100.0 * bound.saturating_sub(value) as f64 / bound as f64
    }
}

pub fn run(a: PlanArgs) -> anyhow::Result<ExitCode> {
    let kinds: Vec<RosterKind> = match a.roster {
        Some(k) => vec![k],
        None => vec![RosterKind::Patterns, RosterKind::Individual],
    };
    let runs: Vec<(&Size, RosterKind)> = SIZES
        .iter()
        .filter(|s| s.persons <= a.max_persons)
        .flat_map(|s| kinds.iter().map(move |&k| (s, k)))
        .collect();
    let bar = ProgressBar::new(runs.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = Vec::new();
    for (size, kind) in runs {
        bar.set_message(format!(
            "{} persons, {} roster",
            size.persons,
            kind.as_str()
        ));
        let mut o = ScenarioOptions::new(size.persons, a.seed, jiff::civil::date(2026, 12, 1));
        o.escorts = size.escorts;
        o.days = size.days;
        o.charters = size.charters;
        o.flights = size.flights;
        o.roster = kind;
        let s = generate_scenario(&o);
        let limit = Duration::from_secs(size.limit);
        let started = Instant::now();
        let first = plan_with_work_limit(
            &s,
            &Options {
                time_limit: limit,
                exact: false,
                engine: a.engine,
            },
            None,
            &mut |_| {},
        );
        let first_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let best = plan_with_work_limit(
            &s,
            &Options {
                time_limit: limit,
                exact: true,
                engine: a.engine,
            },
            a.work_limit,
            &mut |_| {},
        );
        let secs = started.elapsed().as_secs_f64();
        let valid = check_plan(&s, &first).is_ok() && check_plan(&s, &best).is_ok();
        let (o, b) = (best.objective, best.bound);
        rows.push(format!(
            "{:<10} {:>7} {:>7} {:>4} {:>6.2} {:>6} {:>13} {:>5.2} {:>13} {:>5.2} {:>6} {:>7} {:>8} {:>8} {:>7.1} {:>10} {:>9} {:>5}",
            kind.as_str(),
            size.persons,
            size.escorts,
            size.days,
            first_secs,
            first.objective.moved,
            format!("{}/{}", o.detained_moved, b.detained_moved),
            pct(u64::from(b.detained_moved), u64::from(o.detained_moved)),
            format!("{}/{}", o.moved, b.moved),
            pct(u64::from(b.moved), u64::from(o.moved)),
            // Cost above its proven lower bound, in percent of the cost.
            b.cost.map_or("-".to_string(), |c| format!("{:.2}", pct(o.cost, c))),
            best.optimal,
            stopped(best.search.stopped),
            best.search.work,
            secs,
            per_charter(&s, &best),
            if o.moved > 0 { o.cost / u64::from(o.moved) } else { 0 },
            valid,
        ));
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!("engine: {}", a.engine);
    println!(
        "{:<10} {:>7} {:>7} {:>4} {:>6} {:>6} {:>13} {:>5} {:>13} {:>5} {:>6} {:>7} {:>8} {:>8} {:>7} {:>10} {:>9} {:>5}",
        "roster",
        "persons",
        "escorts",
        "days",
        "1st s",
        "1st mv",
        "detained/bnd",
        "gap%",
        "moved/bound",
        "gap%",
        "cost%",
        "optimal",
        "stopped",
        "nodes",
        "solve s",
        "per charter",
        "SEK/moved",
        "valid"
    );
    for r in rows {
        println!("{r}");
    }
    Ok(ExitCode::SUCCESS)
}
