#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `opcentrum report` on a small seeded demo database: its JSON agrees with the
//! store's own events; bad arguments are named.

use jiff::{ToSpan, civil::Date};
use opcentrum_domain::{Event, EventKind, time::local_date};
use opcentrum_store::testing::TempDir;
use std::process::Command;

fn opcentrum(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_opcentrum"))
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("run opcentrum")
}

fn demo(dir: &TempDir) -> String {
    let db = dir.0.join("demo.sqlite").display().to_string();
    let r = opcentrum(&[
        "demo",
        "--cases",
        "1500",
        "--seed",
        "4",
        "--database-url",
        &db,
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    db
}

async fn histories(db: &str) -> Vec<Vec<Event>> {
    let store = opcentrum_store::Store::connect(db).await.unwrap();
    let mut all = Vec::new();
    store
        .export_histories(|h| {
            all.push(h);
            Ok(())
        })
        .await
        .unwrap();
    all
}

fn json_report(db: &str, from: Date, to: Date, public: bool) -> serde_json::Value {
    let (from, to) = (from.to_string(), to.to_string());
    let mut args = vec![
        "report",
        "--from",
        &from,
        "--to",
        &to,
        "--format",
        "json",
        "--database",
        db,
    ];
    if public {
        args.push("--public");
    }
    let r = opcentrum(&args);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    serde_json::from_slice(&r.stdout).unwrap()
}

#[tokio::test]
async fn the_report_agrees_with_the_store() {
    let dir = TempDir::new().unwrap();
    let db = demo(&dir);
    let all = histories(&db).await;
    let today = local_date(jiff::Timestamp::now());
    let from = today.saturating_sub(364.days());
    let v = json_report(&db, from, today, false);
    assert_eq!(v["schema"], "opcentrum-report/1");
    assert_eq!(v["disclosure"], "internal");

    // Executions: every `executed` event dated in the period.
    let executed: Vec<(&Event, Date)> = all
        .iter()
        .flatten()
        .filter_map(|e| match &e.kind {
            EventKind::Executed { on, .. } if *on >= from && *on <= today => Some((e, *on)),
            _ => None,
        })
        .collect();
    assert!(!executed.is_empty());
    let by_kind = &v["executions"]["by_kind"];
    assert_eq!(by_kind["total"]["value"], executed.len() as u64);
    // Charter rows: the demo's charters have ids C-…; scheduled S-….
    let charters = executed
        .iter()
        .filter(|(e, _)| matches!(&e.kind, EventKind::Executed { trip, .. } if trip.as_str().starts_with("C-")))
        .count() as u64;
    assert_eq!(by_kind["row_totals"][0]["value"], charters);
    assert_eq!(
        by_kind["row_totals"][1]["value"],
        executed.len() as u64 - charters
    );
    assert_eq!(
        by_kind["row_totals"][2]["value"], 0,
        "every demo trip has an offer"
    );
    let share = v["executions"]["charter_share"]["value"].as_f64().unwrap();
    assert!((share - charters as f64 / executed.len() as f64).abs() < 1e-12);
    let flown = v["charters"]["flown"].as_u64().unwrap();
    let ppc = v["charters"]["persons_per_charter"]["value"]
        .as_f64()
        .unwrap();
    assert!((ppc * flown as f64 - charters as f64).abs() < 1e-9);

    // Eurostat: returned in the period = executed + departed voluntarily
    // (every demo citizenship is a third country).
    let departed = all
        .iter()
        .flatten()
        .filter(|e| matches!(e.kind, EventKind::DepartedVoluntarily { on } if on >= from && on <= today))
        .count();
    assert_eq!(
        v["eurostat"]["returned"]["total"]["value"],
        (executed.len() + departed) as u64
    );
    // Ordered to leave: decisions taken in the period.
    let decided = all
        .iter()
        .filter_map(|h| match &h[0].kind {
            EventKind::Registered { decision, .. } => Some(decision.decided_on),
            _ => None,
        })
        .filter(|d| *d >= from && *d <= today)
        .count();
    assert_eq!(
        v["eurostat"]["ordered_to_leave"]["total"]["value"],
        decided as u64
    );

    // Detention: the last day's census equals the store's current occupancy.
    let store = opcentrum_store::Store::connect(&db).await.unwrap();
    let occupied: u64 = store
        .facilities()
        .await
        .unwrap()
        .iter()
        .filter(|f| f.facility.kind == opcentrum_domain::facility::FacilityKind::DetentionUnit)
        .map(|f| u64::from(f.occupied))
        .sum();
    let daily = v["detention"]["daily"].as_array().unwrap();
    assert_eq!(daily.len(), 365);
    assert_eq!(daily[364]["occupied"]["value"], occupied);
    assert!(occupied > 0);

    // Public: no count below 3 is shown anywhere.
    let p = json_report(&db, from, today, true);
    fn check(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(value), true) = (m.get("value"), m.len() <= 2) {
                    if let Some(n) = value.as_u64() {
                        assert!(n >= 3, "{path}: {n}");
                    }
                    if value.is_null() && m.contains_key("suppressed") {
                        return;
                    }
                }
                for (k, x) in m {
                    check(x, &format!("{path}.{k}"));
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    check(x, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    check(&p["executions"], "executions");
    check(&p["eurostat"]["returned"], "returned");
    check(&p["detention"]["daily"], "daily");
    assert_eq!(
        p["executions"]["by_kind"]["total"]["value"],
        executed.len() as u64
    );
}

#[test]
fn html_and_csv_are_written_to_a_file() {
    let dir = TempDir::new().unwrap();
    let db = demo(&dir);
    let html = dir.0.join("r.html");
    let r = opcentrum(&[
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--database-url",
        &db,
        "--out",
        html.to_str().unwrap(),
        "--lang",
        "en",
        "--public",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let text = std::fs::read_to_string(&html).unwrap();
    assert!(text.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(text.contains("<svg"));
    let r = opcentrum(&[
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--database-url",
        &db,
        "--format",
        "csv",
    ]);
    assert!(r.status.success());
    let csv = String::from_utf8(r.stdout).unwrap();
    assert!(csv.starts_with("table,row,column,value,flag\n"));
}

#[test]
fn bad_arguments_name_the_field() {
    let dir = TempDir::new().unwrap();
    let db = dir.0.join("x.sqlite").display().to_string();
    let r = opcentrum(&[
        "report",
        "--from",
        "2026-13-01",
        "--to",
        "2026-12-31",
        "--database-url",
        &db,
    ]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("--from") && err.contains("not a date"),
        "{err}"
    );
    let r = opcentrum(&[
        "report",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-31",
        "--database-url",
        &db,
    ]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("--to: 2026-01-31 is before --from (2026-02-01)"),
        "{err}"
    );
    let r = opcentrum(&[
        "report",
        "--from",
        "2000-01-01",
        "--to",
        "2026-01-31",
        "--database-url",
        &db,
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("--to: the period may cover at most"));
}
