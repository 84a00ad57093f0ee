#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `opcentrum simulate` end to end: the table with intervals, runs.csv,
//! summary.csv and a self-contained report.html; a bad scenario names the field.

use opcentrum_store::testing::TempDir;
use std::path::{Path, PathBuf};
use std::process::Command;

fn opcentrum(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_opcentrum"))
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("run opcentrum")
}

/// A default scenario, shortened so the test runs in seconds.
fn short(dir: &Path, name: &str) -> PathBuf {
    let path = format!("{}/../../scenarios/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path)
        .unwrap()
        .replace("warmup_days = 214", "warmup_days = 60")
        .replace(
            "days = 213  # 1 Nov 2023 – 31 May 2024, about 7 months",
            "days = 120",
        );
    assert!(text.contains("days = 120"));
    let out = dir.join(format!("{name}.toml"));
    std::fs::write(&out, text).unwrap();
    out
}

#[test]
fn simulate_compare_writes_table_csv_and_html() {
    let dir = TempDir::new().unwrap();
    let a = short(&dir.0, "sweden-siloed");
    let b = short(&dir.0, "sweden-integrated");
    let out = dir.0.join("report");
    let r = opcentrum(&[
        "simulate",
        "--scenario",
        a.to_str().unwrap(),
        "--runs",
        "3",
        "--seed",
        "5",
        "--compare",
        b.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(stdout.contains("Persons per charter"), "{stdout}");
    assert!(stdout.contains("Sweden, siloed [siloed]") && stdout.contains("[integrated]"));
    assert!(stdout.contains(" ± "), "intervals: {stdout}");
    assert!(stdout.contains("difference"));

    let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap();
    let mut lines = runs.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("scenario,policy,seed,executed_per_month"));
    assert!(header.contains("persons_per_charter"));
    assert_eq!(lines.count(), 6, "3 replications of each scenario");

    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(
        summary.contains("\"Sweden, siloed\",persons_per_charter,"),
        "{summary}"
    );
    assert!(summary.contains("difference (Sweden, integrated - Sweden, siloed)"));

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg") && html.contains("Persons per charter"));
    // Self-contained: nothing fetched, no scripts.
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));

    // The same seed gives the same figures.
    let again = opcentrum(&[
        "simulate",
        "--scenario",
        a.to_str().unwrap(),
        "--runs",
        "3",
        "--seed",
        "5",
        "--out",
        dir.0.join("again").to_str().unwrap(),
    ]);
    assert!(again.status.success());
    let again_runs = std::fs::read_to_string(dir.0.join("again/runs.csv")).unwrap();
    let siloed_rows: Vec<&str> = runs.lines().skip(1).take(3).collect();
    let again_rows: Vec<&str> = again_runs.lines().skip(1).collect();
    assert_eq!(siloed_rows, again_rows);
}

#[test]
fn a_bad_scenario_is_refused_naming_the_field() {
    let dir = TempDir::new().unwrap();
    let a = short(&dir.0, "sweden-siloed");
    let text = std::fs::read_to_string(&a)
        .unwrap()
        .replace("[nte]\n", "[nte]\nescort_count = 3\n");
    std::fs::write(&a, text).unwrap();
    let r = opcentrum(&["simulate", "--scenario", a.to_str().unwrap(), "--runs", "2"]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("nte.escort_count"), "{err}");
}

#[test]
fn simulate_in_swedish_writes_a_swedish_table_and_report() {
    let dir = TempDir::new().unwrap();
    let a = short(&dir.0, "sweden-siloed");
    let out = dir.0.join("sv");
    let r = opcentrum(&[
        "simulate",
        "--scenario",
        a.to_str().unwrap(),
        "--runs",
        "2",
        "--lang",
        "sv",
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&r.stdout);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(stdout.contains("Personer per charter"), "{stdout}");
    assert!(stdout.contains("[var myndighet för sig]"), "{stdout}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!doctype html><html lang=\"sv\">"));
    assert!(html.contains("Simulering av hela kedjan: Sweden, siloed"));
    assert!(html.contains("2 replikeringar"));
    // The CSV files are keyed by codes, whatever the language.
    let runs = std::fs::read_to_string(out.join("runs.csv")).unwrap();
    assert!(runs.starts_with("scenario,policy,seed,executed_per_month"));
}
