//! Who reads: a named user of an agency, in a role.

use opcentrum_domain::{Agency, ids::UserName};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The roles of the operations centre (DESIGN.md, "Users").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Handläggare.
    CaseOfficer,
    /// Förvarspersonal.
    DetentionStaff,
    /// Planerare (NTE).
    TripPlanner,
    /// Ledningsfunktion i operativa centret.
    OperationsLead,
    /// Jurist / dataskyddsombud.
    LegalOfficer,
    /// Granskare.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::CaseOfficer,
        Role::DetentionStaff,
        Role::TripPlanner,
        Role::OperationsLead,
        Role::LegalOfficer,
        Role::Auditor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::CaseOfficer => "case_officer",
            Role::DetentionStaff => "detention_staff",
            Role::TripPlanner => "trip_planner",
            Role::OperationsLead => "operations_lead",
            Role::LegalOfficer => "legal_officer",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            Role::CaseOfficer => "Handläggare",
            Role::DetentionStaff => "Förvarspersonal",
            Role::TripPlanner => "Reseplanerare",
            Role::OperationsLead => "Operativ ledning",
            Role::LegalOfficer => "Jurist",
            Role::Auditor => "Granskare",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Role::CaseOfficer => "Case officer",
            Role::DetentionStaff => "Detention staff",
            Role::TripPlanner => "Trip planner",
            Role::OperationsLead => "Operations lead",
            Role::LegalOfficer => "Legal officer",
            Role::Auditor => "Auditor",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An authenticated reader.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Principal {
    pub user: UserName,
    pub agency: Agency,
    pub role: Role,
}
