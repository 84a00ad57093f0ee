//! opcentrum's application layer: the one gate.
//!
//! Every read and every action of the API, the pages, the command line and
//! the background tasks passes here. For each, the gate
//! 1. checks **who** may take it — a row of the action catalogue
//!    (`opcentrum_access::catalogue`), before anything that depends on the
//!    case's data, so a refused caller learns nothing of the case;
//! 2. checks **what the law allows** — `domain::decide`, inside the store's
//!    transaction — and redacts a refusal's reason to what the caller may read;
//! 3. writes the **audit record** in the same call (reads, writes, refusals);
//! 4. returns **only what the reader may see**: filtered types
//!    (`FilteredCase`, `FilteredEvent`, the views of this crate), never a
//!    `domain::Case`. No function of this crate hands an unfiltered case to
//!    an adapter; the adapters (`server`, `cli`) do not read case data from
//!    the store themselves.
//!
//! Models: kanidm's `server/lib` (access control inside the core, returning
//! reduced entries) and rust-analyzer's `ide` boundary (the layer's own types).

mod audit;
mod caller;
mod clock;
mod error;
mod gate;
mod policy_cell;
mod text;

pub mod admin;
pub mod cases;
pub mod crew;
pub mod detention;
pub mod export;
pub mod inbox;
pub mod manifest;
pub mod pending;
pub mod picture;
pub mod planning;
pub mod reporting;
pub mod tasks;
pub mod trips;

pub use caller::{Caller, Who};
pub use clock::Clock;
pub use error::{AppError, AppResult, Said};
pub use policy_cell::PolicyCell;

// Store types that carry no case data: filters, pages, counts, occupancy.
pub use opcentrum_store::{
    CaseFilter, FacilityOccupancy, IdentitySearch, MAX_PAGE, PageRequest, SortColumn, StageCount,
    WaitingHandover,
};

use opcentrum_access::{Catalogue, Policy, matrix::default_matrix};
use opcentrum_domain::RuleTable;
use opcentrum_store::Store;
use std::sync::Arc;

/// The application: the store behind the gate, the clock, the sharing matrix
/// in force and the action catalogue. Cheap to clone.
#[derive(Clone)]
pub struct App {
    pub(crate) store: Store,
    pub(crate) clock: Clock,
    pub(crate) policy: PolicyCell,
    pub(crate) catalogue: &'static Catalogue,
}

impl App {
    /// Opens the application over a store: the newest stored sharing matrix
    /// (on a new database the default, stored as version 1).
    pub async fn open(store: Store, clock: Clock) -> AppResult<App> {
        let policy = PolicyCell::new(load_policy(&store, &clock).await?);
        Ok(App {
            store,
            clock,
            policy,
            catalogue: Catalogue::builtin(),
        })
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The sharing matrix in force (what a reader may see is decided per read).
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.get()
    }

    pub fn policy_cell(&self) -> &PolicyCell {
        &self.policy
    }

    pub fn catalogue(&self) -> &'static Catalogue {
        self.catalogue
    }

    /// The legal rule table in force.
    pub fn rules(&self) -> &RuleTable {
        self.store.rules()
    }

    /// Re-reads the stored matrix if another server stored a newer version.
    pub async fn refresh_policy(&self) -> AppResult<()> {
        if let Some(m) = self.store.current_matrix().await?
            && m.version != self.policy.get().matrix.version
        {
            match Policy::compile(m) {
                Ok(p) => self.policy.set(p),
                Err(e) => tracing::error!(error = %e, "stored matrix does not compile"),
            }
        }
        Ok(())
    }
}

async fn load_policy(store: &Store, clock: &Clock) -> AppResult<Policy> {
    let matrix = match store.current_matrix().await? {
        Some(m) => m,
        None => {
            let d = default_matrix(clock.now());
            store
                .put_matrix(d.rows, "system", &d.comment, clock.now(), None)
                .await?
        }
    };
    Policy::compile(matrix).map_err(AppError::internal)
}
