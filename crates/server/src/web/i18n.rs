//! The pages' texts: the one catalogue of `opcentrum-text` (crates/text/i18n,
//! Swedish by default, English), re-exported so templates say `tr.t("key")`.
//! Templates never hold text of their own. The catalogue's own tests (both
//! languages, one area per key, nothing empty) are in that crate; these check
//! the server's side: every key the code names and every key it builds exists.

pub use opcentrum_text::{Lang, Tr};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let sv = Tr::new(Lang::Sv);
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
                        if key.contains('.') && !key.contains(' ') && sv.try_t(key).is_none() {
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
                "family_destinations_differ",
            ]
            .map(|k| format!("trips.reason.{k}")),
        );
        for lang in [Lang::Sv, Lang::En] {
            let tr = Tr::new(lang);
            let missing: Vec<&String> = keys.iter().filter(|k| tr.try_t(k).is_none()).collect();
            assert!(missing.is_empty(), "{lang:?}: {missing:?}");
        }
    }
}
