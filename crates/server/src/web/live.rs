//! Live pages: the store publishes the log's head whenever any server appends
//! (PostgreSQL LISTEN/NOTIFY, SQLite polling; `Store::spawn_watch`); every open
//! page holds one server-sent-event stream and re-fetches its live part on `change`.

use crate::{auth::Caller, state::AppState};
use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use opcentrum_store::Store;
use std::{convert::Infallible, time::Duration};
use tokio::sync::watch;
use tokio_stream::wrappers::WatchStream;

/// The log's head as last seen; cheap to clone into every handler.
#[derive(Clone, Debug)]
pub struct Live {
    head: watch::Receiver<u64>,
}

impl Live {
    /// Starts watching the store (one watcher per server process).
    pub fn start(store: &Store) -> Live {
        let (tx, head) = watch::channel(0);
        store.spawn_watch(tx);
        Live { head }
    }

    pub fn head(&self) -> u64 {
        *self.head.borrow()
    }

    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.head.clone()
    }
}

/// `GET /live`: an event `change` (data: the log's head) after every append.
pub async fn events(
    State(state): State<AppState>,
    _caller: Caller,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = state.live.subscribe();
    rx.mark_unchanged();
    let stream = WatchStream::from_changes(rx)
        .map(|seq| Ok(Event::default().event("change").data(seq.to_string())));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
