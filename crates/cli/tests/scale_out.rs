#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Scale-out: two `opcentrum serve` processes on one PostgreSQL behave as one
//! service. A session made on one is valid on the other; an event written via
//! one is read via the other and announced to a listener (LISTEN/NOTIFY);
//! concurrent writers on both produce one audit chain, never a fork, and every
//! stale write is refused whichever server it reaches. Skipped without DATABASE_URL.

mod common;

use common::{Server, check_whole, client, fitness, registration, user_with_token};
use opcentrum_store::testing::TestDb;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgresql_are_one_service() {
    let Ok(Some(db)) = TestDb::postgres().await else {
        eprintln!(
            "two_servers_on_one_postgresql_are_one_service: PostgreSQL skipped (DATABASE_URL not set)"
        );
        return;
    };
    let url = db.url.clone();
    db.store().await.unwrap().close().await;
    let token = user_with_token(&url, "scale.writer", "migrationsverket", "case_officer");
    // A password for the browser login (read from standard input).
    {
        use std::io::Write;
        let mut child = common::bin()
            .args(["user", "password", "scale.writer", "--database-url", &url])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"scale out password 123\n")
            .unwrap();
        assert!(child.wait().unwrap().success());
    }
    let a = Server::start(&url, &[], "warn");
    let b = Server::start(&url, &[], "warn");
    let http = client();

    // A session made on A is valid on B.
    let r = http
        .post(format!("{}/api/login", a.base))
        .json(&serde_json::json!({"user": "scale.writer", "password": "scale out password 123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("opc_session="))
        .expect("session cookie");
    let r = http
        .get(format!("{}/api/me", b.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the session is valid on the other server");

    // A listener on the database hears a write made via A; B reads it.
    let watcher = db.store().await.unwrap();
    let (tx, mut rx) = tokio::sync::watch::channel(0u64);
    let _watch = watcher.spawn_watch(tx);
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (i, server) in [&a, &b].iter().enumerate() {
        let r = http
            .post(format!("{}/api/cases", server.base))
            .bearer_auth(&token)
            .json(&registration(&format!("UT-SCALE-{i}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    let r = http
        .post(format!("{}/api/cases/UT-SCALE-0/events", a.base))
        .bearer_auth(&token)
        .json(&fitness(1, "via-a"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let seq = r.json::<serde_json::Value>().await.unwrap()["seq"]
        .as_u64()
        .unwrap();
    tokio::time::timeout(Duration::from_secs(10), rx.wait_for(|h| *h >= seq))
        .await
        .expect("the NOTIFY arrives")
        .unwrap();
    let seen: serde_json::Value = http
        .get(format!("{}/api/cases/UT-SCALE-0", b.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["version"], 2, "B reads what A wrote");

    // Writers on both servers race on both cases.
    let mut tasks = Vec::new();
    for w in 0..16 {
        let base = if w % 2 == 0 {
            a.base.clone()
        } else {
            b.base.clone()
        };
        let (token, http) = (token.clone(), http.clone());
        tasks.push(tokio::spawn(async move {
            let case = format!("UT-SCALE-{}", w % 2);
            let (mut ok, mut stale) = (0, 0);
            for i in 0..8 {
                let cur: serde_json::Value = http
                    .get(format!("{base}/api/cases/{case}"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let v = cur["version"].as_u64().unwrap();
                let r = http
                    .post(format!("{base}/api/cases/{case}/events"))
                    .bearer_auth(&token)
                    .json(&fitness(v, &format!("w{w}-i{i}")))
                    .send()
                    .await
                    .unwrap();
                match r.status().as_u16() {
                    201 => ok += 1,
                    409 => stale += 1,
                    s => panic!("unexpected {s}"),
                }
            }
            (ok, stale)
        }));
    }
    let (mut ok, mut stale) = (0, 0);
    for t in tasks {
        let (o, s) = t.await.unwrap();
        ok += o;
        stale += s;
    }
    drop(a);
    drop(b);
    let whole = check_whole(&watcher).await;
    // One chain: it verified end to end in check_whole; its records are numbered
    // 1..n with no two records claiming one place.
    let trail = watcher.audit_trail().await.unwrap();
    let seqs: std::collections::BTreeSet<u64> = trail.iter().map(|r| r.seq).collect();
    assert_eq!(seqs.len(), trail.len());
    assert_eq!(
        whole.reasons.len(),
        ok + 1,
        "every acknowledged write, once"
    );
    eprintln!(
        "scale-out: 2 servers, {ok} writes acknowledged, {stale} stale writes refused, {} audit records in one chain",
        trail.len()
    );
    watcher.close().await;
    db.cleanup().await;
}
