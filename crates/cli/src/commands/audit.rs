use super::DbArgs;
use clap::Subcommand;
use opcentrum_access::audit::verify;
use opcentrum_store::AuditQuery;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Command {
    /// Walk the hash chain; name the first record altered, removed or reordered (exit 1).
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Show the trail by case and/or user.
    Show {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        case: Option<String>,
        #[arg(long)]
        user: Option<String>,
        #[arg(long, default_value_t = 200)]
        limit: u32,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Verify { db } => {
            let store = db.open().await?;
            let trail = store.audit_trail().await?;
            let (head_seq, head_hash) = store.audit_head().await?;
            match verify(&trail) {
                Ok(summary) if summary.records == head_seq && summary.head_hash == head_hash => {
                    println!(
                        "ok: {} audit records; the chain is intact (head {})",
                        summary.records,
                        &summary.head_hash[..16]
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Ok(summary) => {
                    println!(
                        "broken: the chain ends at record {} but its head says {} — the newest records were removed",
                        summary.records, head_seq
                    );
                    Ok(ExitCode::from(1))
                }
                Err(b) => {
                    println!("broken: record {}: {:?}: {}", b.seq, b.kind, b.detail);
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Show {
            db,
            case,
            user,
            limit,
            json,
        } => {
            let store = db.open().await?;
            let records = store
                .audit_records(&AuditQuery {
                    case,
                    user,
                    after: None,
                    limit,
                })
                .await?;
            for r in records {
                if json {
                    println!("{}", serde_json::to_string(&r)?);
                } else {
                    let e = &r.entry;
                    println!(
                        "{:>7} {} {:<24} {:<16} {:<15} {:<12} {:<16} {}",
                        r.seq,
                        e.at.strftime("%Y-%m-%d %H:%M:%S"),
                        e.user,
                        e.agency,
                        e.role,
                        e.action.code(),
                        e.case.as_deref().unwrap_or("-"),
                        e.categories
                            .iter()
                            .map(|c| c.code())
                            .collect::<Vec<_>>()
                            .join(",")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
