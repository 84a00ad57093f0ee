//! The two-person rule: an action whose catalogue row names a second person
//! (lifting a stay or an international interim measure) waits here until a
//! person of that role in the proposer's agency — never the proposer —
//! approves it, which records the event, or rejects it with a reason.

use crate::{
    App, AppError, AppResult, Caller,
    audit::entry,
    cases::{PendingEvent, Recorded},
    text::{ByLang, reasons},
};
use opcentrum_access::{FieldCategory, Role, audit::AuditAction};
use opcentrum_domain::{Actor, ids::UserName};
use opcentrum_store::{NewEvent, PendingError, PendingRecord, PlannedWrite};
use serde::Serialize;

/// A pending action as its proposer and its approvers see it.
#[derive(Debug, Clone, Serialize)]
pub struct PendingView {
    pub id: String,
    /// The catalogue row, e.g. `impediment_lifted.international_interim_measure`.
    pub action: String,
    pub case: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub status: &'static str,
    pub proposed_at: jiff::Timestamp,
    pub proposed_by: String,
    pub agency: opcentrum_domain::Agency,
    /// The role that must approve (not the proposer).
    pub approver_role: &'static str,
    pub decided_by: Option<String>,
    pub decided_at: Option<jiff::Timestamp>,
    pub decision_reason: Option<String>,
}

impl PendingView {
    pub(crate) fn of(p: &PendingRecord, approver: Role) -> PendingView {
        PendingView {
            id: p.id.clone(),
            action: p.row_id.clone(),
            case: p.case.clone(),
            status: p.status.code(),
            proposed_at: p.proposed_at,
            proposed_by: p.proposed_by.clone(),
            agency: p.proposed_agency,
            approver_role: approver.code(),
            decided_by: p.decided_by.clone(),
            decided_at: p.decided_at,
            decision_reason: p.decision_reason.clone(),
        }
    }
}

impl From<PendingError> for AppError {
    fn from(e: PendingError) -> Self {
        match e {
            PendingError::NotFound(id) => {
                AppError::not_found("gate.error.no_pending", &[("id", &id)])
            }
            PendingError::NotPending { id, status } => AppError::conflict(
                "gate.pending.not_pending",
                &[
                    ("id", &id),
                    ("status", &crate::text::decided_status(status)),
                ],
            ),
            PendingError::Store(s) => s.into(),
        }
    }
}

impl App {
    fn approver_of(&self, p: &PendingRecord) -> AppResult<Role> {
        self.catalogue
            .row(&p.row_id)
            .map_err(AppError::internal)?
            .second_person
            .map(|s| s.role)
            .ok_or_else(|| AppError::internal(format!("{} needs no second person", p.row_id)))
    }

