//! Detention (förvar) and custody: placements, their legal limits, their reviews.
//!
//! The limit is computed, never typed in, and over the **whole enforcement case**:
//! every placement, a transfer between units and an earlier period of the same
//! case count (MIG 2019:17, MIG 2013:3, CJEU C-357/09 Kadzoev). One idea per file:
//! `account` adds up the time held, `limit` finds the binding limit (caps, the
//! review schedule, release when removal is no longer a reasonable prospect),
//! `extension` says which extensions the law allows, `summary` is what a reader
//! of the case sees. The planner's `must_leave_by`, the store's projection (and so
//! the picture's alerts) and `decide` all call `limit`.

mod account;
mod extension;
mod limit;
mod summary;

pub use account::{Account, account};
pub use extension::extension_allowed;
pub use limit::{limit, next_review, status};
pub use summary::{DetentionSummary, counsel_required_since, summary};

use crate::{ids::FacilityId, rules::RuleId, time};
use jiff::{Timestamp, ToSpan, civil::Date};
use serde::{Deserialize, Serialize};

/// The legal ground of a placement (UtlL 10 kap. 1–2, 17, 20 §§).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetentionBasis {
    /// Identity unclear (identitetsförvar).
    Identity,
    /// Needed for an investigation of the right to stay (utredningsförvar).
    Investigation,
    /// Refusal of entry is likely (sannolikhetsförvar).
    LikelyRemoval,
    /// To enforce a decision (verkställighetsförvar).
    Enforcement,
    /// Police custody for enforcement (kvarhållande).
    PoliceCustody,
    /// Placement in a prison, remand centre or police cell for transport reasons.
    TransportPlacement,
    /// Detention in the return border procedure (Regulation (EU) 2024/1349), from 2026-06-12.
    ReturnBorder,
}

impl DetentionBasis {
    pub const ALL: [DetentionBasis; 7] = [
        DetentionBasis::Identity,
        DetentionBasis::Investigation,
        DetentionBasis::LikelyRemoval,
        DetentionBasis::Enforcement,
        DetentionBasis::PoliceCustody,
        DetentionBasis::TransportPlacement,
        DetentionBasis::ReturnBorder,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DetentionBasis::Identity => "identity",
            DetentionBasis::Investigation => "investigation",
            DetentionBasis::LikelyRemoval => "likely_removal",
            DetentionBasis::Enforcement => "enforcement",
            DetentionBasis::PoliceCustody => "police_custody",
            DetentionBasis::TransportPlacement => "transport_placement",
            DetentionBasis::ReturnBorder => "return_border",
        }
    }
    /// Counted as occupancy of Migrationsverket's detention places.
    pub fn is_detention(self) -> bool {
        !matches!(
            self,
            DetentionBasis::PoliceCustody | DetentionBasis::TransportPlacement
        )
    }
}

/// Why a placement was extended past its first limit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtensionReason {
    /// Synnerliga skäl (adult): up to 3 months in total.
    ExceptionalReasons,
    /// The person does not cooperate: up to 12 months in total (enforcement only).
    NonCooperation,
    /// Travel documents are delayed: up to 12 months in total (enforcement only).
    DocumentDelay,
    /// A child, exceptional reasons: once, by 72 hours.
    ChildExceptionalReasons,
    /// Police custody, special reasons: once, by 24 hours.
    CustodySpecialReasons,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub at: Timestamp,
    pub reason: ExtensionReason,
}

/// Why a placement ended.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseReason {
    /// Released because a legal limit was reached.
    ReleasedAtLimit,
    /// Released: replaced by supervision or no longer needed.
    Released,
    /// Moved to another facility (a new placement follows).
    Transferred,
    /// Left Sweden on an enforcement trip.
    Executed,
    /// Escaped.
    Absconded,
    /// The case closed otherwise (permit, lapse, voluntary departure).
    CaseClosed,
    /// A new detention decision replaced this one (new ground, or a child turned
    /// 18): a new placement follows at once.
    Redecided,
}

/// One stay in a facility.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub facility: FacilityId,
    pub basis: DetentionBasis,
    pub started_at: Timestamp,
    #[serde(default)]
    pub extensions: Vec<Extension>,
    #[serde(default)]
    pub reviews: Vec<Timestamp>,
    pub ended_at: Option<Timestamp>,
    pub end_reason: Option<ReleaseReason>,
}

/// The limit of the current detention, over the whole case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DetentionLimit {
    /// The instant the person must be released: the earliest of the caps, the
    /// review due, and (for no reasonable prospect or no rule in force) the instant
    /// that made the detention unlawful. `None` where no cap applies (expulsion by
    /// a criminal court) and no review is due.
    pub ends_at: Option<Timestamp>,
    /// The rule that sets it.
    pub rule: RuleId,
    /// The child rules apply: the detention decision was taken while a child (an
    /// 18th birthday changes nothing until a new decision).
    pub child: bool,
}

impl DetentionLimit {
    /// Last calendar day on which an enforcement trip may leave: the day before
    /// the day the limit falls on, so a person is never moved past it.
    pub fn last_trip_day(&self) -> Option<Date> {
        self.ends_at
            .map(|t| time::local_date(t).saturating_sub(1.day()))
    }
}

/// How near a limit is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitStatus {
    Within,
    /// Within the alert lead time (48 h) of the limit.
    Soon,
    /// Past the limit: the person must be released now.
    MustRelease,
}

pub(crate) fn has(p: &Placement, reason: ExtensionReason) -> bool {
    p.extensions.iter().any(|e| e.reason == reason)
}
