#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Crash safety: `opcentrum serve` is SIGKILLed at random moments while
//! concurrent writers append over HTTP, 20 times, on SQLite and PostgreSQL.
//! After each kill: every acknowledged event is in the log, nothing half
//! written is visible (every event has its projection and its audit record,
//! the log is gapless), projections equal the replay, the audit chain verifies.

mod common;

use common::{Server, check_whole, client, fitness, registration, user_with_token};
use opcentrum_store::testing::backends;
use rand::{Rng, SeedableRng};
use std::{
    collections::BTreeSet,
    sync::{Arc, Mutex},
    time::Duration,
};

const KILLS: usize = 20;
const CASES: usize = 8;
const WRITERS: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill() {
    for db in backends("acknowledged_writes_survive_sigkill").await {
        let url = db.url.clone();
        // Migrate and create the writer before the first start.
        let store = db.store().await.unwrap();
        store.close().await;
        let token = user_with_token(&url, "crash.writer", "migrationsverket", "case_officer");
        let http = client();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let acked: Arc<Mutex<BTreeSet<String>>> = Arc::default();
        let mut total_unacked = 0usize;
        for round in 0..KILLS {
            let started = std::time::Instant::now();
            let server = Server::start(&url, &[], "warn");
            let startup = started.elapsed();
            if round == 0 {
                for c in 0..CASES {
                    let r = http
                        .post(format!("{}/api/cases", server.base))
                        .bearer_auth(&token)
                        .json(&registration(&format!("UT-CRASH-{c}")))
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
                }
            }
            let acked_before = acked.lock().unwrap().len();
            let mut tasks = Vec::new();
            for w in 0..WRITERS {
                let (base, token, http, acked) = (
                    server.base.clone(),
                    token.clone(),
                    http.clone(),
                    acked.clone(),
                );
                tasks.push(tokio::spawn(async move {
                    let case = format!("UT-CRASH-{}", w % CASES);
                    let mut unacked = 0usize;
                    for i in 0.. {
                        // The current version, then a write at it (a race may make it stale).
                        let Ok(r) = http
                            .get(format!("{base}/api/cases/{case}"))
                            .bearer_auth(&token)
                            .send()
                            .await
                        else {
                            break;
                        };
                        let Ok(body) = r.json::<serde_json::Value>().await else {
                            break;
                        };
                        let version = body["version"].as_u64().expect("version");
                        let reason = format!("r{round}-w{w}-i{i}");
                        match http
                            .post(format!("{base}/api/cases/{case}/events"))
                            .bearer_auth(&token)
                            .json(&fitness(version, &reason))
                            .send()
                            .await
                        {
                            Ok(r) if r.status() == 201 => {
                                acked.lock().unwrap().insert(reason);
                            }
                            Ok(r) if r.status() == 409 => {}
                            Ok(r) => panic!("unexpected status {}", r.status()),
                            Err(_) => {
                                unacked += 1;
                                break;
                            }
                        }
                    }
                    unacked
                }));
            }
            // Kill only once this round has written something (a loaded
            // machine may take seconds for the first write), then at a
            // random moment among the writes that follow.
            let before = acked_before;
            let first = std::time::Instant::now();
            while acked.lock().unwrap().len() == before && first.elapsed() < Duration::from_secs(30)
            {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let wait = rng.random_range(200..1200);
            tokio::time::sleep(Duration::from_millis(wait)).await;
            server.kill();
            for t in tasks {
                total_unacked += t.await.unwrap();
            }
            let store = db.store().await.unwrap();
            let whole = check_whole(&store).await;
            store.close().await;
            let acked = acked.lock().unwrap().clone();
            eprintln!(
                "crash ({}) round {round}: started in {startup:?}, killed after {wait} ms; {} acknowledged so far",
                db.label,
                acked.len()
            );
            let missing: Vec<_> = acked.difference(&whole.reasons).collect();
            assert!(
                missing.is_empty(),
                "{} round {round}: acknowledged events lost: {missing:?}",
                db.label
            );
        }
        let acked = acked.lock().unwrap().len();
        assert!(acked >= KILLS, "too few writes to prove anything: {acked}");
        assert!(
            total_unacked > 0,
            "no kill cut a write off; the test proves nothing"
        );
        eprintln!(
            "crash ({}): {KILLS} SIGKILLs, {acked} acknowledged writes all present, {total_unacked} writes cut off by a kill; projections, log and audit chain whole",
            db.label
        );
        db.cleanup().await;
    }
}
