//! The case list's query plans on SQLite: every single filter (and the
//! common pairs) is an index range in case-id order — never a sort of every
//! matching case, never a walk of the whole table. A plan that regresses fails
//! here, on any machine, without timing anything.

use super::{CaseFilter, PageRequest, list_sql};
use crate::connect::{Backend, Store};
use opcentrum_domain::{Agency, Country, Stage, ids::CaseId};

async fn plan(store: &Store, filter: &CaseFilter) -> String {
    let page = PageRequest {
        after: Some(CaseId::parse("UT-2026-000100").unwrap_or_else(|e| panic!("{e}"))),
        limit: 1000,
    };
    let today = jiff::civil::date(2026, 11, 23);
    let mut sql = list_sql(Backend::Sqlite, filter, &page, today);
    sql.text = format!("EXPLAIN QUERY PLAN {}", sql.text);
    let rows = sql
        .query()
        .fetch_all(&store.read)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    rows.iter()
        .map(|r| crate::codec::get::<String>(r, "detail").unwrap_or_else(|e| panic!("{e}")))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[tokio::test]
async fn every_list_filter_is_an_index_range_in_case_id_order() {
    let dir = std::env::temp_dir().join(format!("opc-plans-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let store = Store::connect(&dir.join("plans.sqlite").to_string_lossy())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let iq = Country::parse("IQ").unwrap_or_else(|e| panic!("{e:?}"));
    let cases: Vec<(&str, CaseFilter, &str)> = vec![
        (
            "stage",
            CaseFilter {
                stage: Some(Stage::Final),
                ..Default::default()
            },
            "cases_by_stage",
        ),
        (
            "responsible",
            CaseFilter {
                responsible: Some(Agency::Nte),
                ..Default::default()
            },
            "cases_by_responsible_id",
        ),
        (
            "destination",
            CaseFilter {
                destination: Some(iq),
                ..Default::default()
            },
            "cases_by_destination_id",
        ),
        (
            "ready",
            CaseFilter {
                ready: Some(true),
                ..Default::default()
            },
            "cases_ready",
        ),
        (
            "detained",
            CaseFilter {
                detained: Some(true),
                ..Default::default()
            },
            "cases_detained_by_id",
        ),
        (
            "replan_needed",
            CaseFilter {
                replan_needed: Some(true),
                ..Default::default()
            },
            "cases_replan",
        ),
        (
            "q",
            CaseFilter {
                id_prefix: Some("UT-2026-9".into()),
                ..Default::default()
            },
            "(case_id>? AND case_id<?)",
        ),
        (
            "responsible + stage",
            CaseFilter {
                responsible: Some(Agency::Police),
                stage: Some(Stage::HandedOver),
                ..Default::default()
            },
            "cases_by_responsible",
        ),
        (
            "stage + destination",
            CaseFilter {
                stage: Some(Stage::Final),
                destination: Some(iq),
                ..Default::default()
            },
            "cases_by_destination",
        ),
    ];
    for (name, filter, index) in cases {
        let p = plan(&store, &filter).await;
        assert!(!p.contains("TEMP B-TREE"), "{name}: sorts every match: {p}");
        assert!(p.contains("SEARCH"), "{name}: walks the table: {p}");
        assert!(p.contains(index), "{name}: expected {index}: {p}");
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_prefix_range_ends_after_every_id_with_the_prefix() {
    assert_eq!(
        super::prefix_upper("UT-2026-9").as_deref(),
        Some("UT-2026-:")
    );
    assert_eq!(super::prefix_upper("abz").as_deref(), Some("ab{"));
    assert_eq!(super::prefix_upper(""), None);
    let upper = super::prefix_upper("UT-2026-9").unwrap_or_default();
    for id in ["UT-2026-9", "UT-2026-900000", "UT-2026-9zzzz", "UT-2026-9~"] {
        assert!(id >= "UT-2026-9" && id < upper.as_str(), "{id}");
    }
    assert!("UT-2026-:" >= upper.as_str());
}
