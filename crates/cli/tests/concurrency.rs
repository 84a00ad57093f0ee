#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Optimistic concurrency over HTTP: many writers race on the same few cases,
//! each writing at the version it last read. Every stale write is refused with
//! 409 and changes nothing; no acknowledged write is lost; nothing else is in
//! the log; each case's state equals the replay of its events. Both backends.

mod common;

use common::{Server, check_whole, client, fitness, registration, user_with_token};
use opcentrum_domain::{Case, ids::CaseId};
use opcentrum_store::testing::backends;
use std::collections::{BTreeMap, BTreeSet};

const CASES: usize = 3;
const WRITERS: usize = 24;
const ATTEMPTS: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stale_writes_are_refused_and_none_is_lost() {
    for db in backends("stale_writes_are_refused_and_none_is_lost").await {
        let url = db.url.clone();
        db.store().await.unwrap().close().await;
        let token = user_with_token(&url, "race.writer", "migrationsverket", "case_officer");
        let server = Server::start(&url, &[], "warn");
        let http = client();
        for c in 0..CASES {
            let r = http
                .post(format!("{}/api/cases", server.base))
                .bearer_auth(&token)
                .json(&registration(&format!("UT-RACE-{c}")))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
        }
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let (base, token, http) = (server.base.clone(), token.clone(), http.clone());
            tasks.push(tokio::spawn(async move {
                let case = format!("UT-RACE-{}", w % CASES);
                let mut acked = Vec::new();
                let mut refused = 0usize;
                let mut version = 1u64;
                for i in 0..ATTEMPTS {
                    let reason = format!("w{w}-i{i}");
                    let r = http
                        .post(format!("{base}/api/cases/{case}/events"))
                        .bearer_auth(&token)
                        .json(&fitness(version, &reason))
                        .send()
                        .await
                        .unwrap();
                    match r.status().as_u16() {
                        201 => {
                            let body: serde_json::Value = r.json().await.unwrap();
                            assert_eq!(body["version"].as_u64(), Some(version + 1));
                            version += 1;
                            acked.push((case.clone(), reason));
                        }
                        409 => {
                            let body: serde_json::Value = r.json().await.unwrap();
                            assert!(
                                body.to_string().contains("version"),
                                "a 409 names the version: {body}"
                            );
                            refused += 1;
                            // Reload and try again with the next attempt.
                            let cur =
                                common::get_json(&http, format!("{base}/api/cases/{case}"), &token)
                                    .await;
                            version = cur["version"].as_u64().unwrap();
                        }
                        s => panic!("unexpected status {s}: {}", r.text().await.unwrap()),
                    }
                }
                (acked, refused)
            }));
        }
        let mut acked: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut refused = 0;
        for t in tasks {
            let (a, r) = t.await.unwrap();
            refused += r;
            for (case, reason) in a {
                acked.entry(case).or_default().insert(reason);
            }
        }
        drop(server);
        let store = db.store().await.unwrap();
        let whole = check_whole(&store).await;
        let all_acked: BTreeSet<String> = acked.values().flatten().cloned().collect();
        assert_eq!(
            whole.reasons, all_acked,
            "the log holds exactly the acknowledged writes"
        );
        for (case, reasons) in &acked {
            let id = CaseId::parse(case.clone()).unwrap();
            let history = store.history(&id).await.unwrap();
            assert_eq!(
                history.len(),
                1 + reasons.len(),
                "{case}: none lost, none extra"
            );
            let replayed = Case::replay(history.iter().map(|e| &e.event)).unwrap();
            assert_eq!(store.case(&id).await.unwrap().unwrap(), replayed);
        }
        assert!(
            refused > 0,
            "the race produced no stale write; it proves nothing"
        );
        eprintln!(
            "concurrency ({}): {WRITERS} writers on {CASES} cases: {} writes acknowledged, {refused} stale writes refused with 409, none lost",
            db.label,
            all_acked.len()
        );
        store.close().await;
        db.cleanup().await;
    }
}
