//! For the crates' own tests (feature `testing`): the catalogue keys a
//! crate's source names as string literals, and which of them are not a key's
//! shape or missing in a language. One walker for every crate whose sentences
//! live in the catalogue (`domain`: `refusal.`/`action.`; `access`, `app`,
//! `store`, `planner`: `gate.`). Reads files, so it is not part of the pure
//! catalogue; a file it cannot read is a broken test setup and panics.

use crate::{Lang, catalogue};
use std::{
    fs,
    path::{Path, PathBuf},
};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every string literal under `src` that starts with one of `prefixes`
/// (`"gate."`), with the file it is in.
pub fn keys_in(src: &Path, prefixes: &[&str]) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut keys = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        for prefix in prefixes {
            for (at, _) in text.match_indices(&format!("\"{prefix}")) {
                let rest = &text[at + 1..];
                let end = rest.find('"').unwrap_or(rest.len());
                keys.push((rest[..end].to_owned(), path.clone()));
            }
        }
    }
    keys
}

/// What is wrong with `keys`: a literal that is not a key's shape, or a key
/// missing in either language. Empty when every key is in both catalogues.
pub fn problems(keys: &[(String, PathBuf)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, path) in keys {
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._".contains(c))
            || key.ends_with('.')
            || key.contains("..")
        {
            problems.push(format!("{}: {key:?} is not a key's shape", path.display()));
        }
        for lang in Lang::ALL {
            if !catalogue(lang).contains_key(key) {
                problems.push(format!(
                    "{}: {key} missing in {}",
                    path.display(),
                    lang.code()
                ));
            }
        }
    }
    problems
}
