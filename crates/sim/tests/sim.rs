#![allow(clippy::unwrap_used)]
//! The simulation's promises: deterministic by seed; every case in exactly one
//! state with the counts adding up; nobody held past a legal limit; the
//! integrated policy fills charters better than the siloed one on the default
//! scenarios; scenario errors name the field.

use opcentrum_sim::{
    End, Metric, Policy, SimScenario, parse_scenario, replication_seed, report::Study, run,
};

fn scenario(name: &str) -> SimScenario {
    let path = format!("{}/../../scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    parse_scenario(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A shorter version of a default scenario, for fast tests.
fn short(name: &str, days: u32) -> SimScenario {
    let mut s = scenario(name);
    s.warmup_days = 0;
    s.days = days;
    s
}

#[test]
fn same_seed_same_outcome_other_seed_other_outcome() {
    for name in ["sweden-siloed", "sweden-integrated"] {
        let s = short(name, 200);
        let a = format!("{:?}", run(&s, 7));
        let b = format!("{:?}", run(&s, 7));
        assert_eq!(a, b, "{name}: same seed must give the same outcome");
        let c = format!("{:?}", run(&s, 8));
        assert_ne!(a, c, "{name}: another seed must give another outcome");
    }
}

#[test]
fn a_study_runs_each_seed_once_in_order_and_reports_each_run() {
    let s = short("sweden-integrated", 60);
    let done = std::sync::atomic::AtomicU32::new(0);
    let study = Study::replicate(&s, "test".into(), 4, 11, &|| {
        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(done.into_inner(), 4);
    assert_eq!(study.runs.len(), 4);
    for (i, r) in (0u32..).zip(&study.runs) {
        assert_eq!(r.seed, replication_seed(11, i));
        assert_eq!(
            format!("{r:?}"),
            format!("{:?}", run(&s, replication_seed(11, i)))
        );
    }
    assert_eq!((study.seed, study.source.as_str()), (11, "test"));
}

#[test]
fn every_case_ends_in_exactly_one_state_and_counts_add_up() {
    for name in ["sweden-siloed", "sweden-integrated"] {
        let s = short(name, 300);
        let r = run(&s, 3);
        let ended: u64 = r.ends.values().sum();
        let open: u64 = r.open.values().sum();
        assert_eq!(ended + open, r.cases, "{name}: {:?} {:?}", r.ends, r.open);
        assert!(r.cases > 10_000, "{name}: {} cases", r.cases);
        // No warm-up: the measured tallies are exactly the ended persons.
        let executed =
            r.end_persons[&End::ExecutedCharter] + r.end_persons[&End::ExecutedScheduled];
        assert_eq!(r.measured_ends[0], executed, "{name}: executed");
        assert_eq!(r.measured_ends[1], r.end_persons[&End::DepartedVoluntarily]);
        assert_eq!(r.measured_ends[2], r.end_persons[&End::Expired]);
        assert_eq!(r.measured_ends[3], r.end_persons[&End::PermitGranted]);
        // The monthly series adds up to the period's executions.
        let monthly: u64 = r.monthly.iter().map(|m| m[0]).sum();
        assert_eq!(monthly, executed, "{name}: monthly executions");
        let by_charter: u64 = r.monthly.iter().map(|m| m[1]).sum();
        assert_eq!(by_charter, r.end_persons[&End::ExecutedCharter]);
        // Every stage of the chain is reached.
        assert!(executed > 0 && r.end_persons[&End::DepartedVoluntarily] > 0);
        assert!(
            r.end_persons[&End::ExecutedCharter] > 0,
            "{name}: no charter flew"
        );
        assert!(r.open.contains_key("absconded") && r.open.contains_key("with_police"));
        assert!(r.planner_calls > 0, "the planner must plan the trips");
    }
}

#[test]
fn nobody_is_detained_beyond_the_legal_limit() {
    for name in ["sweden-siloed", "sweden-integrated"] {
        let s = short(name, 300);
        let r = run(&s, 11);
        assert_eq!(r.over_limit, 0, "{name}");
        assert!(r.longest_detention <= s.detention.exceptional_limit_days);
        assert!(r.longest_detention > 0);
    }
    // A tight limit: many are released at it, none is held longer.
    let mut s = short("sweden-siloed", 200);
    s.detention.limit_days = 10;
    s.detention.exceptional_limit_days = 10;
    let r = run(&s, 5);
    assert_eq!(r.over_limit, 0);
    assert!(r.longest_detention <= 10, "{}", r.longest_detention);
    assert!(r.value(Metric::ReleasedAtLimitPerMonth) > 10.0);
}

#[test]
fn integrated_fills_charters_better_than_siloed() {
    let siloed = scenario("sweden-siloed");
    let integrated = scenario("sweden-integrated");
    assert!(matches!(siloed.policy, Policy::Siloed(_)));
    assert!(matches!(integrated.policy, Policy::Integrated(_)));
    let mean = |s: &SimScenario| {
        let v: Vec<f64> = (1..=4)
            .map(|seed| run(s, seed).value(Metric::PersonsPerCharter))
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let (a, b) = (mean(&siloed), mean(&integrated));
    assert!(b > a + 5.0, "siloed {a:.1}, integrated {b:.1}");
    // Near the calibration targets (18 and 30).
    assert!((13.0..24.0).contains(&a), "siloed {a:.1}");
    assert!((25.0..36.0).contains(&b), "integrated {b:.1}");
}

#[test]
fn the_policy_changes_the_chain_not_only_the_result() {
    // Same world, same seed: only the policy section differs between the files.
    let a = run(&short("sweden-siloed", 300), 2);
    let b = run(&short("sweden-integrated", 300), 2);
    // Integrated detains for trips: fewer released at the limit.
    assert!(
        b.value(Metric::ReleasedAtLimitPerMonth) < a.value(Metric::ReleasedAtLimitPerMonth),
        "{} vs {}",
        b.value(Metric::ReleasedAtLimitPerMonth),
        a.value(Metric::ReleasedAtLimitPerMonth)
    );
}

fn error_field(text: &str) -> String {
    parse_scenario(text).unwrap_err().field().to_string()
}

fn default_text() -> String {
    let path = format!(
        "{}/../../scenarios/sweden-siloed.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn scenario_errors_name_the_field() {
    let text = default_text();
    // Unknown field.
    let t = text.replace("[nte]\n", "[nte]\nbogus = 1\n");
    assert_eq!(error_field(&t), "nte.bogus");
    // Wrong type.
    let t = text.replace("limit_days = 60", "limit_days = \"sixty\"");
    assert_eq!(error_field(&t), "detention.limit_days");
    // Missing field.
    let t = text.replace("intake_days = 5\n", "");
    assert_eq!(error_field(&t), "police.intake_days");
    // Not a share.
    let t = text.replace("voluntary_share = 0.58", "voluntary_share = 1.5");
    assert_eq!(error_field(&t), "mv.voluntary_share");
    let e = parse_scenario(&t).unwrap_err().to_string();
    assert!(e.contains("mv.voluntary_share") && e.contains("1.5"), "{e}");
    // A field of the other policy.
    let t = text.replace("mv_review_days = 14", "review_days = 14");
    assert!(
        error_field(&t).contains("review_days"),
        "{}",
        error_field(&t)
    );
    // A policy that does not exist.
    let t = text.replace("kind = \"siloed\"", "kind = \"central\"");
    let e = parse_scenario(&t).unwrap_err().to_string();
    assert!(e.contains("policy") && e.contains("central"), "{e}");
    // A bad country code, in an array of tables.
    let t = text.replace("code = \"UZ\"", "code = \"Uzbekistan\"");
    assert_eq!(error_field(&t), "destinations[1].code");
    // Shares that do not sum to one.
    let t = text.replace("code = \"IQ\"\nshare = 0.08", "code = \"IQ\"\nshare = 0.18");
    assert_eq!(error_field(&t), "destinations");
}

/// The visible text of an HTML fragment: tags dropped, entities read.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// A catalogue text's parts between its `{placeholders}`.
fn fragments(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push(&rest[..i]);
        rest = rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]);
    }
    out.push(rest);
    out
}

#[test]
fn the_result_speaks_the_readers_language() {
    use opcentrum_sim::report::html::{report_body, report_html};
    use opcentrum_text::{Lang, Tr};
    let a = Study::replicate(&short("sweden-siloed", 60), "a.toml".into(), 2, 1, &|| {});
    let b = Study::replicate(
        &short("sweden-integrated", 60),
        "b.toml".into(),
        2,
        1,
        &|| {},
    );
    let sv = visible(&report_body(&a, Some(&b), Tr::new(Lang::Sv)));
    let en = visible(&report_body(&a, Some(&b), Tr::new(Lang::En)));
    for want in [
        "Simulering av hela kedjan",
        "2 replikeringar",
        "95 % konfidensintervall (Students t; skillnaden med Welchs intervall)",
        "Skillnad (andra − första)",
        "Personer per charter",
        "var myndighet för sig",
    ] {
        assert!(sv.contains(want), "{want}: {sv}");
    }
    assert!(en.contains("Whole-chain simulation") && en.contains("2 replications"));

    // No English text of the simulation's catalogue area in the Swedish body:
    // no part of an English text between its placeholders that has two words
    // or more (so every English value longer than three words, too).
    let english = opcentrum_text::area(Lang::En, "simulation").unwrap();
    let english_in = |body: &str| {
        let mut found = Vec::new();
        for (key, text) in &english {
            for part in fragments(text) {
                let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                let words = part
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count();
                if words >= 2 && body.contains(part) {
                    found.push(format!("{key}: {part:?}"));
                }
            }
        }
        found
    };
    let found = english_in(&sv);
    assert!(
        found.is_empty(),
        "English in the Swedish result: {found:#?}"
    );
    // The check sees English where there is English.
    assert!(english_in(&en).len() > 20, "{:?}", english_in(&en));
    // Swedish numbers: a decimal comma, never a decimal point.
    let point = sv
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    assert!(!point, "a decimal point in the Swedish result: {sv}");

    let page = report_html(&a, None, Lang::Sv);
    assert!(page.starts_with("<!doctype html><html lang=\"sv\">"));
    assert!(!report_body(&a, None, Tr::new(Lang::Sv)).contains("lang="));
}

#[test]
fn every_metric_and_policy_has_a_name_in_both_languages() {
    use opcentrum_text::Lang;
    for m in Metric::ALL {
        let (sv, en) = (m.label(Lang::Sv), m.label(Lang::En));
        assert!(sv != m.key() && en != m.key(), "{}", m.key());
        assert_ne!(sv, en, "{}", m.key());
    }
    // And each policy's name (`sim.policy.<Policy::name>`).
    for name in ["sweden-siloed", "sweden-integrated"] {
        let key = format!("sim.policy.{}", scenario(name).policy.name());
        for lang in Lang::ALL {
            assert!(opcentrum_text::Tr::new(lang).try_t(&key).is_some(), "{key}");
        }
    }
}
