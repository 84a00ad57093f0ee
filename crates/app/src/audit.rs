//! The audit records the gate writes: who, which case, which categories under
//! which legal basis, for what purpose, in which request. Built here and only
//! here; the store seals them into the chain.

use crate::caller::Caller;
use opcentrum_access::{
    FieldCategory,
    audit::{AuditAction, AuditEntry},
    filter::FilteredCase,
};

pub(crate) fn entry(
    caller: &Caller,
    action: AuditAction,
    case: Option<String>,
    categories: Vec<FieldCategory>,
    legal_basis: Vec<String>,
    default_purpose: &str,
    at: jiff::Timestamp,
) -> AuditEntry {
    let (user, agency, role) = caller.audit_identity();
    AuditEntry {
        at,
        request_id: caller.request_id.clone(),
        user,
        agency,
        role,
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

/// One read record per case shown: the categories disclosed with their bases.
pub(crate) fn read_of(
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
