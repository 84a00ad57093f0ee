//! Where the audit key and the checkpoints live (outside the database): the
//! keyring file or environment variable, a generated demo key, and the task
//! that writes signed checkpoints of the chain's head at an interval.

use anyhow::{Context, bail};
use opcentrum_access::{
    checkpoint::Checkpoint,
    seal::{Keyring, SealKey},
};
use opcentrum_store::Store;
use std::{
    io::Write,
    path::{Path, PathBuf},
    time::Duration,
};

/// The inline keyring variable: `ID:HEX[,ID:HEX…]`, the active key last.
pub const KEY_ENV: &str = "OPCENTRUM_AUDIT_KEY";

/// Reads the keyring from `file`, or from `OPCENTRUM_AUDIT_KEY`; empty when
/// neither is given.
pub fn load(file: Option<&Path>) -> anyhow::Result<Keyring> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the audit key file {}", path.display()))?;
        let ring =
            Keyring::parse(&text).with_context(|| format!("audit key file {}", path.display()))?;
        if ring.is_empty() {
            bail!("the audit key file {} holds no key", path.display());
        }
        return Ok(ring);
    }
    match std::env::var(KEY_ENV) {
        Ok(v) if !v.trim().is_empty() => {
            Keyring::parse_inline(&v).with_context(|| format!("{KEY_ENV} (ID:HEX[,ID:HEX…])"))
        }
        _ => Ok(Keyring::default()),
    }
}

/// Appends a fresh key to a keyring file (creating it, mode 0600), which makes
/// it the active key; older keys stay to verify older records.
pub fn add_key(path: &Path, id: &str) -> anyhow::Result<SealKey> {
    let existing = if path.exists() {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Keyring::parse(&text).with_context(|| format!("audit key file {}", path.display()))?
    } else {
        Keyring::default()
    };
    if existing.get(id).is_some() {
        bail!("--id: {} already holds a key {id}", path.display());
    }
    let key = SealKey::generate(id).map_err(|e| anyhow::anyhow!("--id: {e}"))?;
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    if existing.is_empty() {
        writeln!(
            f,
            "# opcentrum audit keys: KEY-ID HEX-SECRET; the last is the active key. Keep outside the database."
        )?;
    }
    writeln!(f, "{}", key.to_line())?;
    f.sync_all()?;
    Ok(key)
}

/// The demo's key file next to the demo store: reused if it is there.
pub fn demo_key_file(database_url: &str) -> PathBuf {
    let path = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .unwrap_or(database_url);
    PathBuf::from(format!("{path}.audit-key"))
}

/// Where checkpoints go.
#[derive(Debug, Clone)]
pub enum CheckpointSink {
    /// Appended to a file, one JSON line each, synced.
    File(PathBuf),
    /// Printed to standard output for a log collector.
    Stdout,
}

impl CheckpointSink {
    pub fn parse(s: &str) -> CheckpointSink {
        if s == "-" {
            CheckpointSink::Stdout
        } else {
            CheckpointSink::File(PathBuf::from(s))
        }
    }

    pub fn write(&self, cp: &Checkpoint) -> anyhow::Result<()> {
        let line = cp.to_line();
        match self {
            CheckpointSink::Stdout => {
                let mut out = std::io::stdout().lock();
                writeln!(out, "{line}")?;
                out.flush()?;
            }
            CheckpointSink::File(p) => {
                let mut f = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .with_context(|| format!("cannot write checkpoints to {}", p.display()))?;
                writeln!(f, "{line}")?;
                f.sync_all()?;
            }
        }
        Ok(())
    }
}

/// Signs the store's current head now and writes it.
pub async fn checkpoint_now(
    store: &Store,
    key: &SealKey,
    sink: &CheckpointSink,
) -> anyhow::Result<Checkpoint> {
    let (seq, hash) = store.audit_head().await?;
    let cp = Checkpoint::sign(jiff::Timestamp::now(), seq, &hash, key);
    sink.write(&cp)?;
    Ok(cp)
}

/// Writes a checkpoint at start and then every `every` when the head moved.
pub fn spawn_checkpoints(store: Store, key: SealKey, sink: CheckpointSink, every: Duration) {
    tokio::spawn(async move {
        let mut last: Option<u64> = None;
        loop {
            match store.audit_head().await {
                Ok((seq, hash)) if last != Some(seq) => {
                    let cp = Checkpoint::sign(jiff::Timestamp::now(), seq, &hash, &key);
                    match sink.write(&cp) {
                        Ok(()) => last = Some(seq),
                        Err(e) => tracing::error!(error = %e, "cannot write an audit checkpoint"),
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "cannot read the audit head for a checkpoint"),
            }
            if store.is_closed() {
                return;
            }
            tokio::time::sleep(every).await;
        }
    });
}
