//! The JSON Lines importer on arbitrary text: whole histories are checked
//! against the lifecycle at each event's time; it never panics, and whatever it
//! accepts replays to a case.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opcentrum_domain::{Case, RuleTable};
use opcentrum_exchange::{FacilityKinds, parse_jsonl};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let rules = RuleTable::default();
    let facilities = FacilityKinds::new();
    match parse_jsonl(text, &facilities, &rules) {
        Ok(histories) => {
            for h in &histories {
                assert!(Case::replay(h).is_ok(), "an accepted history replays");
            }
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
});
