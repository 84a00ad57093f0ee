//! Trip planning through the gate: build the scenario from the store, run the
//! planner (pure), keep the plan as a pending proposal, approve it as a named
//! trip planner's decision (all its `planned`/`unplanned` events in one
//! transaction), re-plan when an event takes a planned person off a trip
//! (the background re-planner proposes; only a person approves), and show a
//! proposal only as far as the reader may see each person in it.

mod approve;
mod body;
mod build;
mod confirm;
mod criminal;
mod propose;
mod replan;
mod view;

pub use approve::Approved;
pub use body::{Cause, LeftOut, ProposalBody};
pub use build::{MAX_REASON, PlanRequest, horizon_end};
pub use confirm::ApprovalPreview;
pub use replan::{REPLANNER, spawn_replanner};
pub use view::ProposalView;

use crate::AppError;
use crate::text::{ByLang, reasons};
use opcentrum_domain::ids::CaseId;
use opcentrum_store::DecisionError;

pub(crate) use approve::body_of as body_for;

pub(crate) const PURPOSE_PLANNING: &str = "trip planning";

/// "case …: why — nothing was approved", in English and in Swedish.
fn nothing_approved(case: &CaseId, en: &str, sv: &str) -> (String, String) {
    reasons(
        "gate.planning.nothing_approved",
        &[("case", case), ("reason", &ByLang(en, sv))],
    )
}

impl From<DecisionError> for AppError {
    fn from(e: DecisionError) -> Self {
        match e {
            DecisionError::NotFound(id) => {
                AppError::not_found("gate.error.no_proposal", &[("id", &id)])
            }
            DecisionError::NotPending { id, status } => AppError::conflict(
                "gate.planning.not_pending",
                &[
                    ("id", &id),
                    ("status", &crate::text::decided_status(status)),
                ],
            ),
            DecisionError::Case { case, source } => match AppError::from(source) {
                AppError::Refused(mut t) => {
                    (t.reason, t.reason_sv) = nothing_approved(&case, &t.reason, &t.reason_sv);
                    AppError::Refused(t)
                }
                AppError::Stale(d) => {
                    let (en, sv) = nothing_approved(&case, &d.en, &d.sv);
                    AppError::Stale(crate::Said { en, sv })
                }
                other => other,
            },
            DecisionError::Store(s) => s.into(),
        }
    }
}
