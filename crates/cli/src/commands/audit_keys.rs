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

/// The name every demo store's file starts with, in the temporary directory.
pub const DEMO_PREFIX: &str = "opcentrum-demo-";

/// A store `serve --demo` made: a SQLite file named `opcentrum-demo-…` in the
/// temporary directory, with its audit key and checkpoints next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoStore {
    path: PathBuf,
}

impl DemoStore {
    /// The demo store of a given size and seed: one file per (cases, seed),
    /// reused by the next `serve --demo` with the same size and seed.
    pub fn named(cases: usize, seed: u64) -> DemoStore {
        DemoStore {
            path: std::env::temp_dir().join(format!("{DEMO_PREFIX}n{cases}-s{seed}.sqlite")),
        }
    }

    /// The demo store a database URL names, if it is one.
    pub fn of(database_url: &str) -> Option<DemoStore> {
        let path = Path::new(
            database_url
                .strip_prefix("sqlite://")
                .or_else(|| database_url.strip_prefix("sqlite:"))
                .unwrap_or(database_url),
        );
        let name = path.file_name()?.to_str()?;
        let in_temp = path.parent()? == std::env::temp_dir().as_path();
        (in_temp && name.starts_with(DEMO_PREFIX) && name.ends_with(".sqlite")).then(|| DemoStore {
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn key_file(&self) -> PathBuf {
        demo_key_file(&self.path.display().to_string())
    }

    pub fn checkpoints(&self) -> PathBuf {
        PathBuf::from(format!("{}.checkpoints", self.path.display()))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_demo_store_is_named_by_size_and_seed_and_recognised_by_its_path() {
        let d = DemoStore::named(3000, 7);
        assert!(d.path().ends_with("opcentrum-demo-n3000-s7.sqlite"));
        let url = d.path().display().to_string();
        assert_eq!(DemoStore::of(&url), Some(d.clone()));
        assert_eq!(DemoStore::of(&format!("sqlite:{url}")), Some(d.clone()));
        assert_eq!(d.key_file(), PathBuf::from(format!("{url}.audit-key")));
        assert_eq!(d.checkpoints(), PathBuf::from(format!("{url}.checkpoints")));
    }

    #[test]
    fn a_production_store_is_never_taken_for_a_demo() {
        assert_eq!(DemoStore::of("opcentrum.sqlite"), None);
        assert_eq!(
            DemoStore::of("/var/lib/opcentrum/opcentrum-demo-n1-s1.sqlite"),
            None
        );
        assert_eq!(
            DemoStore::of("postgres://u@h/opcentrum-demo-n1-s1.sqlite"),
            None
        );
        let elsewhere = std::env::temp_dir().join("opcentrum.sqlite");
        assert_eq!(DemoStore::of(&elsewhere.display().to_string()), None);
    }
}
