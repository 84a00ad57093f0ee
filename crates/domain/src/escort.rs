//! NTE's roster: escorts with their sex and the days they are available.

use crate::{ids::EscortId, person::Sex};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Days available, both bounds included.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    pub from: Date,
    pub to: Date,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escort {
    pub id: EscortId,
    pub sex: Sex,
    pub available: Vec<Availability>,
}
