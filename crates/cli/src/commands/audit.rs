use super::{
    DbArgs,
    audit_keys::{self, CheckpointSink},
};
use anyhow::Context;
use clap::Subcommand;
use opcentrum_access::{
    audit::{AuditAction, AuditEntry, ChainBreak, verify, verify_sealed},
    checkpoint::{check_checkpoints, parse_checkpoints},
};
use opcentrum_store::AuditQuery;
use std::{path::PathBuf, process::ExitCode};

#[derive(Subcommand)]
pub enum Command {
    /// Walk the hash chain and check every record's seal under the audit key;
    /// with --checkpoints, check the store still holds what each checkpoint
    /// saw. Names the first record altered, removed, reordered, forged or
    /// rolled back (exit 1).
    Verify {
        #[command(flatten)]
        db: DbArgs,
        /// A checkpoint file (or a log holding checkpoint lines), as `serve
        /// --audit-checkpoints` or `audit checkpoint` write it.
        #[arg(long)]
        checkpoints: Option<PathBuf>,
    },
    /// Show the trail by case and/or user (the read is itself audited).
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
    /// Add a fresh key to a keyring file (created if missing, mode 0600); it
    /// becomes the active key, older keys stay to verify older records.
    Keygen {
        /// The keyring file; keep it outside the database.
        #[arg(long)]
        out: PathBuf,
        /// The new key's id, recorded with every record it seals.
        #[arg(long)]
        id: Option<String>,
    },
    /// Write one signed checkpoint of the chain's head now (e.g. from cron).
    Checkpoint {
        #[command(flatten)]
        db: DbArgs,
        /// A file to append to, or `-` for standard output.
        #[arg(long, default_value = "-")]
        out: String,
    },
}

/// The operator's record of a command-line read or change.
pub fn operator_entry(action: AuditAction, what: Vec<String>, purpose: &str) -> AuditEntry {
    let account = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    AuditEntry {
        at: jiff::Timestamp::now(),
        request_id: format!("cli-{}", std::process::id()),
        user: format!("cli:{account}"),
        agency: "operator".into(),
        role: "operator".into(),
        action,
        case: None,
        categories: vec![],
        legal_basis: what,
        purpose: purpose.to_owned(),
    }
}

fn broken(b: &ChainBreak) -> ExitCode {
    println!("broken: record {}: {:?}: {}", b.seq, b.kind, b.detail);
    ExitCode::from(1)
}

async fn verify_cmd(db: DbArgs, checkpoints: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let keys = db.keyring()?;
    // A demo store's checkpoints are next to it, as its key is.
    let checkpoints = checkpoints.or_else(|| {
        audit_keys::DemoStore::of(&db.database_url)
            .map(|d| d.checkpoints())
            .filter(|p| p.exists())
            .inspect(|p| eprintln!("demo store: checking its checkpoints {}", p.display()))
    });
    let store = db.open().await?;
    let trail = store.audit_trail().await?;
    let (head_seq, head_hash) = store.audit_head().await?;
    let (records, head, note) = if keys.is_empty() {
        if let Some(r) = trail.iter().find(|r| !r.key_id.is_empty()) {
            println!(
                "cannot verify: records are sealed (from record {}, key id {}) but no audit key was given: set OPCENTRUM_AUDIT_KEY_FILE or --audit-key-file",
                r.seq, r.key_id
            );
            return Ok(ExitCode::from(1));
        }
        match verify(&trail) {
            Ok(s) => (
                s.records,
                s.head_hash,
                "no record is sealed with a key (none configured)".to_owned(),
            ),
            Err(b) => return Ok(broken(&b)),
        }
    } else {
        match verify_sealed(&trail, &keys) {
            Ok(s) => {
                let by_key = s
                    .by_key
                    .iter()
                    .map(|(k, n)| format!("{n} under key {k}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let note = match (s.unsealed_prefix, by_key.is_empty()) {
                    (0, false) => format!("every record is sealed ({by_key})"),
                    (n, false) => format!(
                        "sealed: {by_key}; the first {n} records predate the key and are covered by the first sealed record"
                    ),
                    (n, true) => format!(
                        "warning: none of the {n} records is sealed with a key; only checkpoints can show they were not rewritten"
                    ),
                };
                (s.records, s.head_hash, note)
            }
            Err(b) => return Ok(broken(&b)),
        }
    };
    if records != head_seq || head != head_hash {
        println!(
            "broken: the chain ends at record {records} but its head says {head_seq} — the newest records were removed"
        );
        return Ok(ExitCode::from(1));
    }
    let mut cp_note = String::new();
    if let Some(path) = checkpoints {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("--checkpoints: cannot read {}", path.display()))?;
        let cps = parse_checkpoints(&text)
            .with_context(|| format!("--checkpoints {}", path.display()))?;
        if keys.is_empty() {
            println!("cannot verify checkpoints without the audit key");
            return Ok(ExitCode::from(1));
        }
        match check_checkpoints(&trail, &cps, &keys) {
            Ok(s) => {
                cp_note = format!(
                    "; {} checkpoint(s) agree (newest at record {})",
                    s.checkpoints,
                    s.newest_seq.unwrap_or(0)
                );
            }
            Err(b) => return Ok(broken(&b)),
        }
    }
    println!(
        "ok: {records} audit records; the chain is intact (head {}); {note}{cp_note}",
        &head[..16.min(head.len())]
    );
    Ok(ExitCode::SUCCESS)
}

pub async fn run(cmd: Command) -> anyhow::Result<ExitCode> {
    match cmd {
        Command::Verify { db, checkpoints } => verify_cmd(db, checkpoints).await,
        Command::Show {
            db,
            case,
            user,
            limit,
            json,
        } => {
            let store = db.open().await?;
            let query = AuditQuery {
                case,
                user,
                after: None,
                limit,
            };
            let records = store.audit_records(&query).await?;
            // Reading the trail is itself a record: who looked at whose trail.
            store
                .audit(vec![operator_entry(
                    AuditAction::AuditRead,
                    audit_query_terms(&query, records.len()),
                    "audit trail read (command line)",
                )])
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
        Command::Keygen { out, id } => {
            let id = id
                .unwrap_or_else(|| format!("k{}", jiff::Timestamp::now().strftime("%Y%m%d%H%M%S")));
            let key = audit_keys::add_key(&out, &id)?;
            println!(
                "added key {} to {}; it is now the active key",
                key.id(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Checkpoint { db, out } => {
            let keys = db.keyring()?;
            let Some(key) = keys.active() else {
                anyhow::bail!(
                    "no audit key: a checkpoint is signed with it (OPCENTRUM_AUDIT_KEY_FILE)"
                );
            };
            let store = db.open().await?;
            let sink = CheckpointSink::parse(&out);
            let cp = audit_keys::checkpoint_now(&store, key, &sink).await?;
            if !matches!(sink, CheckpointSink::Stdout) {
                println!("checkpoint: record {} at {}", cp.seq, cp.at);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The terms of a trail read, for its record: which filters, how many shown.
pub fn audit_query_terms(q: &AuditQuery, shown: usize) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = &q.case {
        out.push(format!("case {c}"));
    }
    if let Some(u) = &q.user {
        out.push(format!("user {u}"));
    }
    if let Some(a) = q.after {
        out.push(format!("after {a}"));
    }
    out.push(format!("{shown} records shown"));
    out
}
