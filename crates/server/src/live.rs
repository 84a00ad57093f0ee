//! The log's head, published whenever any server appends (PostgreSQL
//! LISTEN/NOTIFY, SQLite polling; `Store::spawn_watch`): one watcher per
//! process, cloned into every handler; `web::live` streams it to the pages.

use opcentrum_store::Store;
use tokio::sync::watch;

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
