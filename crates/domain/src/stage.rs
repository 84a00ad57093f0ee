//! The stages of the case lifecycle (DESIGN.md, "Case lifecycle").

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The decision is registered; it is not final yet.
    Registered,
    /// Final (laga kraft); the voluntary-departure period runs.
    Final,
    /// Handed over to the police (absconded or coercion needed).
    HandedOver,
    /// The police's transport request accepted by NTE.
    TransportRequested,
    /// On an approved trip.
    Planned,
    /// Enforced: the person left on a trip.
    Executed,
    DepartedVoluntarily,
    /// The decision lapsed (preskription).
    Expired,
    PermitGranted,
    Cancelled,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Registered,
        Stage::Final,
        Stage::HandedOver,
        Stage::TransportRequested,
        Stage::Planned,
        Stage::Executed,
        Stage::DepartedVoluntarily,
        Stage::Expired,
        Stage::PermitGranted,
        Stage::Cancelled,
    ];
    /// The stages of an open case.
    pub const OPEN: [Stage; 5] = [
        Stage::Registered,
        Stage::Final,
        Stage::HandedOver,
        Stage::TransportRequested,
        Stage::Planned,
    ];

    pub fn is_closed(self) -> bool {
        !Stage::OPEN.contains(&self)
    }

    pub fn code(self) -> &'static str {
        match self {
            Stage::Registered => "registered",
            Stage::Final => "final",
            Stage::HandedOver => "handed_over",
            Stage::TransportRequested => "transport_requested",
            Stage::Planned => "planned",
            Stage::Executed => "executed",
            Stage::DepartedVoluntarily => "departed_voluntarily",
            Stage::Expired => "expired",
            Stage::PermitGranted => "permit_granted",
            Stage::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            Stage::Registered => "Registrerat",
            Stage::Final => "Laga kraft",
            Stage::HandedOver => "Överlämnat till polisen",
            Stage::TransportRequested => "Transport begärd",
            Stage::Planned => "Planerat",
            Stage::Executed => "Verkställt",
            Stage::DepartedVoluntarily => "Frivilligt utrest",
            Stage::Expired => "Preskriberat",
            Stage::PermitGranted => "Tillstånd beviljat",
            Stage::Cancelled => "Avslutat",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Stage::Registered => "Registered",
            Stage::Final => "Final",
            Stage::HandedOver => "Handed over to police",
            Stage::TransportRequested => "Transport requested",
            Stage::Planned => "Planned",
            Stage::Executed => "Executed",
            Stage::DepartedVoluntarily => "Departed voluntarily",
            Stage::Expired => "Expired",
            Stage::PermitGranted => "Permit granted",
            Stage::Cancelled => "Cancelled",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
