//! `opcentrum backup FILE`: an online, consistent copy of a SQLite store, checked
//! (projections replay, audit chain intact) and described by a manifest
//! (`FILE.manifest.json`, the store's digest) that `restore` compares against.
//! PostgreSQL: pg_dump (docs/deployment.md).

use super::DbArgs;
use anyhow::{Context, bail};
use clap::Args as ClapArgs;
use opcentrum_access::audit::verify;
use opcentrum_store::{StateDigest, Store};
use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to write (must not exist).
    file: PathBuf,
}

/// Where the manifest of a backup file lives.
pub fn manifest_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}

/// Checks a store is whole: every projection equals the replay of the log and
/// the audit chain verifies up to its head. Returns its digest.
pub async fn check_store(store: &Store) -> anyhow::Result<StateDigest> {
    let report = store.verify_projections().await?;
    if let Some(p) = report.problems.first() {
        bail!(
            "the projections do not match the log ({} problem(s)), first: {p}",
            report.problems.len()
        );
    }
    let trail = store.audit_trail().await?;
    let summary = verify(&trail).map_err(|b| anyhow::anyhow!("the audit chain is broken: {b}"))?;
    let digest = store.state_digest().await?;
    if summary.records != digest.audit_records || summary.head_hash != digest.audit_head {
        bail!(
            "the audit chain ends at record {} but its head says {}",
            summary.records,
            digest.audit_records
        );
    }
    Ok(digest)
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.db.open().await?;
    store
        .backup_to(&args.file)
        .await
        .with_context(|| format!("cannot back up to {}", args.file.display()))?;
    store.close().await;
    let copy = Store::connect(&args.file.display().to_string()).await?;
    let digest = check_store(&copy).await;
    copy.close().await;
    let digest = digest.context("the backup does not verify")?;
    let manifest = manifest_path(&args.file);
    std::fs::write(&manifest, serde_json::to_string_pretty(&digest)?)
        .with_context(|| format!("cannot write {}", manifest.display()))?;
    println!(
        "backup: {} ({} cases, {} events, {} audit records; projections replay, audit chain intact); manifest {}",
        args.file.display(),
        digest.cases,
        digest.events,
        digest.audit_records,
        manifest.display()
    );
    Ok(ExitCode::SUCCESS)
}
