//! `opcentrum bench plan`: the planner on generated scenarios of the issue's
//! sizes, printed as a table (figures recorded in BENCHMARKS.md).

use clap::Args as ClapArgs;
use indicatif::{ProgressBar, ProgressStyle};
use opcentrum_planner::{Options, Plan, Scenario, check_plan, plan};
use opcentrum_synth::scenario::{ScenarioOptions, generate_scenario};
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
        limit: 30,
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

pub fn run(a: PlanArgs) -> anyhow::Result<ExitCode> {
    let sizes: Vec<&Size> = SIZES
        .iter()
        .filter(|s| s.persons <= a.max_persons)
        .collect();
    let bar = ProgressBar::new(sizes.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = Vec::new();
    for size in sizes {
        bar.set_message(format!("{} persons", size.persons));
        let mut o = ScenarioOptions::new(size.persons, a.seed, jiff::civil::date(2026, 12, 1));
        o.escorts = size.escorts;
        o.days = size.days;
        o.charters = size.charters;
        o.flights = size.flights;
        let s = generate_scenario(&o);
        let started = Instant::now();
        let first = plan(
            &s,
            &Options {
                time_limit: Duration::from_secs(size.limit),
                exact: false,
            },
            &mut |_| {},
        );
        let first_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let best = plan(
            &s,
            &Options {
                time_limit: Duration::from_secs(size.limit),
                exact: true,
            },
            &mut |_| {},
        );
        let secs = started.elapsed().as_secs_f64();
        let valid = check_plan(&s, &first).is_ok() && check_plan(&s, &best).is_ok();
        let gap = if best.bound.moved > 0 {
            100.0 * f64::from(best.bound.moved - best.objective.moved) / f64::from(best.bound.moved)
        } else {
            0.0
        };
        rows.push(format!(
            "{:>6} {:>7} {:>4} {:>6.2} {:>6} {:>13} {:>13} {:>6.2} {:>7} {:>7.1} {:>10} {:>9} {:>5}",
            size.persons,
            size.escorts,
            size.days,
            first_secs,
            first.objective.moved,
            format!("{}/{}", best.objective.detained_moved, best.bound.detained_moved),
            format!("{}/{}", best.objective.moved, best.bound.moved),
            gap,
            best.optimal,
            secs,
            per_charter(&s, &best),
            if best.objective.moved > 0 { best.objective.cost / u64::from(best.objective.moved) } else { 0 },
            valid,
        ));
        bar.inc(1);
    }
    bar.finish_and_clear();
    println!(
        "{:>6} {:>7} {:>4} {:>6} {:>6} {:>13} {:>13} {:>6} {:>7} {:>7} {:>10} {:>9} {:>5}",
        "persons",
        "escorts",
        "days",
        "1st s",
        "1st mv",
        "detained/bnd",
        "moved/bound",
        "gap %",
        "optimal",
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
