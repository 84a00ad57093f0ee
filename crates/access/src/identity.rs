//! Who reads: a named user of an agency, in a role.

use opcentrum_domain::{Agency, ids::UserName};
use opcentrum_text::{Lang, Tr};
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

    /// The role's name in the reader's language (catalogue key `role.<code>`).
    pub fn name(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("role.{}", self.code()))
    }

    pub fn name_sv(self) -> &'static str {
        self.name(Lang::Sv)
    }

    pub fn name_en(self) -> &'static str {
        self.name(Lang::En)
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

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn every_role_has_a_name_in_both_languages() {
        for x in Role::ALL {
            for lang in Lang::ALL {
                assert!(!x.name(lang).is_empty(), "{}: {x:?}", lang.code());
            }
        }
    }
}
