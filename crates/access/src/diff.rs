//! What a draft matrix would change: which reader gains or loses which category.

use crate::{category::FieldCategory, identity::Role, matrix::MatrixRow};
use opcentrum_domain::Agency;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Gained,
    Lost,
    /// Still allowed, under another legal basis.
    BasisChanged,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MatrixChange {
    pub reader_agency: Agency,
    pub reader_role: Role,
    pub category: FieldCategory,
    pub owner: Agency,
    pub change: Change,
    /// The draft's legal basis (gained, changed) or the current one (lost).
    pub legal_basis: String,
}

impl MatrixChange {
    pub fn describe_en(&self) -> String {
        let verb = match self.change {
            Change::Gained => "would gain",
            Change::Lost => "would lose",
            Change::BasisChanged => "would keep, under another legal basis,",
        };
        format!(
            "{}/{} {verb} {} owned by {} ({})",
            self.reader_agency.code(),
            self.reader_role.code(),
            self.category.code(),
            self.owner.code(),
            self.legal_basis
        )
    }
}

type Key = (FieldCategory, Agency, Agency, Role);

fn allowed_map(rows: &[MatrixRow]) -> BTreeMap<Key, &str> {
    rows.iter()
        .filter(|r| r.allowed)
        .map(|r| (r.key(), r.legal_basis.as_str()))
        .collect()
}

/// Every reader × category × owner whose access differs, sorted by reader.
pub fn diff(current: &[MatrixRow], draft: &[MatrixRow]) -> Vec<MatrixChange> {
    let now = allowed_map(current);
    let next = allowed_map(draft);
    let mut out = Vec::new();
    for (key, basis) in &next {
        match now.get(key) {
            None => out.push(change(*key, Change::Gained, basis)),
            Some(old) if old != basis => out.push(change(*key, Change::BasisChanged, basis)),
            Some(_) => {}
        }
    }
    for (key, basis) in &now {
        if !next.contains_key(key) {
            out.push(change(*key, Change::Lost, basis));
        }
    }
    out.sort();
    out
}

fn change(
    (category, owner, reader_agency, reader_role): Key,
    change: Change,
    basis: &str,
) -> MatrixChange {
    MatrixChange {
        reader_agency,
        reader_role,
        category,
        owner,
        change,
        legal_basis: basis.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::default_rows;

    #[test]
    fn gains_losses_and_basis_changes() {
        let current = default_rows();
        let mut draft = current.clone();
        let gain = draft
            .iter()
            .position(|r| {
                !r.allowed
                    && r.reader_agency == Agency::Police
                    && r.category == FieldCategory::Health
            })
            .unwrap();
        draft[gain].allowed = true;
        draft[gain].legal_basis = "ny lag (2027:1)".into();
        let lose = draft
            .iter()
            .position(|r| {
                r.allowed && r.reader_agency == Agency::Nte && r.category == FieldCategory::Family
            })
            .unwrap();
        draft[lose].allowed = false;
        let change_basis = draft
            .iter()
            .position(|r| {
                r.allowed
                    && r.reader_agency == Agency::Migrationsverket
                    && r.reader_role == Role::CaseOfficer
            })
            .unwrap();
        draft[change_basis].legal_basis = "annan grund".into();
        let d = diff(&current, &draft);
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(d.iter().any(|c| c.change == Change::Gained
            && c.reader_agency == Agency::Police
            && c.category == FieldCategory::Health
            && c.legal_basis == "ny lag (2027:1)"));
        assert!(d.iter().any(|c| c.change == Change::Lost
            && c.reader_agency == Agency::Nte
            && c.category == FieldCategory::Family));
        assert!(d.iter().any(|c| c.change == Change::BasisChanged));
        assert!(diff(&current, &current).is_empty());
    }
}
