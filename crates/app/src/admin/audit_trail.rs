//! The audit trail by case and by user, paged, with the state of its sealed
//! chain; reading the trail is itself recorded, before the records leave.

use crate::{App, AppResult, Caller, audit::entry};
use opcentrum_access::audit::{AuditAction, AuditRecord, ChainBreak};
use opcentrum_store::AuditQuery;
use serde::Serialize;

const ROW: &str = "audit.read";

/// What the chain's verification found.
#[derive(Debug, Clone, Serialize)]
pub struct ChainStatus {
    /// Records verified in order from the first (all of them when unbroken).
    pub verified_up_to: u64,
    /// The first record where the chain or a seal breaks.
    pub broken: Option<ChainBreak>,
    /// The key id new records are sealed with (none: chained, not sealed).
    pub key_id: Option<String>,
}

impl App {
    /// Records by case and/or user after a position, oldest first; the read
    /// is recorded (filters and how many were shown).
    pub async fn audit_records(
        &self,
        caller: &Caller,
        query: AuditQuery,
    ) -> AppResult<Vec<AuditRecord>> {
        self.allow(caller, ROW, None).await?;
        if query.limit == 0 || query.limit > 10_000 {
            return Err(crate::text::invalid("limit", "gate.audit_trail.limit", &[]));
        }
        let records = self.store.audit_records(&query).await?;
        let mut terms = Vec::new();
        if let Some(c) = &query.case {
            terms.push(format!("case {c}"));
        }
        if let Some(u) = &query.user {
            terms.push(format!("user {u}"));
        }
        if let Some(a) = query.after {
            terms.push(format!("after {a}"));
        }
        terms.push(format!("{} records shown", records.len()));
        self.store
            .audit(vec![entry(
                caller,
                AuditAction::AuditRead,
                None,
                vec![],
                terms,
                "audit trail read",
                self.clock.now(),
            )])
            .await?;
        Ok(records)
    }

    /// Verifies the whole chain and the seals under the server's key.
    pub async fn audit_chain_status(&self, caller: &Caller) -> AppResult<ChainStatus> {
        self.allow(caller, ROW, None).await?;
        let (verified_up_to, broken) = match self.store.verify_audit().await? {
            Ok(n) => (n, None),
            Err(b) => (b.seq.saturating_sub(1), Some(b)),
        };
        Ok(ChainStatus {
            verified_up_to,
            broken,
            key_id: self.store.audit_key_id().map(str::to_owned),
        })
    }
}
