//! The sharing matrix: read it and its history, try a draft (who would gain
//! or lose what), propose a new version. A draft that is empty or contradicts
//! itself is refused with the reason, naming its rows; a proposal applies
//! only when a second legal officer approves it (`admin::changes`).

use super::principal;
use crate::{App, AppError, AppResult, Caller, audit::entry, text::reasons};
use opcentrum_access::{
    Policy, PolicyError,
    audit::AuditAction,
    diff::{MatrixChange, diff},
    matrix::{MatrixRow, SharingMatrix},
};
use opcentrum_store::{ChangeBody, ChangeRecord};

const READ: &str = "matrix.read";
const EDIT: &str = "matrix.edit";

/// What a draft would change against the matrix in force.
#[derive(Debug, Clone)]
pub struct DraftDiff {
    pub current_version: u64,
    pub changes: Vec<MatrixChange>,
}

impl App {
    /// The sharing matrix in force.
    pub async fn matrix(&self, caller: &Caller) -> AppResult<SharingMatrix> {
        self.allow(caller, READ, None).await?;
        Ok(self.policy.get().matrix.clone())
    }

    /// Every version of the matrix, newest first.
    pub async fn matrix_history(&self, caller: &Caller) -> AppResult<Vec<SharingMatrix>> {
        self.allow(caller, READ, None).await?;
        Ok(self.store.matrix_history().await?)
    }

    fn compile_draft(&self, rows: Vec<MatrixRow>, comment: &str, by: &str) -> AppResult<Policy> {
        let m = SharingMatrix {
            version: 0,
            rows,
            changed_by: by.to_owned(),
            changed_at: self.clock.now(),
            comment: comment.to_owned(),
        };
        Policy::compile(m).map_err(|e| match e {
            PolicyError::Matrix(m) => AppError::InvalidItems {
                field: "rows".into(),
                reason: m.to_string(),
                items: m
                    .problems
                    .iter()
                    .map(|(i, p)| (format!("rows[{i}]"), p.clone()))
                    .collect(),
            },
            other => AppError::invalid("rows", other.to_string()),
        })
    }

    /// Compares a draft with the matrix in force (nothing is stored).
    pub async fn try_matrix(&self, caller: &Caller, rows: Vec<MatrixRow>) -> AppResult<DraftDiff> {
        self.allow(caller, READ, None).await?;
        let (by, _) = caller.describe();
        let compiled = self.compile_draft(rows, "", &by)?;
        let current = self.policy.get();
        Ok(DraftDiff {
            current_version: current.matrix.version,
            changes: diff(&current.matrix.rows, &compiled.matrix.rows),
        })
    }

    /// Proposes a new version of the matrix, with its audit record (the whole diff).
    pub async fn propose_matrix(
        &self,
        caller: &Caller,
        rows: Vec<MatrixRow>,
        comment: &str,
    ) -> AppResult<(ChangeRecord, Vec<MatrixChange>)> {
        self.allow(caller, EDIT, None).await?;
        let p = principal(caller, EDIT)?;
        if comment.trim().is_empty() {
            let (en, sv) = reasons("gate.matrix.comment_required", &[]);
            return Err(AppError::invalid_in("comment", en, sv));
        }
        if comment.chars().count() > super::MAX_COMMENT {
            return Err(super::too_long("comment"));
        }
        let compiled = self.compile_draft(rows.clone(), comment, p.user.as_str())?;
        let current = self.policy.get();
        let changes = diff(&current.matrix.rows, &compiled.matrix.rows);
        let summary = format!(
            "sharing matrix: {} change(s) from version {}: {}",
            changes.len(),
            current.matrix.version,
            comment
        );
        let now = self.clock.now();
        let audit = entry(
            caller,
            AuditAction::ChangeProposed,
            None,
            vec![],
            std::iter::once(summary.clone())
                .chain(changes.iter().map(MatrixChange::describe_en))
                .collect(),
            "sharing matrix change (proposed)",
            now,
        );
        let change = self
            .store
            .propose_change(
                ChangeBody::Matrix {
                    rows,
                    comment: comment.to_owned(),
                    based_on: current.matrix.version,
                },
                &summary,
                p.agency,
                p.user.as_str(),
                now,
                Some(audit),
            )
            .await?;
        Ok((change, changes))
    }
}
