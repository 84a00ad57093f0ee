use super::DbArgs;
use anyhow::{Context, bail};
use clap::{Args as ClapArgs, ValueEnum};
use opcentrum_access::{FieldCategory, audit::AuditAction};
use opcentrum_domain::{Actor, Agency, ids::UserName};
use opcentrum_exchange::{FacilityKinds, parse_csv, parse_jsonl};
use std::{path::PathBuf, process::ExitCode};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Jsonl,
}

#[derive(ClapArgs)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// A .csv (new cases) or .jsonl (whole histories, as `export` writes) file.
    file: PathBuf,
    /// Format; by default from the file's extension.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Who registers CSV rows (a named user).
    #[arg(long, default_value = "import")]
    user: String,
    /// The agency registering CSV rows.
    #[arg(long, default_value = "migrationsverket")]
    agency: String,
}

pub async fn run(args: Args) -> anyhow::Result<ExitCode> {
    let format = match (args.format, args.file.extension().and_then(|e| e.to_str())) {
        (Some(f), _) => f,
        (None, Some("csv")) => Format::Csv,
        (None, Some("jsonl" | "ndjson" | "json")) => Format::Jsonl,
        _ => bail!(
            "{}: cannot tell the format from the extension; pass --format csv or --format jsonl",
            args.file.display()
        ),
    };
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let store = args.db.open().await?;
    let facilities: FacilityKinds = store
        .facilities()
        .await?
        .into_iter()
        .map(|f| (f.facility.id, f.facility.kind))
        .collect();
    let now = jiff::Timestamp::now();
    let parsed = match format {
        Format::Jsonl => parse_jsonl(&text, &facilities, store.rules()),
        Format::Csv => {
            let user = UserName::parse(&args.user).map_err(|e| anyhow::anyhow!("--user: {e}"))?;
            let agency = Agency::parse(&args.agency).ok_or_else(|| {
                anyhow::anyhow!(
                    "--agency: unknown agency {:?}; expected migrationsverket, police or nte",
                    args.agency
                )
            })?;
            parse_csv(
                &text,
                &Actor { user, agency },
                now,
                &facilities,
                store.rules(),
            )
        }
    };
    let histories = match parsed {
        Ok(h) => h,
        Err(errors) => {
            eprint!(
                "{}: {}",
                args.file.display(),
                opcentrum_exchange::RowErrors(errors)
            );
            return Ok(ExitCode::from(1));
        }
    };
    // One audit record per imported case, in the import's own transaction:
    // who imported which case from which file, and its categories.
    let file = args
        .file
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let audit = histories
        .iter()
        .filter_map(|h| Some((h.first()?, h.len())))
        .map(|(first, events)| {
            let mut e = super::audit::operator_entry(
                AuditAction::Import,
                vec![format!("{events} events from {file}")],
                "import (command line)",
            );
            e.case = Some(first.case.to_string());
            e.categories = FieldCategory::ALL.to_vec();
            e
        })
        .collect();
    let report = store
        .load_histories_audited(&histories, now, audit)
        .await
        .with_context(|| format!("{}: nothing was imported", args.file.display()))?;
    println!(
        "imported {} cases ({} events) from {}",
        report.cases,
        report.events,
        args.file.display()
    );
    Ok(ExitCode::SUCCESS)
}
