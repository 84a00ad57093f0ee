//! Login throttling: every attempt counts itself *before* the password is
//! checked (the store does the check and the count in one locked step per key),
//! so parallel attempts cannot all slip under the limit. Past the limit within
//! the window, attempts are refused for a while, right password or not. A
//! success resets the user name's counter and refunds the address's.

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Attempts counted within this window…
    pub window: SignedDuration,
    /// …up to this many are checked…
    pub max_failures: u64,
    /// …then attempts are refused this long.
    pub lockout: SignedDuration,
}

impl Default for Throttle {
    /// Per user name: five failures in 15 minutes lock it for 15 minutes.
    fn default() -> Self {
        Throttle {
            window: SignedDuration::from_mins(15),
            max_failures: 5,
            lockout: SignedDuration::from_mins(15),
        }
    }
}

impl Throttle {
    /// Per client address: more room (an office behind one address), the same
    /// window and lockout.
    pub fn per_address() -> Throttle {
        Throttle {
            max_failures: 50,
            ..Throttle::default()
        }
    }
}

/// A key's stored counter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub attempts: u64,
    pub window_start: Timestamp,
    pub locked_until: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The attempt is counted; check the password.
    Allowed,
    /// Refused without checking, until then.
    Locked(Timestamp),
}

impl Throttle {
    /// One attempt at `now` against a key's counter (`None`: none yet): the
    /// counter to store and whether the attempt may go on.
    pub fn attempt(&self, counter: Option<Counter>, now: Timestamp) -> (Counter, Verdict) {
        if let Some(c) = counter
            && let Some(until) = c.locked_until
            && now < until
        {
            return (c, Verdict::Locked(until));
        }
        let fresh = Counter {
            attempts: 0,
            window_start: now,
            locked_until: None,
        };
        let mut c = match counter {
            Some(c)
                if c.locked_until.is_none() && now.duration_since(c.window_start) < self.window =>
            {
                c
            }
            _ => fresh,
        };
        c.attempts += 1;
        if c.attempts > self.max_failures {
            let until = now.checked_add(self.lockout).unwrap_or(now);
            c.locked_until = Some(until);
            return (c, Verdict::Locked(until));
        }
        (c, Verdict::Allowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    fn run(th: &Throttle, times: &[i64]) -> (Option<Counter>, Vec<Verdict>) {
        let mut c = None;
        let mut out = vec![];
        for s in times {
            let (n, v) = th.attempt(c, t(*s));
            c = Some(n);
            out.push(v);
        }
        (c, out)
    }

    #[test]
    fn five_attempts_then_locked_then_the_lock_ends() {
        let th = Throttle::default();
        let (c, v) = run(&th, &[0, 10, 20, 30, 40, 50, 60]);
        assert_eq!(&v[..5], &[Verdict::Allowed; 5]);
        assert_eq!(v[5], Verdict::Locked(t(50 + 900)), "the sixth is refused");
        assert_eq!(
            v[6],
            Verdict::Locked(t(50 + 900)),
            "and does not extend the lock"
        );
        let (c, v) = th.attempt(c, t(950));
        assert_eq!((v, c.attempts), (Verdict::Allowed, 1), "the lock ends");
        // Old attempts fall out of the window.
        let (c, _) = run(&th, &[0, 1, 2, 3]);
        let (c, v) = th.attempt(c, t(900));
        assert_eq!((v, c.attempts), (Verdict::Allowed, 1));
    }

    #[test]
    fn the_address_has_more_room() {
        let th = Throttle::per_address();
        let times: Vec<i64> = (0..51).collect();
        let (_, v) = run(&th, &times);
        assert!(v[..50].iter().all(|v| *v == Verdict::Allowed));
        assert_eq!(v[50], Verdict::Locked(t(50 + 900)));
    }
}
