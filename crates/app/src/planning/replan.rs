//! Incremental re-planning after events that take planned persons off an
//! approved plan's trips: the background re-planner proposes the smallest
//! change (pending, like any proposal); only a named person approves.

use super::{Cause, approve::body_of, build::horizon_end};
use crate::{App, AppError, AppResult, Caller};
use opcentrum_domain::Case;
use opcentrum_planner::replan;
use opcentrum_store::{NewProposal, ProposalKind, ProposalRecord};
use std::collections::BTreeSet;
use std::time::Duration;

/// The user the automatic re-planner records proposals as (a proposal is not
/// a decision; only a named human approves).
pub const REPLANNER: &str = "planner";

impl App {
    /// Re-plans the approved plan if events took planned persons off its
    /// trips and no proposal for exactly those events exists yet. Several
    /// servers may run this at once: the trigger key lets only one proposal
    /// be stored. Returns the stored proposal's id.
    pub async fn replan_once(&self, caller: &Caller) -> AppResult<Option<ProposalRecord>> {
        self.allow(caller, "trips.plan", None).await?;
        let Some(approved) = self.store.approved_proposal().await? else {
            return Ok(None);
        };
        let approved_body = body_of(&approved)?;
        let trips: BTreeSet<&str> = approved_body
            .plan
            .trips
            .iter()
            .map(|t| t.trip.as_str())
            .collect();
        let affected: Vec<Case> = self
            .store
            .taken_off_trips()
            .await?
            .into_iter()
            .filter(|c| {
                c.replan_needed
                    .as_ref()
                    .is_some_and(|r| trips.contains(r.trip.as_str()))
            })
            .collect();
        if affected.is_empty() {
            return Ok(None);
        }
        let causes: Vec<Cause> = affected
            .iter()
            .filter_map(|c| {
                c.replan_needed.as_ref().map(|r| Cause {
                    case: c.id.to_string(),
                    trip: r.trip.to_string(),
                    event: r.cause.clone(),
                    at: r.at,
                })
            })
            .collect();
        let key = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(approved.id.as_bytes());
            for c in &affected {
                h.update(format!("|{}@{}", c.id, c.version).as_bytes());
            }
            format!("replan:{}", hex::encode(h.finalize()))
        };
        let today = self.clock.today();
        let end = horizon_end(approved.horizon_start, approved.horizon_days);
        if end < today {
            return Ok(None);
        }
        let start = approved.horizon_start.max(today);
        let days = u32::try_from((end - start).get_days() + 1).unwrap_or(1);
        let built = self
            .build_scenario(start, days, &approved_body.scenario.params)
            .await?;
        // The approved plan as it stands: persons since executed or closed are
        // not "removed" by the re-plan, they are done.
        let mut base = approved_body.plan.clone();
        let open: BTreeSet<&str> = built
            .built
            .scenario
            .persons
            .iter()
            .map(|p| p.id.as_str())
            .chain(affected.iter().map(|c| c.id.as_str()))
            .collect();
        for t in &mut base.trips {
            t.persons.retain(|p| open.contains(p.as_str()));
        }
        base.trips.retain(|t| !t.persons.is_empty());
        let scenario = built.built.scenario.clone();
        let r = tokio::task::spawn_blocking(move || replan(&scenario, &base))
            .await
            .map_err(|_| AppError::internal("the re-planner stopped unexpectedly"))?;
        let mut body = built.into_body(r.plan);
        body.changes = r.changes;
        body.causes = causes;
        let stored = self
            .store
            .insert_proposal(
                NewProposal {
                    kind: ProposalKind::Replan,
                    created_by: REPLANNER.to_owned(),
                    horizon_start: start,
                    horizon_days: days,
                    based_on: Some(approved.id.clone()),
                    trigger_key: Some(key),
                    body: serde_json::to_value(&body).map_err(AppError::internal)?,
                },
                self.clock.now(),
            )
            .await?;
        if let Some(p) = &stored {
            tracing::info!(proposal = %p.id, based_on = %approved.id, "re-plan proposed");
        }
        Ok(stored)
    }

    /// Re-plan now, at a trip planner's request: the proposal as they may see it.
    pub async fn replan_now(&self, caller: &Caller) -> AppResult<Option<super::ProposalView>> {
        self.allow(caller, "trips.plan", None).await?;
        match self.replan_once(&Caller::system(REPLANNER)).await? {
            Some(p) => Ok(Some(self.proposal_view(caller, p, false).await?)),
            None => Ok(None),
        }
    }
}

/// Watches the event log and re-plans after events that touch planned
/// persons. Runs for the life of the server, as the background re-planner.
pub fn spawn_replanner(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let (tx, mut rx) = tokio::sync::watch::channel(0u64);
        let _watch = app.store.spawn_watch(tx);
        let me = Caller::system(REPLANNER);
        loop {
            if rx.changed().await.is_err() {
                return;
            }
            // Let a burst of events settle into one re-plan.
            tokio::time::sleep(Duration::from_millis(300)).await;
            rx.borrow_and_update();
            if let Err(e) = app.replan_once(&me).await {
                tracing::warn!(error = %e, "re-planning failed");
            }
        }
    })
}
