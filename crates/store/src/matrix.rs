//! Versions of the sharing matrix: each change is a new version with who, when
//! and why; nothing is overwritten.

use crate::{
    audit::append_audit,
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::Timestamp;
use opcentrum_access::{
    audit::AuditEntry,
    matrix::{MatrixRow, SharingMatrix, validate},
};
use sqlx::{Any, Transaction};

impl Store {
    /// The newest version, or `None` before the first is stored.
    pub async fn current_matrix(&self) -> Result<Option<SharingMatrix>> {
        let row = sqlx::query("SELECT version, rows_json, changed_by, changed_at, comment FROM matrix_versions ORDER BY version DESC LIMIT 1")
            .fetch_optional(&self.read)
            .await?;
        row.as_ref().map(matrix_from_row).transpose()
    }

    /// Every version, newest first, without their rows' bodies parsed twice.
    pub async fn matrix_history(&self) -> Result<Vec<SharingMatrix>> {
        let rows = sqlx::query("SELECT version, rows_json, changed_by, changed_at, comment FROM matrix_versions ORDER BY version DESC").fetch_all(&self.read).await?;
        rows.iter().map(matrix_from_row).collect()
    }

    /// Stores a new version (validated) with its audit record, in one transaction.
    pub async fn put_matrix(
        &self,
        rows: Vec<MatrixRow>,
        changed_by: &str,
        comment: &str,
        now: Timestamp,
        audit: Option<AuditEntry>,
    ) -> Result<SharingMatrix> {
        let mut tx = self.write.begin().await?;
        let stored = self
            .put_matrix_in(&mut tx, rows, changed_by, comment, now)
            .await?;
        if let Some(a) = audit {
            append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        Ok(stored)
    }

    /// `put_matrix` inside a caller's transaction (an approved change).
    pub(crate) async fn put_matrix_in(
        &self,
        tx: &mut Transaction<'static, Any>,
        rows: Vec<MatrixRow>,
        changed_by: &str,
        comment: &str,
        now: Timestamp,
    ) -> Result<SharingMatrix> {
        validate(&rows).map_err(|e| {
            let (i, p) = e.problems.first().cloned().unwrap_or((0, "invalid".into()));
            StoreError::invalid(format!("rows[{i}]"), p)
        })?;
        if comment.trim().is_empty() || comment.chars().count() > 2000 {
            return Err(StoreError::invalid_in(
                "comment",
                "gate.store.matrix_comment",
                &[],
            ));
        }
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM matrix_versions")
            .fetch_one(&mut **tx)
            .await?;
        let version = codec::u64_of(last.unwrap_or(0)) + 1;
        sqlx::query("INSERT INTO matrix_versions (version, rows_json, changed_by, changed_at, comment) VALUES ($1, $2, $3, $4, $5)")
            .bind(codec::i64_of(version))
            .bind(codec::json(&rows)?)
            .bind(changed_by.to_owned())
            .bind(codec::ts(now))
            .bind(comment.to_owned())
            .execute(&mut **tx)
            .await?;
        Ok(SharingMatrix {
            version,
            rows,
            changed_by: changed_by.to_owned(),
            changed_at: now,
            comment: comment.to_owned(),
        })
    }
}

fn matrix_from_row(r: &sqlx::any::AnyRow) -> Result<SharingMatrix> {
    Ok(SharingMatrix {
        version: codec::u64_of(get::<i64>(r, "version")?),
        rows: codec::from_json(&get::<String>(r, "rows_json")?)?,
        changed_by: get(r, "changed_by")?,
        changed_at: codec::from_ts(get(r, "changed_at")?)?,
        comment: get(r, "comment")?,
    })
}
