//! The gate's sentences, read from the catalogue's area `gate`
//! (`gate.<file>.<what>`) in both languages: a refusal's reason is built here
//! from a key and its arguments, never from a literal in the code.

use opcentrum_text::{Lang, Tr};
use std::fmt::Display;

/// An argument of a sentence: most read the same in both languages (any
/// [`Display`]); a name that reads differently is a [`ByLang`].
pub(crate) trait Arg {
    fn text(&self, lang: Lang) -> String;
}

impl<T: Display + ?Sized> Arg for T {
    fn text(&self, _: Lang) -> String {
        self.to_string()
    }
}

/// An argument in English and in Swedish (a code and a name).
pub(crate) struct ByLang<E, S>(pub E, pub S);

impl<E: Display, S: Display> Arg for ByLang<E, S> {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.0.to_string(),
            Lang::Sv => self.1.to_string(),
        }
    }
}

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

/// The text of `key` in `lang` with its `{name}` placeholders filled.
pub(crate) fn text(lang: Lang, key: &str, args: &[(&str, &dyn Arg)]) -> String {
    let values: Vec<(&str, String)> = args.iter().map(|(n, a)| (*n, a.text(lang))).collect();
    let refs: Vec<(&str, &dyn Display)> = values
        .iter()
        .map(|(n, v)| (*n, v as &dyn Display))
        .collect();
    let tr = Tr::new(lang);
    debug_assert!(
        opcentrum_text::placeholders(tr.t(key))
            .iter()
            .all(|p| args.iter().any(|(n, _)| n == p)),
        "{key} ({}): a placeholder is left unfilled by {:?}",
        lang.code(),
        args.iter().map(|(n, _)| *n).collect::<Vec<_>>()
    );
    tr.f(key, &refs)
}

/// The text of `key` in English and in Swedish.
pub(crate) fn reasons(key: &str, args: &[(&str, &dyn Arg)]) -> (String, String) {
    (text(Lang::En, key, args), text(Lang::Sv, key, args))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "a placeholder is left unfilled")]
    fn a_placeholder_left_unfilled_is_a_defect() {
        let _ = text(Lang::En, "gate.caller.who_operator", &[]);
    }
}
