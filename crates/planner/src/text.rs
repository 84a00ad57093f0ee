//! The planner's sentences, read from the catalogue's area `gate`
//! (`gate.from_cases.*`, `gate.explain.*`) in both languages.

use opcentrum_text::{Lang, Tr};

/// The sentence `key` in English and in Swedish, each placeholder `name`
/// of `(name, en, sv)` filled with its English and its Swedish value.
pub(crate) fn say(key: &str, args: &[(&str, &str, &str)]) -> (String, String) {
    let fill = |lang: Lang| {
        let tr = Tr::new(lang);
        debug_assert!(
            opcentrum_text::placeholders(tr.t(key))
                .iter()
                .all(|p| args.iter().any(|(n, _, _)| n == p)),
            "{key} ({}): a placeholder is left unfilled",
            lang.code()
        );
        let values: Vec<(&str, &dyn std::fmt::Display)> = args
            .iter()
            .map(|(n, en, sv)| {
                let v: &dyn std::fmt::Display = if lang == Lang::En { en } else { sv };
                (*n, v)
            })
            .collect();
        tr.f(key, &values)
    };
    (fill(Lang::En), fill(Lang::Sv))
}
