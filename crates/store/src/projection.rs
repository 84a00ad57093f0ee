//! The columns of the `cases` table, derived from the domain's projection. One
//! function, so a row can never disagree with its own `state`.

use crate::{codec, error::Result};
use opcentrum_domain::{Case, RuleTable, detention, readiness::ready_window};

/// What a `cases` row holds besides the id and version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseColumns {
    pub stage: String,
    pub responsible: String,
    pub destination: String,
    pub family_id: Option<String>,
    pub suspended: i64,
    pub detained: i64,
    pub facility_id: Option<String>,
    pub detention_limit: Option<i64>,
    pub ready_from: Option<String>,
    pub ready_until: Option<String>,
    pub pending_to: Option<String>,
    pub pending_since: Option<i64>,
    pub replan_needed: i64,
    pub registered_at: i64,
    /// The picture's columns (migration 0004): handover completion times, trip.
    pub picture: PictureColumns,
    pub state: String,
}

/// When each leg of the chain completed, and the trip a planned case is on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PictureColumns {
    pub final_at: Option<i64>,
    pub handed_over_at: Option<i64>,
    pub transport_requested_at: Option<i64>,
    pub executed_at: Option<i64>,
    pub trip_id: Option<String>,
}

pub fn picture_columns(case: &Case) -> PictureColumns {
    let m = &case.milestones;
    PictureColumns {
        final_at: m.final_at.map(codec::ts),
        handed_over_at: m.handed_over_at.map(codec::ts),
        transport_requested_at: m.transport_requested_at.map(codec::ts),
        executed_at: if case.stage == opcentrum_domain::Stage::Executed {
            m.closed_at.map(codec::ts)
        } else {
            None
        },
        trip_id: case.trip.as_ref().map(|t| t.trip.to_string()),
    }
}

/// The key of a `stage_counts` row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CountKey {
    pub stage: String,
    pub responsible: String,
    pub destination: String,
    pub suspended: i64,
}

impl CaseColumns {
    pub fn count_key(&self) -> CountKey {
        CountKey {
            stage: self.stage.clone(),
            responsible: self.responsible.clone(),
            destination: self.destination.clone(),
            suspended: self.suspended,
        }
    }
}

pub fn columns(case: &Case, rules: &RuleTable) -> Result<CaseColumns> {
    // The whole-case limit, a missed review included: the picture's alerts read it.
    let limit = detention::limit(case, rules).and_then(|l| l.ends_at);
    let window = ready_window(case, rules);
    Ok(CaseColumns {
        stage: case.stage.code().to_owned(),
        responsible: case.responsible.code().to_owned(),
        destination: case.destination.to_string(),
        family_id: case.family.as_ref().map(|f| f.to_string()),
        suspended: i64::from(case.is_suspended()),
        detained: i64::from(case.is_detained()),
        facility_id: case.detention.as_ref().map(|p| p.facility.to_string()),
        detention_limit: limit.map(codec::ts),
        ready_from: window.map(|w| codec::date(w.from)),
        ready_until: window.and_then(|w| w.until).map(codec::date),
        pending_to: case
            .pending_handover
            .as_ref()
            .map(|p| p.kind.to_agency().code().to_owned()),
        pending_since: case
            .pending_handover
            .as_ref()
            .map(|p| codec::ts(p.proposed_at)),
        replan_needed: i64::from(case.replan_needed.is_some()),
        registered_at: case.milestones.registered_at.map(codec::ts).unwrap_or(0),
        picture: picture_columns(case),
        state: codec::json(case)?,
    })
}
