//! The agencies of the chain.

use opcentrum_text::{Lang, Tr};
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

    /// The agency's formal name in the reader's language (catalogue key `agency.<code>.formal`).
    pub fn name(self, lang: Lang) -> &'static str {
        Tr::new(lang).t_owned(&format!("agency.{}.formal", self.code()))
    }

    pub fn name_sv(self) -> &'static str {
        self.name(Lang::Sv)
    }

    pub fn name_en(self) -> &'static str {
        self.name(Lang::En)
    }
}

impl fmt::Display for Agency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn every_agency_has_a_name_in_both_languages() {
        for x in Agency::ALL {
            for lang in Lang::ALL {
                assert!(!x.name(lang).is_empty(), "{}: {x:?}", lang.code());
            }
        }
    }
}
