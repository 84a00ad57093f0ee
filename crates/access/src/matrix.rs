//! The sharing matrix: for each data category, owner agency, reader agency and
//! reader role — allowed or not, with the statute that permits it. Deny by
//! default: a combination without an allowed row is withheld. Versioned and
//! edited by a legal officer; evaluated by Cedar (policy.rs).

use crate::{category::FieldCategory, identity::Role};
use jiff::Timestamp;
use opcentrum_domain::Agency;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRow {
    pub category: FieldCategory,
    pub owner: Agency,
    pub reader_agency: Agency,
    pub reader_role: Role,
    pub allowed: bool,
    /// The statute that permits the read, e.g. "OSL (2009:400) 10 kap. 28 §".
    #[serde(default)]
    pub legal_basis: String,
    #[serde(default)]
    pub note: String,
}

impl MatrixRow {
    pub fn key(&self) -> (FieldCategory, Agency, Agency, Role) {
        (
            self.category,
            self.owner,
            self.reader_agency,
            self.reader_role,
        )
    }
}

/// One version of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingMatrix {
    pub version: u64,
    pub rows: Vec<MatrixRow>,
    pub changed_by: String,
    pub changed_at: Timestamp,
    pub comment: String,
}

/// Why a matrix is not valid, row by row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid sharing matrix: {}", .problems.iter().map(|(i, p)| format!("rows[{i}]: {p}")).collect::<Vec<_>>().join("; "))]
pub struct MatrixError {
    pub problems: Vec<(usize, String)>,
}

/// The longest legal basis or note accepted.
pub const MAX_TEXT: usize = 500;

