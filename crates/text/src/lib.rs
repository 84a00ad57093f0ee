//! Every visible text of opcentrum, in Swedish (the default) and English: the
//! pages, the government report, the simulation's result and the errors shown
//! on pages. One catalogue per language, compiled in, one TOML file per area of
//! the product (`i18n/<lang>/<area>.toml`); a key lives in exactly one area and
//! exists in both languages (the tests below). Code never holds text of its
//! own; it asks a [`Tr`] for a key. Numbers are written per language by
//! [`number`].
//!
//! Pure apart from `tracing`: a key built at run time that is missing is logged
//! as a warning by [`Tr::t_owned`] (the facade only; the binary installs the
//! subscriber).

pub mod args;
pub mod number;
#[cfg(feature = "testing")]
pub mod source_keys;

use serde::{Deserialize, Serialize};
use std::{collections::HashMap, sync::LazyLock};

/// The reader's language: Swedish first, English second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The BCP 47 tag (`lang` attributes, the `opc_lang` cookie, `--lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Sv => Lang::En,
            Lang::En => Lang::Sv,
        }
    }
}

/// A catalogue: key → text.
pub type Catalog = HashMap<String, String>;

/// The areas of the product, the same in both languages.
pub const AREAS: [&str; 12] = [
    "base",
    "case",
    "work",
    "trips",
    "admin",
    "report",
    "simulation",
    "countries",
    "rules",
    "readiness",
    "refusals",
    "gate",
];

macro_rules! catalogue_files {
    ($lang:literal) => {
        [
            (
                "base",
                include_str!(concat!("../i18n/", $lang, "/base.toml")),
            ),
            (
                "case",
                include_str!(concat!("../i18n/", $lang, "/case.toml")),
            ),
            (
                "work",
                include_str!(concat!("../i18n/", $lang, "/work.toml")),
            ),
            (
                "trips",
                include_str!(concat!("../i18n/", $lang, "/trips.toml")),
            ),
            (
                "admin",
                include_str!(concat!("../i18n/", $lang, "/admin.toml")),
            ),
            (
                "report",
                include_str!(concat!("../i18n/", $lang, "/report.toml")),
            ),
            (
                "simulation",
                include_str!(concat!("../i18n/", $lang, "/simulation.toml")),
            ),
            (
                "countries",
                include_str!(concat!("../i18n/", $lang, "/countries.toml")),
            ),
            (
                "rules",
                include_str!(concat!("../i18n/", $lang, "/rules.toml")),
            ),
            (
                "readiness",
                include_str!(concat!("../i18n/", $lang, "/readiness.toml")),
            ),
            (
                "refusals",
                include_str!(concat!("../i18n/", $lang, "/refusals.toml")),
            ),
            (
                "gate",
                include_str!(concat!("../i18n/", $lang, "/gate.toml")),
            ),
        ]
    };
}

const SV_FILES: [(&str, &str); AREAS.len()] = catalogue_files!("sv");
const EN_FILES: [(&str, &str); AREAS.len()] = catalogue_files!("en");

/// The catalogue files of `lang`: (area, TOML text).
pub fn files(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Sv => &SV_FILES,
        Lang::En => &EN_FILES,
    }
}

/// One area of one language's catalogue (`None` for an unknown area or one
/// that does not parse — the tests forbid both).
pub fn area(lang: Lang, name: &str) -> Option<Catalog> {
    let (_, text) = files(lang).iter().find(|(a, _)| *a == name)?;
    toml::from_str(text).ok()
}

fn load(files: &[(&str, &str)]) -> Catalog {
    // The catalogues are compiled in and checked by tests; a broken one is a
    // build defect, so an empty area (showing keys) is the fallback.
    let mut all = Catalog::new();
    for (_, text) in files {
        all.extend(toml::from_str::<Catalog>(text).unwrap_or_default());
    }
    all
}

static SV: LazyLock<Catalog> = LazyLock::new(|| load(&SV_FILES));
static EN: LazyLock<Catalog> = LazyLock::new(|| load(&EN_FILES));

/// The whole catalogue of `lang`.
pub fn catalogue(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// The translator a page, a report or a simulation result renders with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    fn catalog(&self) -> &'static Catalog {
        catalogue(self.lang)
    }

    /// The text for `key`; the key itself when missing (tests forbid that).
    pub fn t<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.catalog().get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for a key built at run time; empty (and a warning in the log)
    /// when missing (tests check every built key against the catalogue).
    pub fn t_owned(&self, key: &str) -> &'static str {
        match self.catalog().get(key) {
            Some(s) => s.as_str(),
            None => {
                tracing::warn!(key, "missing catalogue key");
                ""
            }
        }
    }

    /// The text for `key`, if the catalogue has it.
    pub fn try_t(&self, key: &str) -> Option<&'static str> {
        self.catalog().get(key).map(String::as_str)
    }

    /// The text for `key` with `{name}` placeholders filled.
    pub fn f(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.t(key), args)
    }

    /// The language's code (`sv`, `en`).
    pub fn lang(&self) -> &'static str {
        self.lang.code()
    }
}

