//! The sharing matrix in force, swapped when a new version is stored (here or
//! by another server on the same database).

use opcentrum_access::Policy;
use std::sync::{Arc, RwLock};

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
