//! The audit trail's storage: records are sealed into the hash chain inside the
//! writing transaction, under the lock of the chain's head row.

use crate::{
    codec::{self, get},
    connect::{Backend, Store},
    error::{Result, StoreError},
};
use futures_util::TryStreamExt;
use opcentrum_access::{
    FieldCategory,
    audit::{AuditAction, AuditEntry, AuditRecord, ChainBreak, seal_with, verify, verify_sealed},
    seal::{Keyring, SealKey},
};
use sqlx::{Any, Transaction};
use std::sync::Arc;

/// What sealing a record needs: the backend (for the insert's placeholders)
/// and the key the records are sealed with, if the store was given one.
pub(crate) struct Sealer {
    pub(crate) backend: Backend,
    pub(crate) key: Option<Arc<SealKey>>,
}

/// Which records to read.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub case: Option<String>,
    pub user: Option<String>,
    /// Records after this position.
    pub after: Option<u64>,
    pub limit: u32,
}

pub(crate) async fn append_audit(
    tx: &mut Transaction<'static, Any>,
    sealer: &Sealer,
    entries: Vec<AuditEntry>,
) -> Result<()> {
    let backend = sealer.backend;
    if entries.is_empty() {
        return Ok(());
    }
    // Lock the head (a no-op update takes the row lock on PostgreSQL; SQLite has one writer).
    sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1")
        .execute(&mut **tx)
        .await?;
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut **tx)
        .await?;
    let mut seq = codec::u64_of(get::<i64>(&row, "seq")?);
    let mut hash: String = get(&row, "hash")?;
    if sealer.key.is_none() && seq > 0 {
        // Once the trail is sealed, a record without a seal would break it
        // for good (`verify_sealed`: Unsealed): refuse instead.
        let last: Option<String> =
            sqlx::query_scalar("SELECT key_id FROM audit_log WHERE seq = $1")
                .bind(codec::i64_of(seq))
                .fetch_optional(&mut **tx)
                .await?;
        if last.is_some_and(|k| !k.is_empty()) {
            return Err(StoreError::invalid(
                "audit key",
                "the audit trail is sealed with a key and this process has none: set OPCENTRUM_AUDIT_KEY_FILE (docs/deployment.md)",
            ));
        }
    }
    let mut sealed = Vec::with_capacity(entries.len());
    for entry in entries {
        let rec = seal_with(
            entry,
            if seq == 0 { None } else { Some((seq, &hash)) },
            sealer.key.as_deref(),
        );
        seq = rec.seq;
        hash = rec.hash.clone();
        sealed.push(rec);
    }
    for chunk in sealed.chunks(200) {
        insert_records(tx, backend, chunk).await?;
    }
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(codec::i64_of(seq))
        .bind(hash)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn insert_records(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    records: &[AuditRecord],
) -> Result<()> {
    let sql = format!(
        "INSERT INTO audit_log (seq, at, request_id, user_name, agency, role, action, case_id, categories, legal_basis, purpose, prev_hash, hash, key_id, seal) VALUES {}",
        crate::bulk::placeholders(backend, records.len(), 15)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for r in records {
        let e = &r.entry;
        q = q
            .bind(codec::i64_of(r.seq))
            .bind(codec::ts(e.at))
            .bind(e.request_id.clone())
            .bind(e.user.clone())
            .bind(e.agency.clone())
            .bind(e.role.clone())
            .bind(e.action.code())
            .bind(e.case.clone())
            .bind(codec::json(&e.categories)?)
            .bind(codec::json(&e.legal_basis)?)
            .bind(e.purpose.clone())
            .bind(r.prev_hash.clone())
            .bind(r.hash.clone())
            .bind(r.key_id.clone())
            .bind(r.seal.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

fn record_from_row(r: &sqlx::any::AnyRow) -> Result<AuditRecord> {
    let action: String = get(r, "action")?;
    let categories: Vec<FieldCategory> = codec::from_json(&get::<String>(r, "categories")?)?;
    Ok(AuditRecord {
        seq: codec::u64_of(get::<i64>(r, "seq")?),
        entry: AuditEntry {
            at: codec::from_ts(get(r, "at")?)?,
            request_id: get(r, "request_id")?,
            user: get(r, "user_name")?,
            agency: get(r, "agency")?,
            role: get(r, "role")?,
            action: AuditAction::parse(&action)
                .ok_or_else(|| StoreError::corrupt(format!("audit action {action}")))?,
            case: get(r, "case_id")?,
            categories,
            legal_basis: codec::from_json(&get::<String>(r, "legal_basis")?)?,
            purpose: get(r, "purpose")?,
        },
        prev_hash: get(r, "prev_hash")?,
        hash: get(r, "hash")?,
        key_id: get(r, "key_id")?,
        seal: get(r, "seal")?,
    })
}

const COLUMNS: &str = "seq, at, request_id, user_name, agency, role, action, case_id, categories, legal_basis, purpose, prev_hash, hash, key_id, seal";

impl Store {
    /// Seals every audit record this store writes from now on with `key`
    /// (HMAC-SHA256; the key id is stored with each record). The key lives
    /// outside the database: the binary reads it from a file or the environment.
    pub fn with_audit_key(mut self, key: Option<SealKey>) -> Store {
        self.audit_key = key.map(Arc::new);
        self
    }

    /// The id of the key records are sealed with, if any.
    pub fn audit_key_id(&self) -> Option<&str> {
        self.audit_key.as_deref().map(SealKey::id)
    }

    pub(crate) fn sealer(&self) -> Sealer {
        Sealer {
            backend: self.backend,
            key: self.audit_key.clone(),
        }
    }

    /// Appends audit records in their own transaction (reads).
    pub async fn audit(&self, entries: Vec<AuditEntry>) -> Result<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let mut tx = self.write.begin().await?;
        append_audit(&mut tx, &self.sealer(), entries).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records by case and/or user, oldest first.
    pub async fn audit_records(&self, q: &AuditQuery) -> Result<Vec<AuditRecord>> {
        let mut sql = format!("SELECT {COLUMNS} FROM audit_log WHERE seq > $1");
        let mut n = 1;
        if q.case.is_some() {
            n += 1;
            sql += &format!(" AND case_id = ${n}");
        }
        if q.user.is_some() {
            n += 1;
            sql += &format!(" AND user_name = ${n}");
        }
        sql += &format!(" ORDER BY seq LIMIT ${}", n + 1);
        let mut query =
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(codec::i64_of(q.after.unwrap_or(0)));
        if let Some(c) = &q.case {
            query = query.bind(c.clone());
        }
        if let Some(u) = &q.user {
            query = query.bind(u.clone());
        }
        let rows = query
            .bind(i64::from(q.limit.clamp(1, 10_000)))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(record_from_row).collect()
    }

    /// The whole trail in stored order (for verification).
    pub async fn audit_trail(&self) -> Result<Vec<AuditRecord>> {
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM audit_log ORDER BY seq"
        )))
        .fetch(&self.read);
        let mut out = Vec::new();
        while let Some(r) = rows.try_next().await? {
            out.push(record_from_row(&r)?);
        }
        Ok(out)
    }

    /// Verifies the whole trail: the hash chain, and the seals under this
    /// store's key (when it has one). `Ok(n)`: n records verified; `Err`: the
    /// first record that breaks it.
    pub async fn verify_audit(&self) -> Result<std::result::Result<u64, ChainBreak>> {
        let trail = self.audit_trail().await?;
        Ok(match &self.audit_key {
            Some(key) => {
                verify_sealed(&trail, &Keyring::new(vec![(**key).clone()])).map(|s| s.records)
            }
            None => verify(&trail).map(|s| s.records),
        })
    }

    /// The head the chain's writers hold: (last seq, its hash).
    pub async fn audit_head(&self) -> Result<(u64, String)> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.read)
            .await?;
        Ok((codec::u64_of(get::<i64>(&row, "seq")?), get(&row, "hash")?))
    }
}
