//! Actions waiting for a second person (two-person rule): stored pending,
//! then approved — the event appended in the same transaction as the
//! decision — or rejected with a reason. A decided action is never decided
//! again, here or on another server.

use crate::{
    PlannedWrite,
    append::{Appended, next_counter},
    codec::{self, get},
    connect::Store,
    error::{Result, StoreError},
};
use jiff::Timestamp;
use opcentrum_domain::{Agency, ids::CaseId};
use serde::Serialize;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PendingStatus {
    Pending,
    Approved,
    Rejected,
}

impl PendingStatus {
    pub fn code(self) -> &'static str {
        match self {
            PendingStatus::Pending => "pending",
            PendingStatus::Approved => "approved",
            PendingStatus::Rejected => "rejected",
        }
    }
    fn parse(s: &str) -> Result<PendingStatus> {
        Ok(match s {
            "pending" => PendingStatus::Pending,
            "approved" => PendingStatus::Approved,
            "rejected" => PendingStatus::Rejected,
            other => return Err(StoreError::corrupt(format!("pending status {other:?}"))),
        })
    }
}

/// A pending action to store.
#[derive(Debug, Clone)]
pub struct NewPending {
    /// `event` (a case event), or an administrative kind.
    pub kind: String,
    /// The catalogue row.
    pub row_id: String,
    pub case: Option<CaseId>,
    pub proposed_by: String,
    pub proposed_agency: Agency,
    /// What to do on approval (JSON the application layer defines).
    pub body: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingRecord {
    pub id: String,
    pub kind: String,
    pub row_id: String,
    pub case: Option<String>,
    pub status: PendingStatus,
    pub proposed_at: Timestamp,
    pub proposed_by: String,
    pub proposed_agency: Agency,
    pub body: serde_json::Value,
    pub decided_by: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub decision_reason: Option<String>,
}

const COLUMNS: &str = "pending_id, kind, row_id, case_id, status, proposed_at, proposed_by, \
     proposed_agency, body, decided_by, decided_at, decision_reason";

fn record(r: &AnyRow) -> Result<PendingRecord> {
    let agency: String = get(r, "proposed_agency")?;
    Ok(PendingRecord {
        id: get(r, "pending_id")?,
        kind: get(r, "kind")?,
        row_id: get(r, "row_id")?,
        case: get(r, "case_id")?,
        status: PendingStatus::parse(&get::<String>(r, "status")?)?,
        proposed_at: codec::from_ts(get::<i64>(r, "proposed_at")?)?,
        proposed_by: get(r, "proposed_by")?,
        proposed_agency: Agency::parse(&agency)
            .ok_or_else(|| StoreError::corrupt(format!("agency {agency:?}")))?,
        body: codec::from_json(&get::<String>(r, "body")?)?,
        decided_by: get(r, "decided_by")?,
        decided_at: get::<Option<i64>>(r, "decided_at")?
            .map(codec::from_ts)
            .transpose()?,
        decision_reason: get(r, "decision_reason")?,
    })
}

/// Why a decision on a pending action was refused.
#[derive(Debug, thiserror::Error)]
pub enum PendingError {
    #[error("no pending action {0}")]
    NotFound(String),
    #[error("{id} is {status}, not pending: it was decided already")]
    NotPending { id: String, status: &'static str },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Stores a pending action, with the proposer's audit record.
    pub async fn insert_pending(
        &self,
        p: NewPending,
        audit: Option<opcentrum_access::audit::AuditEntry>,
        now: Timestamp,
    ) -> Result<PendingRecord> {
        let mut tx = self.write.begin().await?;
        let number = next_counter(&mut tx, "pending_number", 1).await?;
        let id = format!("PA-{number:06}");
        sqlx::query(
            "INSERT INTO pending_actions (pending_id, number, kind, row_id, case_id, status, \
             proposed_at, proposed_by, proposed_agency, body) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9)",
        )
        .bind(id.clone())
        .bind(codec::i64_of(number))
        .bind(p.kind)
        .bind(p.row_id)
        .bind(p.case.map(|c| c.to_string()))
        .bind(codec::ts(now))
        .bind(p.proposed_by)
        .bind(p.proposed_agency.code())
        .bind(codec::json(&p.body)?)
        .execute(&mut *tx)
        .await?;
        if let Some(a) = audit {
            crate::audit::append_audit(&mut tx, &self.sealer(), vec![a]).await?;
        }
        tx.commit().await?;
        self.pending_action(&id)
            .await?
            .ok_or_else(|| StoreError::corrupt(format!("{id} vanished")))
    }

    pub async fn pending_action(&self, id: &str) -> Result<Option<PendingRecord>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM pending_actions WHERE pending_id = $1"
        )))
        .bind(id.to_owned())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(record).transpose()
    }

    /// Pending actions of one agency, oldest first.
    pub async fn pending_actions(&self, agency: Agency, limit: u32) -> Result<Vec<PendingRecord>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM pending_actions WHERE status = 'pending' AND proposed_agency = $1 \
             ORDER BY number LIMIT $2"
        )))
        .bind(agency.code())
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(record).collect()
    }

    /// Approves a pending event: appends it (the lifecycle decides as for any
    /// append) and marks the action approved, in one transaction.
    pub async fn approve_pending_event(
        &self,
        id: &str,
        by: &str,
        write: PlannedWrite,
        audit: Option<opcentrum_access::audit::AuditEntry>,
        now: Timestamp,
    ) -> Result<Appended, PendingError> {
        let mut tx = self.write.begin().await.map_err(StoreError::from)?;
        claim(&mut tx, id).await?;
        let done = self
            .append_in(
                &mut tx,
                &write.case,
                write.expected_version,
                write.event,
                now,
            )
            .await?;
        decide(&mut tx, id, "approved", by, None, now).await?;
        if let Some(a) = audit {
            crate::audit::append_audit(&mut tx, &self.sealer(), vec![a])
                .await
                .map_err(PendingError::Store)?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        Ok(done)
    }

    /// Rejects a pending action with the person's reason.
    pub async fn reject_pending(
        &self,
        id: &str,
        by: &str,
        reason: &str,
        audit: Option<opcentrum_access::audit::AuditEntry>,
        now: Timestamp,
    ) -> Result<(), PendingError> {
        let mut tx = self.write.begin().await.map_err(StoreError::from)?;
        claim(&mut tx, id).await?;
        decide(&mut tx, id, "rejected", by, Some(reason), now).await?;
        if let Some(a) = audit {
            crate::audit::append_audit(&mut tx, &self.sealer(), vec![a])
                .await
                .map_err(PendingError::Store)?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}

async fn decide(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &str,
    status: &str,
    by: &str,
    reason: Option<&str>,
    now: Timestamp,
) -> Result<(), PendingError> {
    sqlx::query(
        "UPDATE pending_actions SET status = $2, decided_by = $3, decided_at = $4, \
         decision_reason = $5 WHERE pending_id = $1",
    )
    .bind(id.to_owned())
    .bind(status.to_owned())
    .bind(by.to_owned())
    .bind(codec::ts(now))
    .bind(reason.map(str::to_owned))
    .execute(&mut **tx)
    .await
    .map_err(StoreError::from)?;
    Ok(())
}

/// Locks the row by writing it and checks it is still pending.
async fn claim(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: &str,
) -> Result<(), PendingError> {
    let claimed = sqlx::query(
        "UPDATE pending_actions SET status = 'pending' WHERE pending_id = $1 AND status = 'pending'",
    )
    .bind(id.to_owned())
    .execute(&mut **tx)
    .await
    .map_err(StoreError::from)?;
    if claimed.rows_affected() == 1 {
        return Ok(());
    }
    let status: Option<String> =
        sqlx::query_scalar("SELECT status FROM pending_actions WHERE pending_id = $1")
            .bind(id.to_owned())
            .fetch_optional(&mut **tx)
            .await
            .map_err(StoreError::from)?;
    match status {
        None => Err(PendingError::NotFound(id.to_owned())),
        Some(s) => Err(PendingError::NotPending {
            id: id.to_owned(),
            status: PendingStatus::parse(&s)?.code(),
        }),
    }
}
