//! The planning-scenario parser on arbitrary text: a scenario is accepted or
//! refused with a JSON path; it never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = opcentrum_planner::parse_scenario(text);
});
