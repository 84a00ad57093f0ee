//! `opcentrum retention run --older-than DAYS`: pseudonymise closed cases
//! (gallring). The period comes from the flag or `OPCENTRUM_RETENTION_DAYS`.

use super::DbArgs;
use anyhow::bail;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::{SignedDuration, Timestamp};
use opcentrum_store::RetentionRun;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Pseudonymise cases closed more than DAYS days ago; statistics and the audit chain stay valid.
    Run {
        #[command(flatten)]
        db: DbArgs,
        /// Days since a case closed before it is pseudonymised.
        #[arg(long, env = "OPCENTRUM_RETENTION_DAYS")]
        older_than: u32,
        /// Who runs it (recorded in the audit trail).
        #[arg(long, default_value = "system.retention")]
        user: String,
        /// List what would be pseudonymised; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    let Command::Run {
        db,
        older_than,
        user,
        dry_run,
    } = cmd;
    if older_than > 100 * 366 {
        bail!("--older-than: at most 36,600 days");
    }
    let store = db.open().await?;
    let now = Timestamp::now();
    let closed_before = now
        .checked_sub(SignedDuration::from_hours(24 * i64::from(older_than)))
        .map_err(|e| anyhow::anyhow!("--older-than: {e}"))?;
    if dry_run {
        let ids = store.retention_candidates(closed_before).await?;
        println!(
            "{} closed case(s) closed before {closed_before} would be pseudonymised",
            ids.len()
        );
        for id in ids {
            println!("  {id}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let run = RetentionRun {
        closed_before,
        now,
        user,
        agency: "oversight".into(),
        role: "legal_officer".into(),
        request_id: format!("retention-{}", uuid_like(now)),
    };
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("pseudonymising [{bar:40}] {pos}/{len} cases")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = store
        .run_retention(&run, |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        })
        .await?;
    bar.finish_and_clear();
    println!(
        "retention: {} case(s) closed before {closed_before} pseudonymised ({} events rewritten); the audit trail records each",
        report.cases, report.events_rewritten
    );
    Ok(ExitCode::SUCCESS)
}

fn uuid_like(now: Timestamp) -> String {
    format!("{:x}", now.as_nanosecond())
}
