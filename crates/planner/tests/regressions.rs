//! Scenarios on which an earlier planner broke a rule, kept so it never does again.

#![allow(clippy::unwrap_used)]

use opcentrum_planner::{Options, check_plan, parse_scenario, plan};
use std::time::Duration;

/// One escort on two overlapping trips to the same destination: the
/// per-destination decomposition must keep escort days within a destination.
#[test]
fn escort_overlap_within_one_destination() {
    let s = parse_scenario(include_str!("data/escort-overlap-within-destination.json")).unwrap();
    let p = plan(
        &s,
        &Options {
            time_limit: Duration::from_secs(20),
            exact: true,
            ..Options::default()
        },
        &mut |_| {},
    );
    let o = check_plan(&s, &p).unwrap_or_else(|v| panic!("{v:?}"));
    assert_eq!(o.moved, 6);
    assert!(p.optimal);
}
