//! What every handler shares: the store, the clock, the compiled sharing matrix,
//! the session and login policies.

use jiff::Timestamp;
use opcentrum_access::{Policy, session::SessionPolicy, throttle::Throttle};
use opcentrum_store::Store;
use std::sync::{Arc, RwLock};

/// The time source. The system clock in production; tests may fix or move it.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Timestamp + Send + Sync>);

impl Clock {
    pub fn system() -> Clock {
        Clock(Arc::new(Timestamp::now))
    }
    pub fn fixed(at: Timestamp) -> Clock {
        Clock(Arc::new(move || at))
    }
    pub fn from_fn(f: impl Fn() -> Timestamp + Send + Sync + 'static) -> Clock {
        Clock(Arc::new(f))
    }
    pub fn now(&self) -> Timestamp {
        (self.0)()
    }
    pub fn today(&self) -> jiff::civil::Date {
        opcentrum_domain::time::local_date(self.now())
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.now())
    }
}

/// The sharing matrix in force, swapped when a legal officer stores a new version.
#[derive(Clone)]
pub struct PolicyCell(Arc<RwLock<Arc<Policy>>>);

impl PolicyCell {
    pub fn new(p: Policy) -> Self {
        PolicyCell(Arc::new(RwLock::new(Arc::new(p))))
    }
    pub fn get(&self) -> Arc<Policy> {
        match self.0.read() {
            Ok(g) => g.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
    pub fn set(&self, p: Policy) {
        match self.0.write() {
            Ok(mut g) => *g = Arc::new(p),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(p),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
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
    pub live: crate::web::live::Live,
}