/// Refuses an empty matrix (it would withhold everything from everyone:
/// not a decision a legal officer makes by accident) and one that contradicts
/// itself (two rows for one key with different answers), naming the rows.
pub fn validate(rows: &[MatrixRow]) -> Result<(), MatrixError> {
    if rows.is_empty() {
        return Err(MatrixError {
            problems: vec![(
                0,
                "the matrix is empty: it would withhold every category from every reader; send the rows that stay in force".into(),
            )],
        });
    }
    let mut seen: BTreeMap<(FieldCategory, Agency, Agency, Role), usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if let Some(&first) = seen.get(&r.key()) {
            let answer = |a: bool| if a { "allowed" } else { "denied" };
            let other = &rows[first];
            problems.push((
                i,
                if other.allowed == r.allowed {
                    format!(
                        "{} owned by {} for {}/{} appears twice (first at rows[{first}])",
                        r.category, r.owner, r.reader_agency, r.reader_role
                    )
                } else {
                    format!(
                        "contradicts rows[{first}]: {} owned by {} for {}/{} is {} there and {} here",
                        r.category,
                        r.owner,
                        r.reader_agency,
                        r.reader_role,
                        answer(other.allowed),
                        answer(r.allowed)
                    )
                },
            ));
        } else {
            seen.insert(r.key(), i);
        }
        if r.allowed && r.legal_basis.trim().is_empty() {
            problems.push((i, "an allowed row needs a legal basis".into()));
        }
        if r.owner == Agency::Oversight {
            problems.push((i, "oversight owns no case data".into()));
        }
        if r.legal_basis.chars().count() > MAX_TEXT || r.note.chars().count() > MAX_TEXT {
            problems.push((
                i,
                format!("legal_basis and note are at most {MAX_TEXT} characters"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(MatrixError { problems })
    }
}

/// The categories a role of an agency needs for its work.
fn needs(agency: Agency, role: Role) -> &'static [FieldCategory] {
    use FieldCategory::*;
    use Role::*;
    const ALL: &[FieldCategory] = &FieldCategory::ALL;
    match (agency, role) {
        (_, LegalOfficer) if agency != Agency::Oversight => ALL,
        (_, Auditor) if agency != Agency::Oversight => &[Decision, Trip],
        (Agency::Oversight, LegalOfficer | Auditor | OperationsLead) => {
            &[Identity, Decision, Location, Trip]
        }
        (Agency::Oversight, _) => &[],
        (Agency::Migrationsverket, CaseOfficer | DetentionStaff) => ALL,
        (Agency::Migrationsverket, TripPlanner) => &[Identity, TravelDocuments, Trip],
        (Agency::Police, CaseOfficer) => &[
            Identity,
            Decision,
            Location,
            SecurityRisk,
            Family,
            TravelDocuments,
            CriminalRecord,
            Trip,
        ],
        (Agency::Police, DetentionStaff) => {
            &[Identity, Decision, Location, SecurityRisk, Family, Trip]
        }
        (Agency::Police, TripPlanner) => &[Identity, SecurityRisk, TravelDocuments, Trip],
        (Agency::Nte, CaseOfficer) => &[
            Identity,
            Location,
            Health,
            SecurityRisk,
            Family,
            TravelDocuments,
            Trip,
        ],
        (Agency::Nte, DetentionStaff) => &[Identity, Location, Health, SecurityRisk, Family, Trip],
        (Agency::Nte, TripPlanner) => &[
            Identity,
            Decision,
            Location,
            Health,
            SecurityRisk,
            Family,
            TravelDocuments,
            Trip,
        ],
        (_, OperationsLead) => &[
            Identity,
            Decision,
            Location,
            SecurityRisk,
            Family,
            TravelDocuments,
            Trip,
        ],
        _ => &[],
    }
}

/// The statute that permits `reader` to read `category` owned by `owner`.
fn basis(category: FieldCategory, owner: Agency, reader: Agency) -> &'static str {
    use FieldCategory::*;
    if reader == Agency::Oversight {
        return "OSL (2009:400) 10 kap. 17 § (tillsyn); återvändandedirektivet (2008/115/EG) art. 8.6";
    }
    if reader == owner {
        return match owner {
            Agency::Migrationsverket => {
                "Lag (2016:27) om behandling av personuppgifter i verksamhet enligt utlänningslagstiftningen, 2 kap. 1 §"
            }
            Agency::Police => {
                "Lag (2016:27) om behandling av personuppgifter i verksamhet enligt utlänningslagstiftningen, 2 kap. 1 §; UtlL 12 kap. 14 §"
            }
            _ => {
                "Lag (2001:617) om behandling av personuppgifter inom kriminalvården; UtlL 12 kap. 14 §"
            }
        };
    }
    match category {
        Health => {
            "OSL (2009:400) 25 kap. 1 §, 10 kap. 28 §; UtlF (2006:97) 8 kap. (flygduglighet vid verkställighet)"
        }
        CriminalRecord => "OSL (2009:400) 35 kap. 1 §, 10 kap. 28 §; UtlL 12 kap. 14 §",
        _ => "OSL (2009:400) 37 kap. 1 §, 10 kap. 28 §; UtlL 12 kap. 14 §; UtlF (2006:97) 8 kap.",
    }
}

/// The default matrix: every category × owner × reader agency × role, allowed
/// where the reader's role needs the category, with its legal basis.
/// docs/sharing-matrix.md explains each choice.
pub fn default_rows() -> Vec<MatrixRow> {
    let mut rows = Vec::new();
    for category in FieldCategory::ALL {
        for owner in Agency::OPERATIONAL {
            for reader_agency in Agency::ALL {
                for reader_role in Role::ALL {
                    let allowed = needs(reader_agency, reader_role).contains(&category);
                    rows.push(MatrixRow {
                        category,
                        owner,
                        reader_agency,
                        reader_role,
                        allowed,
                        legal_basis: if allowed {
                            basis(category, owner, reader_agency).to_owned()
                        } else {
                            String::new()
                        },
                        note: String::new(),
                    });
                }
            }
        }
    }
    rows
}

pub fn default_matrix(now: Timestamp) -> SharingMatrix {
    SharingMatrix {
        version: 1,
        rows: default_rows(),
        changed_by: "system".into(),
        changed_at: now,
        comment: "Default matrix (docs/sharing-matrix.md)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_valid_and_complete() {
        let rows = default_rows();
        assert_eq!(rows.len(), 9 * 3 * 4 * 6);
        validate(&rows).unwrap();
    }

    #[test]
    fn validation_names_the_row() {
        let mut rows = default_rows();
        rows[3].allowed = true;
        rows[3].legal_basis.clear();
        let dup = rows[0].clone();
        rows.push(dup);
        let e = validate(&rows).unwrap_err();
        assert_eq!(
            e.problems.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![3, rows.len() - 1]
        );
        assert!(
            e.to_string()
                .contains("rows[3]: an allowed row needs a legal basis")
        );
    }

    #[test]
    fn an_empty_or_contradictory_matrix_is_refused_with_the_reason() {
        let e = validate(&[]).unwrap_err();
        assert!(e.to_string().contains("the matrix is empty"), "{e}");
        let mut rows = default_rows();
        let mut flipped = rows[5].clone();
        flipped.allowed = !flipped.allowed;
        flipped.legal_basis = "OSL (2009:400) 10 kap. 28 §".into();
        rows.push(flipped);
        let e = validate(&rows).unwrap_err();
        let (i, reason) = &e.problems[0];
        assert_eq!(*i, rows.len() - 1);
        assert!(reason.starts_with("contradicts rows[5]"), "{reason}");
    }
}
