//! Watching the log for new events, for live pages. PostgreSQL: LISTEN on the
//! channel every append NOTIFYs in its transaction (so several servers on one
//! database see each other's writes). SQLite: one file, polled for its head.

use crate::connect::{Backend, Store};
use std::time::Duration;
use tokio::{sync::watch, task::JoinHandle};

/// How often SQLite's head is read.
const POLL: Duration = Duration::from_millis(250);

impl Store {
    /// Publishes the log's head position whenever it moves. Runs until the
    /// receivers are gone; reconnects after database errors.
    pub fn spawn_watch(&self, tx: watch::Sender<u64>) -> JoinHandle<()> {
        let store = self.clone();
        tokio::spawn(async move {
            if let Ok(head) = store.head_seq().await {
                tx.send_if_modified(|v| raise(v, head));
            }
            match store.backend {
                Backend::Sqlite => poll(store, tx).await,
                Backend::Postgres => listen(store, tx).await,
            }
        })
    }
}

fn raise(current: &mut u64, seen: u64) -> bool {
    if seen > *current {
        *current = seen;
        true
    } else {
        false
    }
}

async fn poll(store: Store, tx: watch::Sender<u64>) {
    loop {
        tokio::time::sleep(POLL).await;
        if tx.is_closed() {
            return;
        }
        match store.head_seq().await {
            Ok(head) => {
                tx.send_if_modified(|v| raise(v, head));
            }
            Err(e) => tracing::warn!(error = %e, "cannot read the log's head"),
        }
    }
}

async fn listen(store: Store, tx: watch::Sender<u64>) {
    loop {
        if tx.is_closed() {
            return;
        }
        match sqlx::postgres::PgListener::connect(store.url()).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen("opcentrum_events").await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    // Anything committed while we were not listening.
                    if let Ok(head) = store.head_seq().await {
                        tx.send_if_modified(|v| raise(v, head));
                    }
                    loop {
                        match listener.recv().await {
                            Ok(n) => {
                                if let Ok(seq) = n.payload().parse::<u64>() {
                                    tx.send_if_modified(|v| raise(v, seq));
                                }
                                if tx.is_closed() {
                                    return;
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "notification stream broke; reconnecting");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect to LISTEN; retrying"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
