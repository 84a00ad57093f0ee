#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The crate's refusal and error sentences live in the catalogue's area
//! `gate`: every key its source names is there in both languages, and a few
//! sentences read exactly as they always have.

use opcentrum_text::source_keys::{keys_in, problems};
use std::path::Path;

/// At least this many keys are named in `src`.
const MIN_KEYS: usize = 5;

#[test]
fn every_gate_key_the_source_names_is_in_both_catalogues() {
    let keys = keys_in(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &["gate."],
    );
    // The walk finds the keys at all (a broken walk would pass vacuously).
    assert!(
        keys.len() >= MIN_KEYS,
        "only {} keys found in src",
        keys.len()
    );
    let problems = problems(&keys);
    assert!(problems.is_empty(), "{problems:#?}");
}
