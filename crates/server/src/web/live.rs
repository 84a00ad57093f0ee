//! Live pages: the store publishes the log's head whenever any server appends
//! (PostgreSQL LISTEN/NOTIFY, SQLite polling; `Store::spawn_watch`); every open
//! page holds one server-sent-event stream and re-fetches its live part on `change`.

use crate::{auth::Caller, state::AppState};
use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::{Stream, StreamExt};
use std::{convert::Infallible, time::Duration};
use tokio_stream::wrappers::WatchStream;

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
