//! Impediments and stays (verkställighetshinder, inhibition, interim measures):
//! while one is open, the case is suspended and cannot be planned.

use crate::{ids::ImpedimentId, rules::RuleId};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpedimentKind {
    /// Verkställighetshinder (UtlL 12 kap. 18 §), e.g. medical, practical.
    Impediment,
    /// Inhibition after new circumstances (UtlL 12 kap. 19 §) or by a court.
    Stay,
    /// Interim measure of an international body (ECtHR Rule 39, UN CAT).
    InternationalInterimMeasure,
}

impl ImpedimentKind {
    pub const ALL: [ImpedimentKind; 3] = [
        ImpedimentKind::Impediment,
        ImpedimentKind::Stay,
        ImpedimentKind::InternationalInterimMeasure,
    ];
    pub fn rule(self) -> RuleId {
        match self {
            ImpedimentKind::Impediment => RuleId::ImpedimentBlocks,
            ImpedimentKind::Stay => RuleId::StayBlocks,
            ImpedimentKind::InternationalInterimMeasure => RuleId::InternationalInterimMeasure,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            ImpedimentKind::Impediment => "impediment",
            ImpedimentKind::Stay => "stay",
            ImpedimentKind::InternationalInterimMeasure => "international_interim_measure",
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impediment {
    pub id: ImpedimentId,
    pub kind: ImpedimentKind,
    pub lodged_on: Date,
    pub lifted_on: Option<Date>,
}

impl Impediment {
    /// Open on `day`: lodged on or before it and not lifted by then.
    pub fn open_on(&self, day: Date) -> bool {
        self.lodged_on <= day && self.lifted_on.is_none_or(|l| l > day)
    }
    pub fn is_open(&self) -> bool {
        self.lifted_on.is_none()
    }
}