/// `template` with each `{name}` replaced by its value, in one pass over the
/// template: a value is never read again, so a value that itself holds
/// `{other}` (a user name, a free text) is shown as typed. A placeholder with
/// no value given is left as it stands.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name = after
            .find('}')
            .map(|end| &after[..end])
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        match name.and_then(|n| args.iter().find(|(a, _)| *a == n).map(|(_, v)| (n, v))) {
            Some((n, v)) => {
                out.push_str(&v.to_string());
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of a text, sorted.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        match rest.find('}') {
            Some(end)
                if end > 0
                    && rest[..end]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                out.push(&rest[..end]);
                rest = &rest[end + 1..];
            }
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every area file parses; key → area, refusing a key defined in two areas.
    fn strict(lang: Lang) -> BTreeMap<String, (&'static str, String)> {
        let mut all = BTreeMap::new();
        for (area, text) in files(lang) {
            let part: Catalog =
                toml::from_str(text).unwrap_or_else(|e| panic!("{}/{area}.toml: {e}", lang.code()));
            for (k, v) in part {
                if let Some((first, _)) = all.insert(k.clone(), (*area, v)) {
                    panic!(
                        "{}: {k} is defined in two areas ({first}.toml and {area}.toml)",
                        lang.code()
                    );
                }
            }
        }
        all
    }

    /// The one completeness test of the catalogue: every key of every area in
    /// both languages, in the same area, none empty, with the same
    /// placeholders; and every area file exists in both languages.
    #[test]
    fn every_key_is_in_both_languages_in_one_area_and_none_is_empty() {
        assert_eq!(
            files(Lang::Sv).iter().map(|f| f.0).collect::<Vec<_>>(),
            AREAS
        );
        let sv = strict(Lang::Sv);
        let en = strict(Lang::En);
        assert!(sv.len() > 500, "the catalogue has {} keys", sv.len());
        let mut problems = Vec::new();
        for (key, (area, text)) in &sv {
            match en.get(key) {
                None => problems.push(format!("{key} ({area}): missing in en")),
                Some((en_area, _)) if en_area != area => {
                    problems.push(format!("{key}: in sv/{area}.toml but in en/{en_area}.toml"))
                }
                Some((_, en_text)) => {
                    if placeholders(text) != placeholders(en_text) {
                        problems.push(format!(
                            "{key}: placeholders sv {:?}, en {:?}",
                            placeholders(text),
                            placeholders(en_text)
                        ));
                    }
                }
            }
        }
        for (key, (area, _)) in &en {
            if !sv.contains_key(key) {
                problems.push(format!("{key} ({area}): missing in sv"));
            }
        }
        for (lang, all) in [("sv", &sv), ("en", &en)] {
            for (key, (area, text)) in all {
                if text.trim().is_empty() {
                    problems.push(format!("{key} ({lang}/{area}.toml): empty"));
                }
            }
        }
        assert!(problems.is_empty(), "{problems:#?}");
    }

    #[test]
    fn the_loaded_catalogue_is_every_area() {
        for lang in Lang::ALL {
            let n: usize = AREAS
                .iter()
                .map(|a| area(lang, a).expect("area").len())
                .sum();
            assert_eq!(catalogue(lang).len(), n);
        }
        assert!(area(Lang::Sv, "nowhere").is_none());
    }

    #[test]
    fn placeholders_are_filled() {
        let tr = Tr::new(Lang::En);
        assert_eq!(tr.f("picture.total", &[("n", &42)]), "42 open cases");
        assert_eq!(
            placeholders("{a} of {b} ({a}); {not a placeholder}"),
            ["a", "b"]
        );
    }

    #[test]
    fn a_value_is_never_filled_again() {
        assert_eq!(
            fill("{a} then {b}", &[("a", &"{b}"), ("b", &"x")]),
            "{b} then x"
        );
        assert_eq!(fill("{a}{a}", &[("a", &1)]), "11");
        assert_eq!(fill("{missing} {a}", &[("a", &"v")]), "{missing} v");
        assert_eq!(fill("{ a } {", &[("a", &"v")]), "{ a } {");
        assert_eq!(fill("å{a}ö", &[("a", &"ä")]), "åäö");
    }

    #[test]
    fn a_missing_key_shows_itself_or_nothing() {
        let tr = Tr::new(Lang::Sv);
        assert_eq!(tr.t("no.such.key"), "no.such.key");
        assert_eq!(tr.try_t("no.such.key"), None);
        assert_eq!(tr.t_owned("no.such.key"), "");
        assert_eq!(tr.t("report.charter_share"), "Andel med charter");
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::default(), Lang::Sv);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.code()), Some(l));
            assert_eq!(l.other().other(), l);
        }
        assert_eq!(Lang::parse("de"), None);
    }
}
