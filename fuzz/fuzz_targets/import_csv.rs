//! The CSV importer on arbitrary text: every row is either parsed and checked
//! or reported with its line and field; it never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opcentrum_domain::{Agency, RuleTable, fixtures::actor};
use opcentrum_exchange::{FacilityKinds, parse_csv};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let now: jiff::Timestamp = "2026-12-08T09:00:00Z".parse().expect("time");
    let rules = RuleTable::default();
    let facilities = FacilityKinds::new();
    if let Err(errors) = parse_csv(text, &actor(Agency::Migrationsverket), now, &facilities, &rules) {
        assert!(!errors.is_empty(), "a refusal names at least one row");
    }
});
