//! Administration (issue 13 item 1): users and tokens of one's own agency,
//! the sharing matrix (read, try a draft, propose), the four-eyes changes
//! (one legal officer proposes, another decides) and the audit trail with its
//! chain's verification. The server's routes and pages are thin adapters of
//! these methods; the rules and the audit records are here.

pub mod audit_trail;
pub mod changes;
pub mod matrix;
pub mod tokens;
pub mod users;

use crate::{AppError, AppResult, Caller};
use opcentrum_access::Principal;
use opcentrum_domain::Agency;

/// A refusal by one of administration's rules, naming the catalogue row and
/// the field at fault. Not audited: nothing was read or written.
pub(crate) fn refuse(row: &str, field: &str, en: String, sv: String) -> AppError {
    AppError::Forbidden {
        row: row.to_owned(),
        reason_en: en,
        reason_sv: sv,
        field: Some(field.to_owned()),
    }
}

/// Administration is done by named users (a proposal and a decision carry
/// their names); the operator uses the command line's own commands.
pub(crate) fn principal<'a>(caller: &'a Caller, row: &str) -> AppResult<&'a Principal> {
    caller.principal().ok_or_else(|| {
        let (en, sv) = caller.describe();
        AppError::Forbidden {
            row: row.to_owned(),
            reason_en: format!("{en}: administration through the application is by a named user"),
            reason_sv: format!("{sv}: administration i tjänsten görs av en namngiven användare"),
            field: None,
        }
    })
}

/// 403 unless the account is administered by the caller's agency (oversight
/// administers oversight, each agency its own).
pub(crate) fn own_agency(
    p: &Principal,
    row: &str,
    field: &str,
    agency: Agency,
    what_en: &str,
    what_sv: &str,
) -> AppResult<()> {
    if agency == p.agency {
        return Ok(());
    }
    Err(refuse(
        row,
        field,
        format!(
            "{field}: {what_en} belongs to {}; only {}'s legal officers administer it (rule: own agency only)",
            agency.code(),
            agency.code()
        ),
        format!(
            "{field}: {what_sv} hör till {}; bara dess jurister administrerar det (regel: bara den egna myndigheten)",
            agency.name_sv()
        ),
    ))
}
