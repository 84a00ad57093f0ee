//! The approval's confirmation step: before a named trip planner approves,
//! they see what the approval will change against the plan in force (trips,
//! persons planned, moved to another trip, taken off a trip) and confirm
//! with a token bound to exactly this proposal's content; an approval
//! without that token is refused.

use super::{approve::Approved, approve::body_of};
use crate::{App, AppError, AppResult, Caller, text::invalid};
use opcentrum_domain::{Stage, ids::CaseId};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// What approving a proposal will change, in counts (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApprovalPreview {
    pub proposal: String,
    /// Trips the plan operates.
    pub trips: usize,
    /// Persons on a trip once approved.
    pub planned: usize,
    /// Of those, persons not on any trip now.
    pub newly_planned: usize,
    /// Persons now on another trip than the plan puts them on.
    pub moved: usize,
    /// Persons now on a trip whom the plan leaves off every trip.
    pub removed: usize,
    /// Persons whose trip stays as it is.
    pub unchanged: usize,
    /// Given back with the approval: binds it to this preview.
    pub token: String,
}

/// The confirmation token of a proposal: its id and stored content hashed.
pub(crate) fn token_of(id: &str, body: &serde_json::Value) -> String {
    let mut h = Sha256::new();
    h.update(b"opcentrum-approval-confirmation/1\n");
    h.update(id.as_bytes());
    h.update(b"\n");
    h.update(body.to_string().as_bytes());
    hex::encode(&h.finalize()[..16])
}

impl App {
    /// What approving the proposal would change, with the token to confirm it.
    pub async fn approval_preview(&self, caller: &Caller, id: &str) -> AppResult<ApprovalPreview> {
        self.allow(caller, "trips.approve", None).await?;
        let p = self.stored_proposal(id).await?;
        if p.status.code() != "pending" {
            return Err(AppError::conflict(
                "gate.confirm.not_pending",
                &[
                    ("id", &id),
                    ("status", &crate::text::decided_status(p.status.code())),
                ],
            ));
        }
        let body = body_of(&p)?;
        let target: BTreeMap<&str, &str> = body
            .plan
            .trips
            .iter()
            .flat_map(|t| t.persons.iter().map(|x| (x.as_str(), t.trip.as_str())))
            .collect();
        let mut preview = ApprovalPreview {
            proposal: p.id.clone(),
            trips: body
                .plan
                .trips
                .iter()
                .filter(|t| !t.persons.is_empty())
                .count(),
            planned: target.len(),
            newly_planned: 0,
            moved: 0,
            removed: 0,
            unchanged: 0,
            token: token_of(&p.id, &p.body),
        };
        for person in &body.scenario.persons {
            let Ok(case_id) = CaseId::parse(person.id.clone()) else {
                continue;
            };
            let now_on = self
                .store
                .case(&case_id)
                .await?
                .filter(|c| c.stage == Stage::Planned)
                .and_then(|c| c.trip.map(|t| t.trip.to_string()));
            match (now_on.as_deref(), target.get(person.id.as_str()).copied()) {
                (None, Some(_)) => preview.newly_planned += 1,
                (Some(a), Some(b)) if a == b => preview.unchanged += 1,
                (Some(_), Some(_)) => preview.moved += 1,
                (Some(_), None) => preview.removed += 1,
                (None, None) => {}
            }
        }
        Ok(preview)
    }

    /// Approves a proposal the caller confirmed on its preview: refused
    /// without the token, or with one of another (or a changed) proposal.
    pub async fn approve_confirmed(
        &self,
        caller: &Caller,
        id: &str,
        token: Option<&str>,
    ) -> AppResult<Approved> {
        self.allow(caller, "trips.approve", None).await?;
        let p = self.stored_proposal(id).await?;
        let want = token_of(&p.id, &p.body);
        match token.map(str::trim).filter(|t| !t.is_empty()) {
            None => {
                return Err(invalid("confirm", "gate.confirm.unconfirmed", &[]));
            }
            Some(t) if t != want => {
                return Err(invalid("confirm", "gate.confirm.stale", &[]));
            }
            Some(_) => {}
        }
        self.approve_proposal(caller, id).await
    }
}
