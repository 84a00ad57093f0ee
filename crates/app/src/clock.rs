//! The time source. The system clock in production; tests fix or move it.

use jiff::Timestamp;
use std::sync::Arc;

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
