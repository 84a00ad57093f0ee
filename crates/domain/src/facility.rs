//! Places of detention and custody.

use crate::ids::FacilityId;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// Migrationsverket's förvarsenhet.
    DetentionUnit,
    /// Kriminalvårdsanstalt.
    Prison,
    /// Häkte.
    RemandCentre,
    /// Polisarrest.
    PoliceCell,
}

impl FacilityKind {
    /// A prison, a remand centre or a police cell: never for a child, and for
    /// transport reasons at most three days (UtlL 10 kap. 20 §).
    pub fn is_correctional(self) -> bool {
        !matches!(self, FacilityKind::DetentionUnit)
    }
    pub fn code(self) -> &'static str {
        match self {
            FacilityKind::DetentionUnit => "detention_unit",
            FacilityKind::Prison => "prison",
            FacilityKind::RemandCentre => "remand_centre",
            FacilityKind::PoliceCell => "police_cell",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facility {
    pub id: FacilityId,
    pub name: String,
    pub kind: FacilityKind,
    /// Places (platser).
    pub capacity: u32,
}
