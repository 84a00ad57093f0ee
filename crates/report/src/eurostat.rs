//! The EU return statistics' layout (Eurostat, Enforcement of Immigration
//! Legislation, Regulation (EC) No 862/2007 as amended by (EU) 2020/851):
//! third-country nationals ordered to leave (`migr_eiord`) and returned
//! following an order to leave (`migr_eirtn`), by citizenship × quarter.
//!
//! - Ordered to leave: persons whose return decision was taken (`decided_on`)
//!   in the quarter.
//! - Returned: persons who left — executed (enforced) or departed voluntarily —
//!   in the quarter, by the day they left.
//! - Third-country nationals only: citizens of the EU and EFTA states are left
//!   out (and counted in `excluded_eu_efta`); `XX` (stateless or unknown) stays.
//! - Rows: every third-country citizenship among the cases read (also those
//!   with no figure in the period: a row's presence reveals nothing).
//! - A person counts once per cell; only days inside the report's period count,
//!   so a quarter the period covers partly is flagged `partial`.

use crate::{
    disclosure::{Count, Disclosure},
    facts::CaseFacts,
    period::{Period, Quarter},
    table::Table,
};
use jiff::civil::Date;
use opcentrum_domain::{Country, ids::PersonId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// EU member states and EFTA states (ISO 3166-1; Eurostat writes Greece `EL`).
pub const EU_EFTA: [&str; 31] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO", "CH",
];

pub fn is_third_country(c: Country) -> bool {
    !EU_EFTA.contains(&c.as_str())
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterColumn {
    /// `2026-Q1`.
    pub quarter: String,
    /// The period covers only part of the quarter.
    pub partial: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Eurostat {
    pub quarters: Vec<QuarterColumn>,
    /// Rows: citizenship (ISO 3166-1 alpha-2); columns: quarters.
    pub ordered_to_leave: Table,
    pub returned: Table,
    /// Persons left out because they are EU or EFTA citizens.
    pub excluded_eu_efta: Count,
}

type Cells = BTreeMap<Country, BTreeMap<Quarter, BTreeSet<PersonId>>>;

fn table(
    citizenships: &BTreeSet<Country>,
    cells: &Cells,
    quarters: &[Quarter],
    d: Disclosure,
) -> Table {
    let rows: Vec<String> = citizenships.iter().map(|c| c.to_string()).collect();
    let values: Vec<Vec<u64>> = citizenships
        .iter()
        .map(|c| {
            quarters
                .iter()
                .map(|q| {
                    cells
                        .get(c)
                        .and_then(|by_q| by_q.get(q))
                        .map_or(0, |s| s.len() as u64)
                })
                .collect()
        })
        .collect();
    Table::new(
        rows,
        quarters.iter().map(|q| q.code()).collect(),
        &values,
        d,
    )
}

pub fn eurostat(facts: &[CaseFacts], period: Period, d: Disclosure) -> Eurostat {
    let quarters = period.quarters();
    let mut ordered: Cells = BTreeMap::new();
    let mut returned: Cells = BTreeMap::new();
    let mut excluded: BTreeSet<&PersonId> = BTreeSet::new();
    let add = |cells: &mut Cells, f: &'_ CaseFacts, day: Date| {
        if !period.contains(day) {
            return;
        }
        if !is_third_country(f.citizenship) {
            return;
        }
        cells
            .entry(f.citizenship)
            .or_default()
            .entry(Quarter::of(day))
            .or_default()
            .insert(f.person.clone());
    };
    // Rows: every third-country citizenship among the cases read, whether or
    // not it has a figure in the period, so that a row's presence says nothing.
    let citizenships: BTreeSet<Country> = facts
        .iter()
        .map(|f| f.citizenship)
        .filter(|c| is_third_country(*c))
        .collect();
    for f in facts {
        let left = f
            .executed
            .as_ref()
            .map(|x| x.on)
            .or(f.departed_voluntarily_on);
        add(&mut ordered, f, f.decided_on);
        if let Some(day) = left {
            add(&mut returned, f, day);
        }
        let counted = period.contains(f.decided_on) || left.is_some_and(|l| period.contains(l));
        if counted && !is_third_country(f.citizenship) {
            excluded.insert(&f.person);
        }
    }
    Eurostat {
        quarters: quarters
            .iter()
            .map(|q| QuarterColumn {
                quarter: q.code(),
                partial: period.covers_partly(*q),
            })
            .collect(),
        ordered_to_leave: table(&citizenships, &ordered, &quarters, d),
        returned: table(&citizenships, &returned, &quarters, d),
        excluded_eu_efta: Count::of(excluded.len() as u64, d),
    }
}
