//! A sentence's arguments in both languages: most read the same in Swedish
//! and English (any [`Display`]: a case number, a date); a name that reads
//! differently (a stage, an agency, a status) is a [`ByLang`]. One filler for
//! every crate that builds a sentence from a key and its arguments (the
//! domain's refusals, the application's and the planner's sentences).

use crate::{Lang, Tr, placeholders};
use std::fmt::Display;

/// An argument of a sentence, as it reads in `lang`.
pub trait Arg {
    fn text(&self, lang: Lang) -> String;
}

impl<T: Display + ?Sized> Arg for T {
    fn text(&self, _: Lang) -> String {
        self.to_string()
    }
}

/// An argument in English and in Swedish (a code and a name).
pub struct ByLang<E, S>(pub E, pub S);

impl<E: Display, S: Display> Arg for ByLang<E, S> {
    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.0.to_string(),
            Lang::Sv => self.1.to_string(),
        }
    }
}

/// The text of `key` in `lang` with its `{name}` placeholders filled. A
/// placeholder no argument fills is a defect (a debug assertion).
pub fn text_in(lang: Lang, key: &str, args: &[(&str, &dyn Arg)]) -> String {
    let values: Vec<(&str, String)> = args.iter().map(|(n, a)| (*n, a.text(lang))).collect();
    let refs: Vec<(&str, &dyn Display)> = values
        .iter()
        .map(|(n, v)| (*n, v as &dyn Display))
        .collect();
    let tr = Tr::new(lang);
    debug_assert!(
        placeholders(tr.t(key))
            .iter()
            .all(|p| args.iter().any(|(n, _)| n == p)),
        "{key} ({}): a placeholder is left unfilled by {:?}",
        lang.code(),
        args.iter().map(|(n, _)| *n).collect::<Vec<_>>()
    );
    tr.f(key, &refs)
}

/// The text of `key` in English and in Swedish.
pub fn both(key: &str, args: &[(&str, &dyn Arg)]) -> (String, String) {
    (text_in(Lang::En, key, args), text_in(Lang::Sv, key, args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_argument_by_language_reads_in_each() {
        let (en, sv) = both(
            "gate.error.no_user",
            &[("user", &ByLang("anna.en", "anna.sv"))],
        );
        assert_eq!(en, "no user anna.en");
        assert_eq!(sv, "ingen användare anna.sv");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "a placeholder is left unfilled")]
    fn a_placeholder_left_unfilled_is_a_defect() {
        let _ = text_in(Lang::En, "gate.error.no_user", &[]);
    }
}
