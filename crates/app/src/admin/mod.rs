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

use crate::{
    AppError, AppResult, Caller,
    text::{ByLang, reasons},
};
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
        let (who_en, who_sv) = caller.describe();
        let (reason_en, reason_sv) =
            reasons("gate.admin.named_user", &[("who", &ByLang(who_en, who_sv))]);
        AppError::Forbidden {
            row: row.to_owned(),
            reason_en,
            reason_sv,
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
    (what_en, what_sv): (String, String),
) -> AppResult<()> {
    if agency == p.agency {
        return Ok(());
    }
    let (en, sv) = reasons(
        "gate.admin.own_agency",
        &[
            ("field", &field),
            ("what", &ByLang(what_en, what_sv)),
            ("agency", &ByLang(agency.code(), agency.name_sv())),
        ],
    );
    Err(refuse(row, field, en, sv))
}

/// How an administration refusal names a user account.
pub(crate) fn what_user(user: &dyn std::fmt::Display) -> (String, String) {
    reasons("gate.admin.what_user", &[("user", &user.to_string())])
}

/// A reason or comment is at most this long.
pub(crate) const MAX_COMMENT: usize = 2000;

/// A reason or comment is too long.
pub(crate) fn too_long(field: &str) -> AppError {
    let (en, sv) = reasons("gate.admin.too_long", &[("max", &MAX_COMMENT)]);
    AppError::invalid_in(field, en, sv)
}
