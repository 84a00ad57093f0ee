//! Four eyes (issue 13): making someone a legal officer and changing the
//! sharing matrix are proposed by one legal officer and decided by another.
//! The proposer cannot approve; a user change is decided within the user's
//! agency (never by the user); a matrix change by a legal officer who may
//! edit the matrix. The change applies only on approval, in one transaction
//! with the decision and its audit records, which name both officers.

use super::{principal, refuse};
use crate::{
    App, AppError, AppResult, Caller,
    audit::entry,
    text::{ByLang, reasons},
};
use opcentrum_access::{
    Policy, Principal,
    audit::AuditAction,
    diff::{MatrixChange, diff},
};
use opcentrum_store::{Applied, ChangeBody, ChangeRecord, ChangeStatus, StoreError};

const ROW: &str = "users.manage";
const GRANT_ROW: &str = "users.grant_legal_officer";
const MATRIX_ROW: &str = "matrix.edit";

/// Why the caller may not decide a change (approve or reject), if they may not.
pub fn may_not_decide(p: &Principal, c: &ChangeRecord, approve: bool) -> Option<AppError> {
    let me = p.user.as_str();
    let row = match &c.body {
        ChangeBody::User { .. } => GRANT_ROW,
        ChangeBody::Matrix { .. } => MATRIX_ROW,
    };
    if approve && c.proposed_by == me {
        let (en, sv) = reasons("gate.changes.own_proposal", &[]);
        return Some(refuse(row, "id", en, sv));
    }
    match &c.body {
        ChangeBody::User { user } => {
            if user.user_name == me {
                let (en, sv) = reasons("gate.changes.own_account", &[]);
                return Some(refuse(row, "id", en, sv));
            }
            if user.agency != p.agency {
                let (en, sv) = reasons(
                    "gate.changes.other_agency",
                    &[("agency", &ByLang(user.agency.code(), user.agency.name_sv()))],
                );
                return Some(refuse(row, "id", en, sv));
            }
        }
        ChangeBody::Matrix { .. } => {
            let grants = opcentrum_access::Catalogue::builtin()
                .row(MATRIX_ROW)
                .is_ok_and(|r| r.grants(p));
            if !grants {
                let (en, sv) = reasons(
                    "gate.changes.may_not_decide_matrix",
                    &[
                        (
                            "role",
                            &ByLang(p.role.code(), p.role.name_sv().to_lowercase()),
                        ),
                        ("agency", &ByLang(p.agency.code(), p.agency.name_sv())),
                        ("row", &MATRIX_ROW),
                    ],
                );
                return Some(refuse(row, "id", en, sv));
            }
        }
    }
    None
}

impl App {
    /// Proposed changes, newest first.
    pub async fn changes(&self, caller: &Caller) -> AppResult<Vec<ChangeRecord>> {
        self.allow(caller, ROW, None).await?;
        Ok(self.store.changes().await?)
    }

    /// Approves (applies) or rejects a proposed change; returns it decided,
    /// with what a matrix change changed.
    pub async fn decide_change(
        &self,
        caller: &Caller,
        id: u64,
        approve: bool,
        reason: &str,
    ) -> AppResult<(ChangeRecord, Vec<MatrixChange>)> {
        self.allow(caller, ROW, None).await?;
        let p = principal(caller, ROW)?;
        if !approve && reason.trim().is_empty() {
            let (en, sv) = reasons("gate.changes.reason_required", &[]);
            return Err(AppError::invalid_in("reason", en, sv));
        }
        if reason.chars().count() > super::MAX_COMMENT {
            return Err(super::too_long("reason"));
        }
        let Some(change) = self.store.change(id).await? else {
            return Err(AppError::not_found("gate.error.no_change", &[("id", &id)]));
        };
        if let Some(e) = may_not_decide(p, &change, approve) {
            return Err(e);
        }
        if change.status != ChangeStatus::Pending {
            return Err(AppError::conflict("gate.changes.decided", &[("id", &id)]));
        }
        let now = self.clock.now();
        let me = p.user.to_string();
        let verdict = if approve { "approved" } else { "rejected" };
        let names = vec![
            format!("change {id} {verdict}"),
            format!(
                "proposed by {} at {}",
                change.proposed_by, change.proposed_at
            ),
            format!("{verdict} by {me}"),
            change.summary.clone(),
        ];
        // The whole diff of a matrix change, however large, goes into its record.
        let matrix_changes = match (&change.body, approve) {
            (ChangeBody::Matrix { rows, .. }, true) => {
                let current = self
                    .store
                    .current_matrix()
                    .await?
                    .map(|m| m.rows)
                    .unwrap_or_default();
                diff(&current, rows)
            }
            _ => vec![],
        };
        let mut audit = vec![entry(
            caller,
            AuditAction::ChangeDecided,
            None,
            vec![],
            names.clone(),
            "four-eyes decision",
            now,
        )];
        if approve {
            let (action, purpose) = match change.body {
                ChangeBody::User { .. } => {
                    (AuditAction::UserChange, "user administration (approved)")
                }
                ChangeBody::Matrix { .. } => (
                    AuditAction::MatrixChange,
                    "sharing matrix change (approved)",
                ),
            };
            audit.push(entry(
                caller,
                action,
                None,
                vec![],
                names
                    .into_iter()
                    .chain(matrix_changes.iter().map(MatrixChange::describe_en))
                    .collect(),
                purpose,
                now,
            ));
        }
        let (mut decided, applied) = self
            .store
            .decide_change(id, approve, &me, reason, now, audit)
            .await
            .map_err(|e| match e {
                // Decided by another legal officer a moment before, or the
                // matrix moved on: a 409 in the store's words, both languages.
                StoreError::Invalid {
                    field,
                    reason,
                    reason_sv,
                } if field == "id" || field == "based_on" => AppError::Conflict(crate::Said {
                    en: format!("{field}: {reason}"),
                    sv: format!("{field}: {}", reason_sv.unwrap_or(reason)),
                }),
                other => other.into(),
            })?;
        if let Some(Applied::Matrix(m)) = applied {
            let policy =
                Policy::compile(m).map_err(|e| AppError::invalid("rows", e.to_string()))?;
            self.policy.set(policy);
        }
        decided.status = if approve {
            ChangeStatus::Approved
        } else {
            ChangeStatus::Rejected
        };
        decided.decided_by = Some(me);
        decided.decided_at = Some(now);
        decided.decision_reason = Some(reason.to_owned());
        Ok((decided, matrix_changes))
    }
}
