//! Browser sessions and API tokens: random secrets given to the client once,
//! stored as SHA-256 hashes; session expiry (idle and absolute); CSRF tokens.

use jiff::{SignedDuration, Timestamp};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 32 random bytes, URL-safe base64, with a prefix that says what it is.
pub fn new_secret(prefix: &str) -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!(
        "{prefix}_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// How a secret is stored: a leaked table gives no usable session or token.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two secrets in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Ends a session not used for this long.
    pub idle: SignedDuration,
    /// Ends every session this long after login.
    pub absolute: SignedDuration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: SignedDuration::from_mins(30),
            absolute: SignedDuration::from_hours(12),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Expired {
    #[error("the session was idle too long")]
    Idle,
    #[error("the session reached its maximum age")]
    Absolute,
}

impl SessionPolicy {
    pub fn check(
        &self,
        created_at: Timestamp,
        last_seen: Timestamp,
        now: Timestamp,
    ) -> Result<(), Expired> {
        if now.duration_since(created_at) >= self.absolute {
            return Err(Expired::Absolute);
        }
        if now.duration_since(last_seen) >= self.idle {
            return Err(Expired::Idle);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + s).unwrap()
    }

    #[test]
    fn idle_and_absolute_expiry_edges() {
        let p = SessionPolicy::default();
        assert_eq!(p.check(t(0), t(0), t(30 * 60 - 1)), Ok(()));
        assert_eq!(p.check(t(0), t(0), t(30 * 60)), Err(Expired::Idle));
        assert_eq!(p.check(t(0), t(12 * 3600 - 60), t(12 * 3600 - 1)), Ok(()));
        assert_eq!(
            p.check(t(0), t(12 * 3600 - 60), t(12 * 3600)),
            Err(Expired::Absolute)
        );
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = new_secret("opc");
        let b = new_secret("opc");
        assert_ne!(a, b);
        assert!(a.starts_with("opc_") && a.len() > 40);
        assert_eq!(secret_hash(&a).len(), 64);
        assert!(same_secret(&a, &a.clone()));
        assert!(!same_secret(&a, &b));
    }
}
