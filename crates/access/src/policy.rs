//! The sharing matrix as Cedar policies. Each allowed row becomes one `permit`;
//! Cedar denies what no policy permits. The policies are validated against a
//! Cedar schema, then evaluated once for every combination when the matrix is
//! loaded, so a read costs one table lookup (and a test checks the table
//! against Cedar for every combination).

use crate::{
    category::{FieldCategory, index},
    identity::{Principal, Role},
    matrix::{MatrixError, SharingMatrix, validate},
};
use cedar_policy::{
    Authorizer, Context, Decision, Entities, Entity, EntityId, EntityTypeName, EntityUid,
    PolicySet, Request, RestrictedExpression, Schema, ValidationMode, Validator,
};
use opcentrum_domain::Agency;
use std::{collections::HashMap, str::FromStr};

pub const SCHEMA: &str = r#"
entity Reader = { agency: String, role: String };
entity Field = { category: String, owner: String };
action read appliesTo { principal: Reader, resource: Field };
"#;

#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    #[error(transparent)]
    Matrix(#[from] MatrixError),
    #[error("the Cedar schema does not parse: {0}")]
    Schema(String),
    #[error("the generated Cedar policies do not parse: {0}")]
    Parse(String),
    #[error("the generated Cedar policies do not validate: {0}")]
    Validate(String),
    #[error("Cedar evaluation failed: {0}")]
    Evaluate(String),
}

/// What a reader may see of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Access {
    pub allowed: bool,
    pub legal_basis: Option<String>,
}

/// The matrix compiled: Cedar policies, and the decision for every combination.
pub struct Policy {
    pub matrix: SharingMatrix,
    policies: PolicySet,
    schema: Schema,
    /// Indexed by (category, owner, reader agency, role); the legal basis where allowed.
    table: Vec<Option<String>>,
}

const OWNERS: [Agency; 3] = Agency::OPERATIONAL;

fn owner_index(a: Agency) -> usize {
    OWNERS.iter().position(|o| *o == a).unwrap_or(0)
}

fn agency_index(a: Agency) -> usize {
    Agency::ALL.iter().position(|o| *o == a).unwrap_or(0)
}

fn role_index(r: Role) -> usize {
    Role::ALL.iter().position(|o| *o == r).unwrap_or(0)
}

fn slot(c: FieldCategory, owner: Agency, reader: Agency, role: Role) -> usize {
    ((index(c) * OWNERS.len() + owner_index(owner)) * Agency::ALL.len() + agency_index(reader))
        * Role::ALL.len()
        + role_index(role)
}

