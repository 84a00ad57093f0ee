//! Enforcement trips offered to the planner: charters and scheduled flights.

use crate::{country::Country, ids::TripId};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TripKind {
    /// A plane hired for one destination.
    Charter,
    /// Seats on a scheduled flight.
    Scheduled,
}

impl TripKind {
    pub fn code(self) -> &'static str {
        match self {
            TripKind::Charter => "charter",
            TripKind::Scheduled => "scheduled",
        }
    }
}

/// An offered trip. For a charter: seats, the destination's quota per operation
/// and the cost of the plane; for a scheduled flight: the seats the airline allows
/// for returnees and the ticket cost.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TripOffer {
    pub id: TripId,
    pub kind: TripKind,
    pub destination: Country,
    pub date: Date,
    /// Charter: all seats. Scheduled: returnee seats.
    pub seats: u32,
    /// Charter: the destination's quota of returnees per operation.
    pub quota: Option<u32>,
    /// SEK. Charter: the whole plane. Scheduled: one ticket.
    pub cost: u64,
}
