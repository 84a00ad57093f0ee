//! The agencies of the chain.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An agency of the return chain, or the oversight body that reads but never acts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// Migrationsverket: registers decisions, runs detention, hands cases to the police.
    Migrationsverket,
    /// Polismyndigheten (gränspolisen): locates, obtains documents, requests transport.
    Police,
    /// Kriminalvården, Nationella transportenheten: carries out the trip.
    Nte,
    /// Oversight (e.g. the independent forced-return monitor, auditors): reads only.
    Oversight,
}

impl Agency {
    pub const ALL: [Agency; 4] = [
        Agency::Migrationsverket,
        Agency::Police,
        Agency::Nte,
        Agency::Oversight,
    ];
    /// The three agencies that can be responsible for a case.
    pub const OPERATIONAL: [Agency; 3] = [Agency::Migrationsverket, Agency::Police, Agency::Nte];

    pub fn code(self) -> &'static str {
        match self {
            Agency::Migrationsverket => "migrationsverket",
            Agency::Police => "police",
            Agency::Nte => "nte",
            Agency::Oversight => "oversight",
        }
    }

    pub fn parse(code: &str) -> Option<Agency> {
        Agency::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn name_sv(self) -> &'static str {
        match self {
            Agency::Migrationsverket => "Migrationsverket",
            Agency::Police => "Polismyndigheten",
            Agency::Nte => "Kriminalvården (NTE)",
            Agency::Oversight => "Tillsyn",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Agency::Migrationsverket => "Swedish Migration Agency",
            Agency::Police => "Swedish Police Authority",
            Agency::Nte => "Prison and Probation Service (NTE)",
            Agency::Oversight => "Oversight",
        }
    }
}

impl fmt::Display for Agency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