fn cedar_str(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Cedar policy text for a matrix: one permit per allowed row, annotated with
/// the row's legal basis.
pub fn policy_text(matrix: &SharingMatrix) -> String {
    let mut out = String::new();
    for (i, r) in matrix.rows.iter().enumerate().filter(|(_, r)| r.allowed) {
        out.push_str(&format!(
            "@id(\"row-{i}\")\n@legal_basis(\"{}\")\npermit(principal, action == Action::\"read\", resource)\nwhen {{ principal.agency == \"{}\" && principal.role == \"{}\" && resource.category == \"{}\" && resource.owner == \"{}\" }};\n\n",
            cedar_str(&r.legal_basis),
            r.reader_agency.code(),
            r.reader_role.code(),
            r.category.code(),
            r.owner.code()
        ));
    }
    out
}

impl Policy {
    /// Validates the matrix, generates and validates its Cedar policies and
    /// compiles the decision table.
    pub fn compile(matrix: SharingMatrix) -> Result<Policy, PolicyError> {
        validate(&matrix.rows)?;
        let (schema, _) =
            Schema::from_cedarschema_str(SCHEMA).map_err(|e| PolicyError::Schema(e.to_string()))?;
        let policies = PolicySet::from_str(&policy_text(&matrix))
            .map_err(|e| PolicyError::Parse(e.to_string()))?;
        let result = Validator::new(schema.clone()).validate(&policies, ValidationMode::Strict);
        if !result.validation_passed() {
            let errors: Vec<String> = result
                .validation_errors()
                .map(|e| e.to_string())
                .take(5)
                .collect();
            return Err(PolicyError::Validate(errors.join("; ")));
        }
        let mut policy = Policy {
            matrix,
            policies,
            schema,
            table: vec![
                None;
                FieldCategory::ALL.len()
                    * OWNERS.len()
                    * Agency::ALL.len()
                    * Role::ALL.len()
            ],
        };
        for c in FieldCategory::ALL {
            for owner in OWNERS {
                for reader in Agency::ALL {
                    for role in Role::ALL {
                        let access = policy.evaluate_cedar(reader, role, c, owner)?;
                        policy.table[slot(c, owner, reader, role)] = if access.allowed {
                            access.legal_basis
                        } else {
                            None
                        };
                    }
                }
            }
        }
        Ok(policy)
    }

    /// Asks Cedar directly (at load time and in tests).
    pub fn evaluate_cedar(
        &self,
        reader: Agency,
        role: Role,
        category: FieldCategory,
        owner: Agency,
    ) -> Result<Access, PolicyError> {
        let err = |e: &dyn std::fmt::Display| PolicyError::Evaluate(e.to_string());
        let reader_type = EntityTypeName::from_str("Reader").map_err(|e| err(&e))?;
        let field_type = EntityTypeName::from_str("Field").map_err(|e| err(&e))?;
        let principal = EntityUid::from_type_name_and_id(reader_type, EntityId::new("reader"));
        let resource = EntityUid::from_type_name_and_id(field_type, EntityId::new("field"));
        let action = EntityUid::from_str("Action::\"read\"").map_err(|e| err(&e))?;
        let entities = Entities::from_entities(
            [
                Entity::new(
                    principal.clone(),
                    [
                        (
                            "agency".to_owned(),
                            RestrictedExpression::new_string(reader.code().to_owned()),
                        ),
                        (
                            "role".to_owned(),
                            RestrictedExpression::new_string(role.code().to_owned()),
                        ),
                    ]
                    .into_iter()
                    .collect::<HashMap<_, _>>(),
                    Default::default(),
                )
                .map_err(|e| err(&e))?,
                Entity::new(
                    resource.clone(),
                    [
                        (
                            "category".to_owned(),
                            RestrictedExpression::new_string(category.code().to_owned()),
                        ),
                        (
                            "owner".to_owned(),
                            RestrictedExpression::new_string(owner.code().to_owned()),
                        ),
                    ]
                    .into_iter()
                    .collect::<HashMap<_, _>>(),
                    Default::default(),
                )
                .map_err(|e| err(&e))?,
            ],
            Some(&self.schema),
        )
        .map_err(|e| err(&e))?;
        let request = Request::new(
            principal,
            action,
            resource,
            Context::empty(),
            Some(&self.schema),
        )
        .map_err(|e| err(&e))?;
        let response = Authorizer::new().is_authorized(&request, &self.policies, &entities);
        if response.decision() != Decision::Allow {
            return Ok(Access {
                allowed: false,
                legal_basis: None,
            });
        }
        let basis = response
            .diagnostics()
            .reason()
            .filter_map(|id| self.policies.policy(id))
            .filter_map(|p| p.annotation("legal_basis").map(str::to_owned))
            .collect::<Vec<_>>()
            .join("; ");
        Ok(Access {
            allowed: true,
            legal_basis: Some(basis),
        })
    }

    /// The compiled decision: one table lookup.
    pub fn decide(&self, principal: &Principal, category: FieldCategory, owner: Agency) -> Access {
        self.decide_for(principal.agency, principal.role, category, owner)
    }

    pub fn decide_for(
        &self,
        reader: Agency,
        role: Role,
        category: FieldCategory,
        owner: Agency,
    ) -> Access {
        if owner == Agency::Oversight {
            return Access {
                allowed: false,
                legal_basis: None,
            };
        }
        match &self.table[slot(category, owner, reader, role)] {
            Some(b) => Access {
                allowed: true,
                legal_basis: Some(b.clone()),
            },
            None => Access {
                allowed: false,
                legal_basis: None,
            },
        }
    }

    /// May the reader read `category` whoever owns it? (For list filters.)
    pub fn readable_for_every_owner(&self, principal: &Principal, category: FieldCategory) -> bool {
        OWNERS
            .iter()
            .all(|o| self.decide(principal, category, *o).allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::default_matrix;

    #[test]
    fn the_table_equals_cedar_for_every_combination() {
        let p = Policy::compile(default_matrix(jiff::Timestamp::UNIX_EPOCH)).unwrap();
        let mut allowed = 0;
        for c in FieldCategory::ALL {
            for owner in OWNERS {
                for reader in Agency::ALL {
                    for role in Role::ALL {
                        let cedar = p.evaluate_cedar(reader, role, c, owner).unwrap();
                        assert_eq!(
                            cedar,
                            p.decide_for(reader, role, c, owner),
                            "{c} {owner} {reader} {role}"
                        );
                        let row = p
                            .matrix
                            .rows
                            .iter()
                            .find(|r| r.key() == (c, owner, reader, role))
                            .unwrap();
                        assert_eq!(cedar.allowed, row.allowed);
                        if cedar.allowed {
                            assert_eq!(
                                cedar.legal_basis.as_deref(),
                                Some(row.legal_basis.as_str())
                            );
                            allowed += 1;
                        }
                    }
                }
            }
        }
        assert!(allowed > 100);
    }

    #[test]
    fn the_police_case_officer_sees_no_health_the_detention_officer_does() {
        let p = Policy::compile(default_matrix(jiff::Timestamp::UNIX_EPOCH)).unwrap();
        assert!(
            !p.decide_for(
                Agency::Police,
                Role::CaseOfficer,
                FieldCategory::Health,
                Agency::Migrationsverket
            )
            .allowed
        );
        assert!(
            p.decide_for(
                Agency::Migrationsverket,
                Role::DetentionStaff,
                FieldCategory::Health,
                Agency::Migrationsverket
            )
            .allowed
        );
        assert!(
            p.decide_for(
                Agency::Nte,
                Role::TripPlanner,
                FieldCategory::Health,
                Agency::Police
            )
            .allowed
        );
        assert!(
            !p.decide_for(
                Agency::Nte,
                Role::TripPlanner,
                FieldCategory::CriminalRecord,
                Agency::Police
            )
            .allowed
        );
    }

    #[test]
    fn quotes_in_a_legal_basis_cannot_inject_policy_text() {
        let mut m = default_matrix(jiff::Timestamp::UNIX_EPOCH);
        let i = m.rows.iter().position(|r| r.allowed).unwrap();
        m.rows[i].legal_basis = "x\"); permit(principal, action, resource); //".into();
        let p = Policy::compile(m.clone()).unwrap();
        let r = &m.rows[i];
        assert_eq!(
            p.decide_for(r.reader_agency, r.reader_role, r.category, r.owner)
                .legal_basis
                .as_deref(),
            Some(r.legal_basis.as_str())
        );
        // Nothing beyond the matrix is permitted.
        let denied = m.rows.iter().find(|r| !r.allowed).unwrap();
        assert!(
            !p.decide_for(
                denied.reader_agency,
                denied.reader_role,
                denied.category,
                denied.owner
            )
            .allowed
        );
    }
}
