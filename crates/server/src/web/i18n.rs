//! Message catalogues: every text of the pages, in Swedish (default) and
//! English. Templates never hold text of their own; they call `tr.t("key")`.

use std::{collections::HashMap, sync::LazyLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
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

type Catalog = HashMap<String, String>;

/// One catalogue file per area of the product, the same areas in both
/// languages (`i18n/<lang>/<area>.toml`); a key lives in exactly one area.
macro_rules! catalogue_files {
    ($lang:literal) => {
        [
            (
                "base",
                include_str!(concat!("../../i18n/", $lang, "/base.toml")),
            ),
            (
                "case",
                include_str!(concat!("../../i18n/", $lang, "/case.toml")),
            ),
            (
                "work",
                include_str!(concat!("../../i18n/", $lang, "/work.toml")),
            ),
            (
                "trips",
                include_str!(concat!("../../i18n/", $lang, "/trips.toml")),
            ),
            (
                "admin",
                include_str!(concat!("../../i18n/", $lang, "/admin.toml")),
            ),
            (
                "text",
                include_str!(concat!("../../i18n/", $lang, "/text.toml")),
            ),
        ]
    };
}

const SV_FILES: [(&str, &str); 6] = catalogue_files!("sv");
const EN_FILES: [(&str, &str); 6] = catalogue_files!("en");

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

/// The translator a page renders with.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    fn catalog(&self) -> &'static Catalog {
        match self.lang {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// The text for `key`; the key itself when missing (tests forbid that).
    pub fn t<'a>(&self, key: &'a str) -> &'a str
    where
        'static: 'a,
    {
        self.catalog().get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text for a key built at run time; the key's last part when missing
    /// (a test checks every built key against the catalogue).
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
        let mut s = self.t(key).to_owned();
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), &value.to_string());
        }
        s
    }

    pub fn lang(&self) -> &'static str {
        self.lang.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every area file parses, and no key is defined in two areas.
    fn strict(files: &[(&str, &str)]) -> Catalog {
        let mut all = Catalog::new();
        for (area, text) in files {
            let part: Catalog = toml::from_str(text).unwrap_or_else(|e| panic!("{area}.toml: {e}"));
            for (k, v) in part {
                assert!(
                    all.insert(k.clone(), v).is_none(),
                    "{k} is defined twice ({area}.toml)"
                );
            }
        }
        all
    }

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        let sv = strict(&SV_FILES);
        let en = strict(&EN_FILES);
        let mut only_sv: Vec<_> = sv.keys().filter(|k| !en.contains_key(*k)).collect();
        let mut only_en: Vec<_> = en.keys().filter(|k| !sv.contains_key(*k)).collect();
        only_sv.sort();
        only_en.sort();
        assert!(
            only_sv.is_empty() && only_en.is_empty(),
            "only in sv: {only_sv:?}; only in en: {only_en:?}"
        );
        assert!(!sv.is_empty());
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let sv = strict(&SV_FILES);
        let mut missing = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        for path in files {
            let text = std::fs::read_to_string(&path).expect("read");
            if path.ends_with("i18n.rs") {
                continue;
            }
            for pat in ["tr.t(\"", "tr.f(\""] {
                let mut rest = text.as_str();
                while let Some(i) = rest.find(pat) {
                    rest = &rest[i + pat.len()..];
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        if key.contains('.') && !key.contains(' ') && !sv.contains_key(key) {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogue: {missing:#?}"
        );
    }

    #[test]
    fn keys_built_at_run_time_exist_in_both_languages() {
        use opcentrum_access::{FieldCategory, Role};
        use opcentrum_domain::{Agency, Stage, detention::DetentionBasis};
        let mut keys = Vec::new();
        keys.extend(Agency::ALL.map(|a| format!("agency.{}", a.code())));
        keys.extend(Role::ALL.map(|r| format!("role.{}", r.code())));
        keys.extend(Stage::ALL.map(|s| format!("stage.{}", s.code())));
        keys.extend(FieldCategory::ALL.map(|c| format!("category.{}", c.code())));
        keys.extend(super::super::figures::Leg::ALL.map(|l| format!("leg.{}", l.code())));
        keys.extend(DetentionBasis::ALL.map(|b| format!("code.{}", b.code())));
        keys.extend(
            [
                "charter",
                "scheduled",
                "within",
                "soon",
                "must_release",
                "absconded",
                "coercion_needed",
            ]
            .map(|c| format!("code.{c}")),
        );
        keys.extend(["plan", "replan", "charter", "scheduled"].map(|k| format!("trips.kind.{k}")));
        keys.extend(
            ["pending", "approved", "rejected", "superseded"].map(|k| format!("trips.status.{k}")),
        );
        keys.extend(["kept", "added", "moved", "removed"].map(|k| format!("trips.change.{k}")));
        keys.extend(
            [
                "past_deadline",
                "no_trip_in_window",
                "family_not_ready",
                "family_too_large",
                "no_escort_of_sex",
                "escorts_busy",
                "trips_full",
            ]
            .map(|k| format!("trips.reason.{k}")),
        );
        for lang in [Lang::Sv, Lang::En] {
            let tr = Tr::new(lang);
            let missing: Vec<&String> = keys.iter().filter(|k| tr.try_t(k).is_none()).collect();
            assert!(missing.is_empty(), "{lang:?}: {missing:?}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        let tr = Tr::new(Lang::En);
        assert_eq!(tr.f("picture.total", &[("n", &42)]), "42 open cases");
    }
}
