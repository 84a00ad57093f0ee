//! The planner's sentences, read from the catalogue's area `gate`
//! (`gate.from_cases.*`, `gate.explain.*`) in both languages.

use opcentrum_text::args::{Arg, ByLang, both};

/// The sentence `key` in English and in Swedish, each placeholder `name`
/// of `(name, en, sv)` filled with its English and its Swedish value.
pub(crate) fn say(key: &str, args: &[(&str, &str, &str)]) -> (String, String) {
    let values: Vec<(&str, ByLang<&str, &str>)> = args
        .iter()
        .map(|(n, en, sv)| (*n, ByLang(*en, *sv)))
        .collect();
    let refs: Vec<(&str, &dyn Arg)> = values.iter().map(|(n, v)| (*n, v as &dyn Arg)).collect();
    both(key, &refs)
}
