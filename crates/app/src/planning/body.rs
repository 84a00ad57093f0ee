//! What a stored proposal holds (JSON in `trip_proposals.body`).

use opcentrum_domain::Agency;
use opcentrum_planner::{Plan, Scenario, Unplanned};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The scenario it was planned on, the plan, who was held back before
/// planning, and, for a re-plan, what changes and why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProposalBody {
    pub scenario: Scenario,
    pub plan: Plan,
    pub held_back: Vec<Unplanned>,
    /// The case versions the plan was made on: an approval refuses any case
    /// that changed since (the approver must see what they approve).
    pub versions: BTreeMap<String, u64>,
    /// Re-plan: each person's change against the approved plan.
    #[serde(default)]
    pub changes: Vec<opcentrum_planner::Change>,
    /// Re-plan: the events that caused it.
    #[serde(default)]
    pub causes: Vec<Cause>,
    /// Left out by the trip planner's hand (an adjusted proposal), with their
    /// families: kept off every trip of this proposal.
    #[serde(default)]
    pub left_out: Vec<LeftOut>,
    /// Per person: the agency that registered the decision and the one
    /// responsible when the plan was made — whose data each category is, so
    /// a proposal is shown per field as the case is (older proposals lack it
    /// and are shown withheld).
    #[serde(default)]
    pub owners: BTreeMap<String, (Agency, Agency)>,
    /// Persons whose planning days (`ready_from`, `must_leave_by`) would
    /// differ were the expulsion a criminal court's (`criminal.rs`): those
    /// days, and reasons naming them, are shown only with the criminal record.
    #[serde(default)]
    pub criminal_dependent: BTreeSet<String>,
}

/// A person the trip planner left out of a proposal by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftOut {
    pub person: String,
    /// Who left them out.
    pub by: String,
    /// Set when the person goes with a family member who was left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    /// The trip planner's reason (required since leaving out asks for one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// An event that took a planned person off a trip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cause {
    pub case: String,
    pub trip: String,
    /// The event type, e.g. `absconded`, `impediment_lodged`, `fitness_assessed`.
    pub event: String,
    pub at: jiff::Timestamp,
}
