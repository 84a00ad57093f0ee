//! `opcentrum restore FILE`: puts a backup in place of a SQLite store, only after
//! checking it: its projections replay from its log, its audit chain verifies,
//! and (when the backup's manifest is there) it holds exactly what was backed up.
//! The restored store is checked again in its new place.

use super::{
    DbArgs,
    backup::{check_store, manifest_path},
};
use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use opcentrum_store::{Backend, StateDigest, Store, normalise_url};
use std::{path::PathBuf, process::ExitCode};

#[derive(ClapArgs)]
pub struct Args {
    /// Where to restore to (a SQLite file; stop the server first).
    #[command(flatten)]
    db: DbArgs,
    /// The backup file written by `opcentrum backup`.
    file: PathBuf,
    /// Replace an existing database file.
    #[arg(long)]
    force: bool,
}

fn sidecars(path: &str) -> [String; 2] {
    [format!("{path}-wal"), format!("{path}-shm")]
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let (backend, url) = normalise_url(&args.db.database_url);
    if backend == Backend::Postgres {
        bail!("--database-url: PostgreSQL is restored with pg_restore (docs/deployment.md)");
    }
    let target = url.trim_start_matches("sqlite://");
    let target = target.split('?').next().unwrap_or(target).to_owned();
    if !args.file.is_file() {
        bail!("FILE: {} is not a file", args.file.display());
    }
    if std::path::Path::new(&target).exists() && !args.force {
        bail!("--database-url: {target} exists; pass --force to replace it");
    }
    let expected: Option<StateDigest> = match std::fs::read_to_string(manifest_path(&args.file)) {
        Ok(text) => {
            Some(serde_json::from_str(&text).context("the backup's manifest is not valid")?)
        }
        Err(_) => {
            eprintln!("restore: no manifest next to the backup; checking the log and chain only");
            None
        }
    };
    // Check a copy first: the target is only touched once the backup proves whole.
    let staging = format!("{target}.restoring");
    for f in std::iter::once(staging.clone()).chain(sidecars(&staging)) {
        let _ = std::fs::remove_file(f);
    }
    std::fs::copy(&args.file, &staging)
        .with_context(|| format!("cannot copy {} to {staging}", args.file.display()))?;
    let copy = Store::connect(&staging).await?;
    let digest = check_store(&copy).await;
    copy.close().await;
    let digest = match digest {
        Ok(d) => d,
        Err(e) => {
            let _ = std::fs::remove_file(&staging);
            return Err(e.context("the backup does not verify; nothing was restored"));
        }
    };
    if let Some(want) = &expected
        && *want != digest
    {
        let _ = std::fs::remove_file(&staging);
        bail!(
            "the backup differs from its manifest (manifest: {} events, {} cases, audit head {}; file: {} events, {} cases, audit head {}); nothing was restored",
            want.events,
            want.cases,
            want.audit_head,
            digest.events,
            digest.cases,
            digest.audit_head
        );
    }
    for f in sidecars(&target) {
        let _ = std::fs::remove_file(f);
    }
    std::fs::rename(&staging, &target)
        .with_context(|| format!("cannot move the restored store to {target}"))?;
    let restored = Store::connect(&target).await?;
    let again = check_store(&restored).await;
    restored.close().await;
    let again = again.context("the restored store does not verify")?;
    if again != digest {
        bail!("the restored store differs from the backup");
    }
    println!(
        "restored {} to {target}: {} cases, {} events replay to the same state; {} audit records, chain intact{}",
        args.file.display(),
        again.cases,
        again.events,
        again.audit_records,
        if expected.is_some() {
            "; equal to the backup's manifest"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}
