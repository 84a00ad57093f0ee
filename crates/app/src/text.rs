//! The gate's sentences, read from the catalogue's area `gate`
//! (`gate.<file>.<what>`) in both languages: a refusal's reason is built here
//! from a key and its arguments, never from a literal in the code.

use opcentrum_text::{Lang, Tr};

pub(crate) use opcentrum_text::args::{Arg, ByLang, both as reasons, text_in as text};

/// A decided status (of a trip proposal or a pending action) as a refusal
/// names it: the code in English, its name in lower case in Swedish
/// (`trips.status.<code>`: godkänd, avslagen).
pub(crate) fn decided_status(status: &str) -> ByLang<String, String> {
    ByLang(
        status.to_owned(),
        Tr::new(Lang::Sv)
            .t_owned(&format!("trips.status.{status}"))
            .to_lowercase(),
    )
}

/// An invalid field (422), its reason `key` in English and in Swedish.
pub(crate) fn invalid(
    field: impl Into<String>,
    key: &str,
    args: &[(&str, &dyn Arg)],
) -> crate::AppError {
    let (en, sv) = reasons(key, args);
    crate::AppError::invalid_in(field, en, sv)
}