    /// The pending actions of the caller's agency that the caller proposed or
    /// may decide.
    pub async fn pending_actions(&self, caller: &Caller) -> AppResult<Vec<PendingView>> {
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("pending actions for a non-user"))?;
        let mut out = Vec::new();
        for p in self.store.pending_actions(principal.agency, 200).await? {
            let approver = self.approver_of(&p)?;
            if approver == principal.role || p.proposed_by == principal.user.as_str() {
                out.push(PendingView::of(&p, approver));
            }
        }
        // Each case listed is shown (what is to be lifted is the decision
        // category's): one read record per case.
        let now = self.clock.now();
        let cases: std::collections::BTreeSet<&String> =
            out.iter().filter_map(|v| v.case.as_ref()).collect();
        let records: Vec<_> = cases
            .into_iter()
            .map(|case| {
                entry(
                    caller,
                    AuditAction::Read,
                    Some(case.clone()),
                    vec![FieldCategory::Decision],
                    vec![],
                    "pending actions",
                    now,
                )
            })
            .collect();
        if !records.is_empty() {
            self.store.audit(records).await?;
        }
        Ok(out)
    }

    async fn decidable(&self, caller: &Caller, id: &str) -> AppResult<(PendingRecord, Role)> {
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a decision by a non-user"))?;
        let p = self
            .store
            .pending_action(id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_pending", &[("id", &id)]))?;
        let approver = self.approver_of(&p)?;
        // Another agency's pending actions are not its to know of: the same
        // answer as for an id that does not exist (the ids are sequential, so
        // a 403 naming the row would tell which impediments another agency is
        // lifting), but the attempt is audited.
        if principal.agency != p.proposed_agency {
            self.audit_refusal(
                caller,
                &p.row_id,
                p.case.as_deref(),
                &[FieldCategory::Decision],
                &format!("{id} belongs to {}", p.proposed_agency.code()),
            )
            .await;
            return Err(AppError::not_found("gate.error.no_pending", &[("id", &id)]));
        }
        let problem = if principal.role != approver {
            Some(reasons(
                "gate.pending.wrong_approver",
                &[
                    ("id", &id),
                    (
                        "approver",
                        &ByLang(approver.code(), approver.name_sv().to_lowercase()),
                    ),
                    (
                        "agency",
                        &ByLang(p.proposed_agency.code(), p.proposed_agency.name_sv()),
                    ),
                    (
                        "role",
                        &ByLang(
                            principal.role.code(),
                            principal.role.name_sv().to_lowercase(),
                        ),
                    ),
                    (
                        "own_agency",
                        &ByLang(principal.agency.code(), principal.agency.name_sv()),
                    ),
                ],
            ))
        } else if principal.user.as_str() == p.proposed_by {
            Some(reasons("gate.pending.same_person", &[("id", &id)]))
        } else {
            None
        };
        if let Some((en, sv)) = problem {
            self.audit_refusal(
                caller,
                &p.row_id,
                p.case.as_deref(),
                &[FieldCategory::Decision],
                &en,
            )
            .await;
            let (reason_en, reason_sv) = reasons(
                "gate.pending.in_row",
                &[("reason", &ByLang(&en, &sv)), ("row", &p.row_id)],
            );
            return Err(AppError::Forbidden {
                row: p.row_id.clone(),
                reason_en,
                reason_sv,
                field: None,
            });
        }
        Ok((p, approver))
    }

    /// The second person approves: the event is recorded, with the proposer
    /// as its actor and the approver named in its reason and audit record.
    pub async fn approve_pending(&self, caller: &Caller, id: &str) -> AppResult<Recorded> {
        let (p, _) = self.decidable(caller, id).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a decision by a non-user"))?;
        let body: PendingEvent =
            serde_json::from_value(p.body.clone()).map_err(AppError::internal)?;
        let case_id = p
            .case
            .as_deref()
            .ok_or_else(|| AppError::internal(format!("{id} has no case")))
            .and_then(crate::cases::case_id)?;
        let case = self
            .store
            .case(&case_id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_case", &[("id", &case_id)]))?;
        let proposer = Actor {
            user: UserName::parse(p.proposed_by.clone()).map_err(AppError::internal)?,
            agency: p.proposed_agency,
        };
        let now = self.clock.now();
        let reason = Some(match &body.reason {
            Some(r) => format!("{r} — godkänt av {} ({id})", principal.user),
            None => format!("godkänt av {} ({id})", principal.user),
        });
        let categories = opcentrum_access::category::categories_of_event(&body.event).to_vec();
        let mut write = entry(
            caller,
            AuditAction::Write,
            Some(case_id.to_string()),
            categories,
            vec![],
            "",
            now,
        );
        write.purpose = format!(
            "{} proposed by {} ({}), approved as {id}",
            p.row_id,
            proposer.user,
            proposer.agency.code()
        );
        let decision = entry(
            caller,
            AuditAction::Write,
            Some(case_id.to_string()),
            vec![FieldCategory::Decision],
            vec![],
            &format!("approved {id}"),
            now,
        );
        let done = match self
            .store
            .approve_pending_event(
                id,
                principal.user.as_str(),
                PlannedWrite {
                    case: case_id.clone(),
                    expected_version: body.expected_version,
                    event: NewEvent {
                        kind: body.event,
                        actor: proposer,
                        reason,
                        audit: Some(write),
                    },
                },
                Some(decision),
                now,
            )
            .await
        {
            Ok(d) => d,
            Err(PendingError::Store(opcentrum_store::StoreError::Refused(t))) => {
                // Refused by the law at approval (the case changed since the
                // proposal): redacted and audited like a refused event.
                let rule = format!("{:?}", t.rule);
                let e = self.redact(caller, &case, t);
                self.audit_refusal(
                    caller,
                    "law",
                    Some(case.id.as_str()),
                    &[],
                    &format!("{rule} at approving {id}: {e}"),
                )
                .await;
                return Err(e);
            }
            Err(e) => return Err(e.into()),
        };
        let shown = self.show(caller, principal, &done.case).await?;
        Ok(Recorded {
            seq: done.seq,
            case: shown,
        })
    }

    /// The second person rejects, with a reason; nothing is recorded on the case.
    pub async fn reject_pending(
        &self,
        caller: &Caller,
        id: &str,
        reason: &str,
    ) -> AppResult<PendingView> {
        if reason.trim().is_empty() {
            return Err(crate::text::invalid(
                "reason",
                "gate.pending.reason_required",
                &[],
            ));
        }
        let (p, approver) = self.decidable(caller, id).await?;
        let principal = caller
            .principal()
            .ok_or_else(|| AppError::internal("a decision by a non-user"))?;
        let now = self.clock.now();
        let audit = entry(
            caller,
            AuditAction::Write,
            p.case.clone(),
            vec![FieldCategory::Decision],
            vec![],
            &format!("rejected {id}"),
            now,
        );
        self.store
            .reject_pending(id, principal.user.as_str(), reason, Some(audit), now)
            .await?;
        let decided = self
            .store
            .pending_action(id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_pending", &[("id", &id)]))?;
        Ok(PendingView::of(&decided, approver))
    }
}
