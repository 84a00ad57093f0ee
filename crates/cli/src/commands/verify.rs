use super::DbArgs;
use clap::Args as ClapArgs;
use std::process::ExitCode;

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    let report = store.verify_projections().await?;
    if report.problems.is_empty() {
        println!(
            "ok: {} cases replay to their stored projections; counts and occupancy agree",
            report.cases_checked
        );
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &report.problems {
            println!("problem: {p}");
        }
        println!(
            "{} problem(s) in {} cases",
            report.problems.len(),
            report.cases_checked
        );
        Ok(ExitCode::from(1))
    }
}
