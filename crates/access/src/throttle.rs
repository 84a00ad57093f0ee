//! Login throttling: after repeated failures for one user name, further attempts
//! are refused for a while, right password or not.

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Failures counted within this window…
    pub window: SignedDuration,
    /// …up to this many are allowed…
    pub max_failures: usize,
    /// …then attempts are refused this long after the last failure.
    pub lockout: SignedDuration,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window: SignedDuration::from_mins(15),
            max_failures: 5,
            lockout: SignedDuration::from_mins(15),
        }
    }
}

impl Throttle {
    /// `None` when an attempt is allowed now; otherwise when it will be.
    /// `failures` are the user's failed attempts, oldest first.
    pub fn locked_until(&self, failures: &[Timestamp], now: Timestamp) -> Option<Timestamp> {
        let recent: Vec<&Timestamp> = failures
            .iter()
            .filter(|f| now.duration_since(**f) < self.window)
            .collect();
        if recent.len() < self.max_failures {
            return None;
        }
        let last = **recent.last()?;
        let until = last.checked_add(self.lockout).ok()?;
        (now < until).then_some(until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    #[test]
    fn four_five_six_failures_and_expiry() {
        let th = Throttle::default();
        let fails: Vec<Timestamp> = (0..6).map(|i| t(i * 10)).collect();
        assert_eq!(
            th.locked_until(&fails[..4], t(45)),
            None,
            "4 failures: still allowed"
        );
        assert_eq!(
            th.locked_until(&fails[..5], t(45)),
            Some(t(40 + 900)),
            "5 failures: locked"
        );
        assert_eq!(th.locked_until(&fails[..6], t(55)), Some(t(50 + 900)));
        assert_eq!(
            th.locked_until(&fails[..5], t(40 + 900)),
            None,
            "the lock ends"
        );
        assert_eq!(
            th.locked_until(&fails[..5], t(2000)),
            None,
            "old failures fall out of the window"
        );
    }
}
