//! What every handler shares: the application layer (the one gate to the
//! cases), and the HTTP edge's own concerns — sessions, login throttling,
//! cookies, the live feed. The store is here only for the edge's identity
//! records (users, tokens, sessions) and administration.

use opcentrum_access::{session::SessionPolicy, throttle::Throttle};
use opcentrum_app::App;
pub use opcentrum_app::{Clock, PolicyCell};
use opcentrum_store::Store;

#[derive(Clone)]
pub struct AppState {
    /// Every read and action on case data goes through here.
    pub app: App,
    /// Identity (users, tokens, sessions, login failures) and administration.
    pub store: Store,
    pub clock: Clock,
    pub policy: PolicyCell,
    pub sessions: SessionPolicy,
    /// Login throttling per user name…
    pub throttle: Throttle,
    /// …and per client address.
    pub address_throttle: Throttle,
    /// The header a trusted proxy puts the client's address in (e.g.
    /// `x-real-ip`); without one, the peer address of the connection.
    pub client_address_header: Option<axum::http::HeaderName>,
    /// Mark session cookies `Secure` (when served behind TLS).
    pub secure_cookies: bool,
    /// The log's head, published whenever any server appends (live pages).
    pub live: crate::live::Live,
}
