//! Every label of the rendered report, in Swedish and English: the `report.*`
//! keys of the one catalogue (`crates/text/i18n/{sv,en}/report.toml`). Keys are
//! the codes the JSON and CSV use, so a page and a file say the same.

use super::Lang;
use opcentrum_text::Tr;

/// The label of a key; the key itself when there is none (a trip id, a country code).
pub fn label(key: &str, lang: Lang) -> &str {
    Tr::new(lang).try_t(&format!("report.{key}")).unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_both_languages_and_a_code_as_itself() {
        assert_eq!(label("charter_share", Lang::Sv), "Andel med charter");
        assert_eq!(label("charter_share", Lang::En), "Charter share");
        assert_eq!(label("C-IQ-202601", Lang::En), "C-IQ-202601");
        assert_eq!(label("XX", Lang::Sv), "Statslös eller okänt");
    }

    /// Every key the renderer names with `label("…"` is in the catalogue (the
    /// catalogue's own test checks both languages).
    #[test]
    fn every_key_the_renderer_names_exists() {
        let tr = Tr::new(Lang::Sv);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut dirs = vec![dir];
        while let Some(d) = dirs.pop() {
            for entry in std::fs::read_dir(d).expect("dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("labels.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("read");
                for pat in ["label(\"", "caption_key: \"", "p.figure(svg, \""] {
                    let mut rest = text.as_str();
                    while let Some(i) = rest.find(pat) {
                        rest = &rest[i + pat.len()..];
                        let key = &rest[..rest.find('"').unwrap_or(0)];
                        seen += 1;
                        if tr.try_t(&format!("report.{key}")).is_none() {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(seen > 20, "only {seen} keys found");
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
