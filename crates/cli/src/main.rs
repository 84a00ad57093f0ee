//! `opcentrum`: the operations centre's one binary. Thin: every command parses
//! its arguments, opens the store and calls into the library crates.

mod commands;

/// The service builds and drops many small JSON trees per request; mimalloc
/// handles that far better than the system allocator (BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The shared operations centre of Migrationsverket, the Police and the Prison
/// and Probation Service (NTE) for enforcing final return decisions.
#[derive(Parser)]
#[command(name = "opcentrum", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the JSON API (and pages) on localhost.
    Serve(commands::serve::Args),
    /// Fill a database with a synthetic, deterministic population.
    Demo(commands::demo::Args),
    /// Import cases from CSV or JSON Lines; every row is checked first, one bad row imports nothing.
    Import(commands::import::Args),
    /// Export every case's whole history as JSON Lines (what `import` reads back).
    Export(commands::export::Args),
    /// Manage users and API tokens.
    #[command(subcommand)]
    User(commands::user::Command),
    /// Check that every projection equals the replay of the event log.
    Verify(commands::verify::Args),
    /// The audit trail: verify its hash chain, or show it by case or user.
    #[command(subcommand)]
    Audit(commands::audit::Command),
    /// Plan trips for a scenario file, or check a plan (`plan check SCENARIO PLAN`).
    Plan(commands::plan::Args),
    /// Simulate the whole chain: replications in parallel, outcomes with 95% intervals, CSV and HTML.
    Simulate(commands::simulate::Args),
    /// Planning scenarios: `scenario gen --persons N --seed S`.
    #[command(subcommand)]
    Scenario(commands::scenario::Command),
    /// The government report for a period: HTML with plots, CSV or JSON; `--public` withholds small counts.
    Report(commands::report::Args),
    /// Back up a SQLite store online to FILE (checked; PostgreSQL: pg_dump, docs/deployment.md).
    Backup(commands::backup::Args),
    /// Restore a backup FILE to a SQLite store, after checking it replays and its audit chain verifies.
    Restore(commands::restore::Args),
    /// Retention (gallring): pseudonymise closed cases after a period.
    #[command(subcommand)]
    Retention(commands::retention::Command),
    /// Measure speed and print a table (see BENCHMARKS.md).
    #[command(subcommand)]
    Bench(commands::bench::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    commands::init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(a) => commands::serve::run(a).await,
            Command::Demo(a) => commands::demo::run(a).await,
            Command::Import(a) => commands::import::run(a).await,
            Command::Export(a) => commands::export::run(a).await,
            Command::User(c) => commands::user::run(c).await,
            Command::Verify(a) => commands::verify::run(a).await,
            Command::Plan(a) => commands::plan::run(a).await,
            Command::Simulate(a) => commands::simulate::run(a).await,
            Command::Scenario(c) => commands::scenario::run(c).await,
            Command::Bench(c) => commands::bench::run(c).await,
            Command::Audit(c) => commands::audit::run(c).await,
            Command::Report(a) => commands::report::run(a).await,
            Command::Backup(a) => commands::backup::run(a).await,
            Command::Restore(a) => commands::restore::run(a).await,
            Command::Retention(c) => commands::retention::run(c).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
