//! The API's own request and response types. Domain types appear inside them;
//! only this crate knows about requests, responses and status codes.

use opcentrum_access::filter::FilteredCase;
use opcentrum_app::{FacilityOccupancy, StageCount};
use opcentrum_domain::{
    Country,
    decision::Decision,
    event::EventKind,
    ids::{CaseId, FamilyId},
    person::Person,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Register a new case: the person, the decision to enforce and the destination.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCase {
    /// Leave out to have the store number the case `UT-YYYY-NNNNNN`.
    pub case_id: Option<CaseId>,
    pub person: Person,
    pub decision: Decision,
    pub destination: Country,
    pub family: Option<FamilyId>,
    #[serde(default)]
    pub absconding_risk: bool,
    pub reason: Option<String>,
}

impl CreateCase {
    pub fn event(&self) -> EventKind {
        EventKind::Registered {
            person: self.person.clone(),
            decision: self.decision.clone(),
            destination: self.destination,
            family: self.family.clone(),
            absconding_risk: self.absconding_risk,
        }
    }
}

/// Append one event to a case read at `expected_version`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendEvent {
    pub expected_version: u64,
    pub event: EventKind,
    pub reason: Option<String>,
    /// `detention_started` only: other cases of the same family that receive
    /// the same event in the same transaction, all or none (a child and the
    /// guardian held with it, UtlL 10 kap. 3 §). Each passes the gate on its
    /// own case.
    #[serde(default)]
    pub together: Vec<TogetherWith>,
}

/// A family member recorded together with the case, at the version read.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TogetherWith {
    pub case: String,
    pub expected_version: u64,
}

impl From<TogetherWith> for opcentrum_app::cases::Together {
    fn from(t: TogetherWith) -> Self {
        opcentrum_app::cases::Together {
            case: t.case,
            expected_version: t.expected_version,
        }
    }
}

/// A case as one reader may see it: operational metadata, then each data
/// category either visible (with the legal basis) or withheld (with the reason).
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub case: FilteredCase,
}

/// A case with its history (each event visible or withheld), the legal
/// rules that apply as far as the reader may see them, and `actions`: the
/// action catalogue's rows the reader may take on it now.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDetail {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub detail: opcentrum_app::cases::CaseDetail,
}

/// The result of an append: the event's place in the log and the case after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Appended {
    pub seq: u64,
    /// The case after the event (its `version` is the new version).
    #[serde(flatten)]
    pub view: CaseView,
}

impl From<opcentrum_app::cases::Recorded> for Appended {
    fn from(r: opcentrum_app::cases::Recorded) -> Self {
        Appended {
            seq: r.seq,
            view: CaseView { case: r.case },
        }
    }
}

/// An action kept for a second person's approval (the two-person rule):
/// `POST /api/pending/{id}/approve` by a person of `approver_role` in the
/// proposer's agency, other than the proposer.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingAction {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub pending: opcentrum_app::pending::PendingView,
}

/// Filters of the case list (all optional; all given must hold).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// registered, final, handed_over, transport_requested, planned, executed, departed_voluntarily, expired, permit_granted, cancelled
    pub stage: Option<String>,
    /// migrationsverket, police, nte
    pub responsible: Option<String>,
    /// ISO 3166-1 alpha-2, e.g. IQ
    pub destination: Option<String>,
    /// Ready for planning today.
    pub ready: Option<bool>,
    pub detained: Option<bool>,
    /// An impediment or stay is open.
    pub suspended: Option<bool>,
    pub family: Option<String>,
    /// Taken off a trip by an event; the trip must be re-planned.
    pub replan_needed: Option<bool>,
    /// Case id prefix.
    pub q: Option<String>,
    /// Cursor: the `next` of the previous page.
    pub after: Option<String>,
    /// 1–1000, default 50.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseList {
    pub items: Vec<CaseView>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<CaseId>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageCounts {
    pub total: u64,
    pub counts: Vec<StageCountView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageCountView {
    pub stage: opcentrum_domain::Stage,
    pub responsible: opcentrum_domain::Agency,
    pub destination: Country,
    pub suspended: bool,
    pub count: u64,
}

impl From<StageCount> for StageCountView {
    fn from(c: StageCount) -> Self {
        StageCountView {
            stage: c.stage,
            responsible: c.responsible,
            destination: c.destination,
            suspended: c.suspended,
            count: c.count,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacilityView {
    pub facility: opcentrum_domain::facility::Facility,
    pub occupied: u32,
    pub free: u32,
}

impl From<FacilityOccupancy> for FacilityView {
    fn from(f: FacilityOccupancy) -> Self {
        FacilityView {
            free: f.facility.capacity.saturating_sub(f.occupied),
            occupied: f.occupied,
            facility: f.facility,
        }
    }
}

/// An agency's handovers waiting for it, each with the handover as the reader
/// may see it (reason and escort need by category) and a preview of the case
/// limited to what the reader may see.
#[derive(Debug, Serialize, ToSchema)]
pub struct Inbox {
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub inbox: opcentrum_app::inbox::Inbox,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub backend: String,
    pub head_seq: u64,
}
