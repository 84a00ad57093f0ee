//! The API's JSON bodies: `POST /api/cases/{id}/events` ({expected_version,
//! event, reason}) and `POST /api/cases` (a registration), parsed the way the
//! server parses them (serde with the error's path), then put to the lifecycle
//! (`decide_registration`, `decide`, `evolve`) as every agency. Never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use opcentrum_domain::{Agency, EventKind, fixtures::Driver};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AppendEvent {
    expected_version: u64,
    event: EventKind,
    reason: Option<String>,
}

fn parse<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).ok()
}

fuzz_target!(|data: &[u8]| {
    let now: jiff::Timestamp = "2026-12-08T09:00:00Z".parse().expect("time");
    let base = opcentrum_domain::fixtures::registered(
        opcentrum_domain::decision::DecisionKind::RefusalOfEntry,
        jiff::civil::date(2026, 11, 2),
        jiff::civil::date(1990, 1, 1),
    );
    // A registration body (as a `registered` event).
    if let Some(kind) = parse::<EventKind>(data)
        && matches!(kind, EventKind::Registered { .. })
    {
        let _ = Driver::new(kind, now);
    }
    // An event body, applied by each agency to a registered case.
    if let Some(body) = parse::<AppendEvent>(data) {
        for agency in Agency::ALL {
            let Ok(mut d) = Driver::new(base.clone(), now) else { return };
            if d.apply(agency, body.event.clone()).is_ok() {
                assert_eq!(d.case.version, 2);
            }
        }
    }
});
