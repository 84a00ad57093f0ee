#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fuzzers' inputs against the real service on both databases: every file
//! of the API-body corpus (`fuzz/corpus/api_bodies`, grown by `scripts/fuzz.sh`)
//! and of the regressions (`fuzz/regressions/api_bodies`) is sent as the body
//! of a registration and of an event, on SQLite and PostgreSQL. No answer may
//! be a 5xx, and the store must be whole afterwards (what the in-process
//! fuzz target cannot see: the database's own limits, e.g. PostgreSQL's NUL).

mod common;

use common::{Server, check_whole_after, client, registration, user_with_token};
use opcentrum_store::testing::backends;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut out = Vec::new();
    for dir in ["corpus/api_bodies", "regressions/api_bodies"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                out.push((e.file_name().to_string_lossy().into_owned(), bytes));
            }
        }
    }
    out.sort();
    // Bounded: a long fuzzing run grows the corpus; a sample keeps this quick.
    let limit: usize = std::env::var("OPCENTRUM_CORPUS_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(600);
    if out.len() > limit {
        let step = out.len() / limit + 1;
        out = out.into_iter().step_by(step).collect();
    }
    // Hostile inputs the corpus may lack, always sent.
    for (name, body) in [
        ("nul-reason", br#"{"expected_version":1,"event":{"type":"fitness_assessed","fit":true,"on":"2026-06-01"},"reason":"a\u0000b"}"#.to_vec()),
        ("year-zero", br#"{"expected_version":1,"event":{"type":"fitness_assessed","fit":true,"on":"0000-01-01"}}"#.to_vec()),
        ("trailing", br#"{"expected_version":1,"event":{"type":"fitness_assessed","fit":true,"on":"2026-06-01"}}xyz"#.to_vec()),
        ("bidi", "{\"case_id\":\"UT-F-9\",\"person\":{\"id\":\"P-F\",\"given_name\":\"A\u{202e}B\"}}".as_bytes().to_vec()),
    ] {
        out.push((name.to_owned(), body));
    }
    out
}

#[tokio::test]
async fn the_fuzz_corpus_gives_no_5xx_on_either_database() {
    let inputs = corpus();
    for db in backends("fuzz_corpus").await {
        let url = db.url.clone();
        db.store().await.unwrap().close().await;
        let token = user_with_token(&url, "mv.fuzz", "migrationsverket", "case_officer");
        let server = Server::start(&url, &[], "warn");
        let http = client();
        let (s, _) = {
            let r = http
                .post(format!("{}/api/cases", server.base))
                .bearer_auth(&token)
                .json(&registration("UT-FUZZ-1"))
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), ())
        };
        assert_eq!(s, 201);
        let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
        for (name, body) in &inputs {
            for path in ["/api/cases", "/api/cases/UT-FUZZ-1/events"] {
                let s = http
                    .post(format!("{}{path}", server.base))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16();
                assert!(s < 500, "{}: {name} to {path} answered {s}", db.label);
                *by_status.entry(s).or_default() += 1;
            }
        }
        println!(
            "fuzz corpus on {}: {} inputs × 2 endpoints, statuses {by_status:?}",
            db.label,
            inputs.len()
        );
        drop(server);
        let store = db.store().await.unwrap();
        // Events the corpus wrote may share a reason: checked as after a bulk load.
        check_whole_after(&store, 1).await;
        store.close().await;
        db.cleanup().await;
    }
}
