//! Passwords: argon2id with the crate's recommended parameters (OWASP: m=19 MiB,
//! t=2, p=1), stored as a PHC string. Verification is constant-time.

use argon2::{
    Argon2,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};

#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error("a password must be 12–256 characters")]
    Length,
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

pub const MIN_LEN: usize = 12;
pub const MAX_LEN: usize = 256;

pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    let n = password.chars().count();
    if !(MIN_LEN..=MAX_LEN).contains(&n) {
        return Err(PasswordError::Length);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// A hash of no one's password, with the same parameters as real ones: an
/// unknown user (or one without a password, or disabled) is checked against it,
/// so that a login takes as long whether or not the user exists.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::from_b64("b3BjZW50cnVtLWR1bW15")
            .unwrap_or_else(|_| SaltString::generate(&mut OsRng));
        Argon2::default()
            .hash_password(b"opcentrum: nobody's password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// Checks `password` against `stored`, or against a dummy hash when there is
/// none, spending the same argon2 work either way. False without a stored hash.
pub fn verify_or_dummy(password: &str, stored: Option<&str>) -> bool {
    match stored {
        Some(h) => verify_password(password, h),
        None => {
            let _ = verify_password(password, dummy_hash());
            false
        }
    }
}

/// True when `password` matches the stored PHC string; false for anything else,
/// including a malformed hash.
pub fn verify_password(password: &str, stored: &str) -> bool {
    if password.len() > MAX_LEN * 4 {
        return false;
    }
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_and_wrong_passwords() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterY", &h));
        assert!(!verify_password("correct horse battery", "not a hash"));
        assert!(matches!(hash_password("short"), Err(PasswordError::Length)));
    }

    #[test]
    fn no_user_costs_as_much_as_a_wrong_password() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify_or_dummy("correct horse battery", None));
        assert!(verify_or_dummy("correct horse battery", Some(&h)));
        // The same argon2 work either way: the dummy hash has the real
        // hashes' algorithm, version and cost parameters (m, t, p), which is
        // what the time of a verification depends on. Checked on the PHC
        // strings, not by a stopwatch that a loaded machine makes flaky.
        let params = |phc: &str| {
            let parsed = PasswordHash::new(phc).unwrap();
            (
                parsed.algorithm.to_string(),
                parsed.version,
                parsed.params.to_string(),
            )
        };
        assert_eq!(params(dummy_hash()), params(&h));
        assert!(params(&h).2.contains("m="), "{:?}", params(&h));
    }
}
