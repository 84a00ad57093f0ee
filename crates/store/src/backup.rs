//! Online backup (SQLite) and the digest that proves a restored store holds the
//! same log, projections and audit chain as the one that was backed up.
//!
//! SQLite: `VACUUM INTO` writes a consistent, compacted copy while readers and
//! writers continue (it reads inside one transaction). PostgreSQL is backed up
//! with `pg_dump` (docs/deployment.md); this module refuses it with that advice.

use crate::{
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};
use std::path::Path;

/// What a store holds, in a form two stores can be compared by.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StateDigest {
    /// Events in the log and the position of the newest.
    pub events: u64,
    pub head_seq: u64,
    /// SHA-256 over every event (seq, case, version, type, payload, actor, time, reason) in log order.
    pub events_sha256: String,
    /// Cases and SHA-256 over every projection row (id, version, state) in id order.
    pub cases: u64,
    pub cases_sha256: String,
    /// The audit chain's length and head hash.
    pub audit_records: u64,
    pub audit_head: String,
}

fn put(h: &mut Sha256, field: &str) {
    h.update((field.len() as u64).to_be_bytes());
    h.update(field.as_bytes());
}

impl Store {
    /// Writes a consistent copy of a SQLite store to `target`, which must not
    /// exist. PostgreSQL: refused with the pg_dump advice.
    pub async fn backup_to(&self, target: &Path) -> Result<()> {
        if self.backend == Backend::Postgres {
            return Err(StoreError::invalid(
                "database_url",
                "PostgreSQL is backed up with pg_dump --format=custom and restored with pg_restore (docs/deployment.md)",
            ));
        }
        if target.exists() {
            return Err(StoreError::invalid(
                "file",
                format!(
                    "{} exists; a backup never overwrites a file",
                    target.display()
                ),
            ));
        }
        let path = target
            .to_str()
            .ok_or_else(|| StoreError::invalid("file", "the path is not UTF-8"))?;
        // VACUUM INTO takes no bind parameter for the file; quote it as a literal.
        let literal = format!("'{}'", path.replace('\'', "''"));
        sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO {literal}")))
            .execute(&self.read)
            .await?;
        Ok(())
    }

    /// The digest of the log, the case projections and the audit chain.
    pub async fn state_digest(&self) -> Result<StateDigest> {
        let mut events = 0u64;
        let mut head_seq = 0u64;
        let mut h = Sha256::new();
        {
            let mut rows = sqlx::query(
                "SELECT seq, case_id, version, event_type, payload, actor_user, actor_agency, recorded_at, reason FROM events ORDER BY seq",
            )
            .fetch(&self.read);
            while let Some(r) = rows.try_next().await? {
                let seq = codec::u64_of(get::<i64>(&r, "seq")?);
                h.update(seq.to_be_bytes());
                put(&mut h, &get::<String>(&r, "case_id")?);
                h.update(get::<i64>(&r, "version")?.to_be_bytes());
                put(&mut h, &get::<String>(&r, "event_type")?);
                put(&mut h, &get::<String>(&r, "payload")?);
                put(&mut h, &get::<String>(&r, "actor_user")?);
                put(&mut h, &get::<String>(&r, "actor_agency")?);
                h.update(get::<i64>(&r, "recorded_at")?.to_be_bytes());
                match get::<Option<String>>(&r, "reason")? {
                    Some(reason) => {
                        h.update([1]);
                        put(&mut h, &reason);
                    }
                    None => h.update([0]),
                }
                events += 1;
                head_seq = seq;
            }
        }
        let events_sha256 = hex::encode(h.finalize());
        let mut cases = 0u64;
        let mut h = Sha256::new();
        {
            let mut rows =
                sqlx::query("SELECT case_id, version, state FROM cases ORDER BY case_id")
                    .fetch(&self.read);
            while let Some(r) = rows.try_next().await? {
                put(&mut h, &get::<String>(&r, "case_id")?);
                h.update(get::<i64>(&r, "version")?.to_be_bytes());
                put(&mut h, &get::<String>(&r, "state")?);
                cases += 1;
            }
        }
        let (audit_records, audit_head) = self.audit_head().await?;
        Ok(StateDigest {
            events,
            head_seq,
            events_sha256,
            cases,
            cases_sha256: hex::encode(h.finalize()),
            audit_records,
            audit_head,
        })
    }
}
