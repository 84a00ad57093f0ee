//! A named trip planner's decision on a proposal: approval turns the
//! difference between the store and the plan into `planned`/`unplanned`
//! events with the approver as actor, written with the decision in one
//! transaction (any refused event refuses the whole approval); rejection
//! keeps the reason.

use super::{PURPOSE_PLANNING, ProposalBody, ProposalView};
use crate::{App, AppError, AppResult, Caller, audit::entry};
use jiff::civil::Date;
use opcentrum_access::{
    FieldCategory,
    audit::{AuditAction, AuditEntry},
};
use opcentrum_domain::{
    Actor, Case, EventKind, Stage,
    ids::{CaseId, TripId},
};
use opcentrum_store::{NewEvent, PlannedWrite, ProposalRecord};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn body_of(p: &ProposalRecord) -> AppResult<ProposalBody> {
    serde_json::from_value(p.body.clone()).map_err(|e| {
        AppError::internal(format!(
            "proposal {} is not a plan this server reads: {e}",
            p.id
        ))
    })
}

/// The result of an approval.
#[derive(Debug, serde::Serialize)]
pub struct Approved {
    pub proposal: ProposalView,
    /// `planned` and `unplanned` events written.
    pub events: usize,
}

/// The events that make the store match the proposal's plan, case by case:
/// `unplanned` from a trip the plan no longer has the person on, `planned` on
/// the trip it has. Each carries the approver as actor and its audit record.
pub(crate) fn writes_for(
    body: &ProposalBody,
    current: &BTreeMap<String, Case>,
    actor: &Actor,
    audit: &(dyn Fn(&str) -> AuditEntry + Sync),
    reason: &str,
) -> AppResult<Vec<PlannedWrite>> {
    let dates: BTreeMap<&str, Date> = body
        .scenario
        .charters
        .iter()
        .map(|c| (c.id.as_str(), c.date))
        .chain(
            body.scenario
                .flights
                .iter()
                .map(|f| (f.id.as_str(), f.date)),
        )
        .collect();
    let target: BTreeMap<&str, &str> = body
        .plan
        .trips
        .iter()
        .flat_map(|t| t.persons.iter().map(|p| (p.as_str(), t.trip.as_str())))
        .collect();
    let persons: BTreeSet<&str> = body
        .scenario
        .persons
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    let bad = |e: &dyn std::fmt::Display| AppError::internal(e.to_string());
    let mut out = Vec::new();
    for id in persons {
        let case = current.get(id).ok_or_else(|| {
            crate::text::invalid("proposal", "gate.approve.case_gone", &[("id", &id)])
        })?;
        let seen = body.versions.get(id).copied().unwrap_or(case.version);
        let now_on = case
            .trip
            .as_ref()
            .filter(|_| case.stage == Stage::Planned)
            .map(|t| t.trip.to_string());
        let want = target.get(id).copied();
        if now_on.as_deref() == want {
            continue;
        }
        let mut version = seen;
        if let Some(old) = &now_on {
            out.push(PlannedWrite {
                case: case.id.clone(),
                expected_version: version,
                event: NewEvent {
                    kind: EventKind::Unplanned {
                        trip: TripId::parse(old.clone()).map_err(|e| bad(&e))?,
                    },
                    actor: actor.clone(),
                    reason: Some(reason.to_owned()),
                    audit: Some(audit(id)),
                },
            });
            version += 1;
        }
        if let Some(trip) = want {
            let date = dates
                .get(trip)
                .copied()
                .ok_or_else(|| bad(&format!("trip {trip} is not in the proposal's scenario")))?;
            out.push(PlannedWrite {
                case: case.id.clone(),
                expected_version: version,
                event: NewEvent {
                    kind: EventKind::Planned {
                        trip: TripId::parse(trip.to_owned()).map_err(|e| bad(&e))?,
                        trip_date: date,
                    },
                    actor: actor.clone(),
                    reason: Some(reason.to_owned()),
                    audit: Some(audit(id)),
                },
            });
        }
    }
    Ok(out)
}

impl App {
    pub(crate) async fn stored_proposal(&self, id: &str) -> AppResult<ProposalRecord> {
        self.store
            .proposal(id)
            .await?
            .ok_or_else(|| AppError::not_found("gate.error.no_proposal", &[("id", &id)]))
    }

    /// Approves a pending proposal: one transaction writes every event and
    /// the decision.
    pub async fn approve_proposal(&self, caller: &Caller, id: &str) -> AppResult<Approved> {
        self.allow(caller, "trips.approve", None).await?;
        let actor = caller
            .actor()
            .ok_or_else(|| AppError::internal("an approval by a non-user"))?;
        let proposal = self.stored_proposal(id).await?;
        let body = body_of(&proposal)?;
        let mut current = BTreeMap::new();
        for p in &body.scenario.persons {
            let case_id = CaseId::parse(p.id.clone()).map_err(AppError::internal)?;
            if let Some(c) = self.store.case(&case_id).await? {
                current.insert(p.id.clone(), c);
            }
        }
        let now = self.clock.now();
        let audit = |case: &str| {
            entry(
                caller,
                AuditAction::Write,
                Some(case.to_owned()),
                vec![FieldCategory::Trip],
                vec![],
                PURPOSE_PLANNING,
                now,
            )
        };
        let reason = format!("trip plan {id} approved by {}", actor.user);
        let writes = writes_for(&body, &current, &actor, &audit, &reason)?;
        let events = writes.len();
        self.store
            .approve_proposal(id, actor.user.as_str(), writes, now)
            .await?;
        let decided = self.stored_proposal(id).await?;
        Ok(Approved {
            proposal: self.proposal_view(caller, decided, false).await?,
            events,
        })
    }

    /// Rejects a pending proposal, with a reason.
    pub async fn reject_proposal(
        &self,
        caller: &Caller,
        id: &str,
        reason: &str,
    ) -> AppResult<ProposalView> {
        self.allow(caller, "trips.approve", None).await?;
        let by = caller.audit_identity().0;
        self.store
            .reject_proposal(id, &by, reason, self.clock.now())
            .await?;
        let p = self.stored_proposal(id).await?;
        self.proposal_view(caller, p, false).await
    }

    /// Proposals, newest first, without their bodies.
    pub async fn proposals(&self, caller: &Caller, limit: u32) -> AppResult<Vec<ProposalView>> {
        self.allow(caller, "trips.plan", None).await?;
        let mut out = Vec::new();
        for p in self.store.proposals(limit.clamp(1, 500)).await? {
            out.push(self.proposal_view(caller, p, false).await?);
        }
        Ok(out)
    }

    /// One proposal with its scenario, plan and changes, each person as the
    /// reader may see them (and audited).
    pub async fn proposal(&self, caller: &Caller, id: &str) -> AppResult<ProposalView> {
        self.allow(caller, "trips.plan", None).await?;
        let p = self.stored_proposal(id).await?;
        self.proposal_view(caller, p, true).await
    }
}
