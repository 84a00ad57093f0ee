//! Building the audit records of a request: who, which case, which categories
//! under which legal basis, for what purpose, in which request.

use crate::auth::Caller;
use opcentrum_access::{
    FieldCategory,
    audit::{AuditAction, AuditEntry},
    filter::FilteredCase,
};

pub fn entry(
    caller: &Caller,
    action: AuditAction,
    case: Option<String>,
    categories: Vec<FieldCategory>,
    legal_basis: Vec<String>,
    default_purpose: &str,
    at: jiff::Timestamp,
) -> AuditEntry {
    AuditEntry {
        at,
        request_id: caller.request_id.clone(),
        user: caller.principal.user.to_string(),
        agency: caller.principal.agency.code().to_owned(),
        role: caller.principal.role.code().to_owned(),
        action,
        case,
        categories,
        legal_basis,
        purpose: caller
            .purpose
            .clone()
            .unwrap_or_else(|| default_purpose.to_owned()),
    }
}

/// One read record per case shown.
pub fn read_of(
    caller: &Caller,
    case: &FilteredCase,
    extra: &[FieldCategory],
    purpose: &str,
    at: jiff::Timestamp,
) -> AuditEntry {
    let mut categories: Vec<FieldCategory> = case.disclosed.iter().map(|d| d.0).collect();
    let mut bases: Vec<String> = Vec::new();
    for (_, b) in &case.disclosed {
        if !bases.contains(b) {
            bases.push(b.clone());
        }
    }
    for c in extra {
        if !categories.contains(c) {
            categories.push(*c);
        }
    }
    categories.sort();
    entry(
        caller,
        AuditAction::Read,
        Some(case.id.clone()),
        categories,
        bases,
        purpose,
        at,
    )
}
