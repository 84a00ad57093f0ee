//! The stages of the case lifecycle (DESIGN.md, "Case lifecycle").

use opcentrum_text::{Lang, Tr};
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

    /// The stage's name in the reader's language (catalogue key `stage.<code>`).
    pub fn name(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("stage.{}", self.code()))
    }

    pub fn name_sv(self) -> &'static str {
        self.name(Lang::Sv)
    }

    pub fn name_en(self) -> &'static str {
        self.name(Lang::En)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn every_stage_has_a_name_in_both_languages() {
        for x in Stage::ALL {
            for lang in Lang::ALL {
                assert!(!x.name(lang).is_empty(), "{}: {x:?}", lang.code());
            }
        }
    }
}
