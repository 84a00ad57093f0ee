//! Keys that seal the audit trail. The SHA-256 chain (audit.rs) shows that no
//! record was altered, removed or reordered *unless someone recomputed every
//! hash*; anyone who can write the database can. A seal is an HMAC-SHA256 of a
//! record's position and hash under a key the database does not hold (a file
//! or an environment variable on the servers), so a rewrite with recomputed
//! hashes no longer verifies. Each record names the id of the key that sealed
//! it; a keyring holds the active key and older ones, so records sealed before
//! a rotation still verify.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The shortest secret accepted (bytes).
pub const MIN_SECRET: usize = 32;

/// One sealing key: its id (recorded with each record) and its secret.
#[derive(Clone, PartialEq, Eq)]
pub struct SealKey {
    id: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealKey({}, <secret>)", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("line {line}: expected `KEY-ID HEX-SECRET`")]
    Shape { line: usize },
    #[error("line {line}: the key id must be 1–64 of A–Z a–z 0–9 - _ .")]
    Id { line: usize },
    #[error("line {line}: the secret must be hex of at least {MIN_SECRET} bytes")]
    Secret { line: usize },
    #[error("line {line}: key id {id} appears twice")]
    Duplicate { line: usize, id: String },
    #[error("no key: the keyring is empty")]
    Empty,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl SealKey {
    pub fn new(id: &str, secret: Vec<u8>) -> Result<SealKey, KeyError> {
        if !valid_id(id) {
            return Err(KeyError::Id { line: 1 });
        }
        if secret.len() < MIN_SECRET {
            return Err(KeyError::Secret { line: 1 });
        }
        Ok(SealKey {
            id: id.to_owned(),
            secret,
        })
    }

    /// A fresh random key (32 bytes) under `id`.
    pub fn generate(id: &str) -> Result<SealKey, KeyError> {
        use rand::RngCore;
        let mut secret = vec![0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        SealKey::new(id, secret)
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The key as one keyring line, `ID HEX`.
    pub fn to_line(&self) -> String {
        format!("{} {}", self.id, hex::encode(&self.secret))
    }

    fn mac(&self, domain: &[u8], parts: &[&[u8]]) -> HmacSha256 {
        // new_from_slice accepts any key length for HMAC; it cannot fail.
        let mut m = match HmacSha256::new_from_slice(&self.secret) {
            Ok(m) => m,
            Err(_) => unreachable_hmac(),
        };
        m.update(domain);
        for p in parts {
            m.update(&(p.len() as u64).to_be_bytes());
            m.update(p);
        }
        m
    }

    /// The hex HMAC-SHA256 of `parts` under this key, in a domain of its own.
    pub fn sign(&self, domain: &[u8], parts: &[&[u8]]) -> String {
        hex::encode(self.mac(domain, parts).finalize().into_bytes())
    }

    /// Checks a hex MAC in constant time.
    pub fn check(&self, domain: &[u8], parts: &[&[u8]], mac_hex: &str) -> bool {
        let Ok(bytes) = hex::decode(mac_hex) else {
            return false;
        };
        self.mac(domain, parts).verify_slice(&bytes).is_ok()
    }
}

#[cold]
fn unreachable_hmac() -> ! {
    // HMAC takes keys of any length (RFC 2104); the crate never refuses one.
    panic!("HMAC refused a key")
}

/// The keys a verifier knows: every key ever used, the active one last.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keyring {
    keys: Vec<SealKey>,
}

impl Keyring {
    pub fn new(keys: Vec<SealKey>) -> Keyring {
        Keyring { keys }
    }

    /// Parses a keyring: one `ID HEX` per line, `#` comments and blank lines
    /// ignored; the last key is the active one.
    pub fn parse(text: &str) -> Result<Keyring, KeyError> {
        let mut keys: Vec<SealKey> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let l = raw.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let mut parts = l.split_whitespace();
            let (Some(id), Some(secret), None) = (parts.next(), parts.next(), parts.next()) else {
                return Err(KeyError::Shape { line });
            };
            if !valid_id(id) {
                return Err(KeyError::Id { line });
            }
            let secret = hex::decode(secret).map_err(|_| KeyError::Secret { line })?;
            if secret.len() < MIN_SECRET {
                return Err(KeyError::Secret { line });
            }
            if keys.iter().any(|k| k.id == id) {
                return Err(KeyError::Duplicate {
                    line,
                    id: id.to_owned(),
                });
            }
            keys.push(SealKey {
                id: id.to_owned(),
                secret,
            });
        }
        Ok(Keyring { keys })
    }

    /// Parses the inline form of an environment variable: `ID:HEX[,ID:HEX…]`.
    pub fn parse_inline(text: &str) -> Result<Keyring, KeyError> {
        let lines: Vec<String> = text
            .split(',')
            .map(|kv| kv.trim().replacen(':', " ", 1))
            .collect();
        Keyring::parse(&lines.join("\n"))
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key new records are sealed with.
    pub fn active(&self) -> Option<&SealKey> {
        self.keys.last()
    }

    pub fn get(&self, id: &str) -> Option<&SealKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.keys.iter().map(|k| k.id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "k1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    #[test]
    fn keyrings_parse_and_name_the_bad_line() {
        let k = Keyring::parse(&format!("# audit keys\n{A}\n\nk2 {}\n", "ab".repeat(32))).unwrap();
        assert_eq!(k.ids(), vec!["k1", "k2"]);
        assert_eq!(k.active().unwrap().id(), "k2");
        assert_eq!(
            Keyring::parse("k1 abcd").unwrap_err(),
            KeyError::Secret { line: 1 }
        );
        assert_eq!(
            Keyring::parse(&format!("{A}\n{A}")).unwrap_err(),
            KeyError::Duplicate {
                line: 2,
                id: "k1".into()
            }
        );
        assert_eq!(
            Keyring::parse("k/1 00").unwrap_err(),
            KeyError::Id { line: 1 }
        );
        assert_eq!(
            Keyring::parse("k1").unwrap_err(),
            KeyError::Shape { line: 1 }
        );
        let inline =
            Keyring::parse_inline(&format!("k0:{},{}", "cd".repeat(32), A.replace(' ', ":")))
                .unwrap();
        assert_eq!(inline.ids(), vec!["k0", "k1"]);
    }

    #[test]
    fn macs_depend_on_key_domain_and_every_part() {
        let k = Keyring::parse(A).unwrap();
        let key = k.active().unwrap();
        let m = key.sign(b"d", &[b"ab", b"c"]);
        assert!(key.check(b"d", &[b"ab", b"c"], &m));
        assert!(!key.check(b"d", &[b"a", b"bc"], &m), "parts are separated");
        assert!(
            !key.check(b"e", &[b"ab", b"c"], &m),
            "domains are separated"
        );
        let other = SealKey::generate("k1").unwrap();
        assert!(!other.check(b"d", &[b"ab", b"c"], &m));
        assert!(!key.check(b"d", &[b"ab", b"c"], "zz"));
        assert_eq!(format!("{key:?}"), "SealKey(k1, <secret>)");
        assert_eq!(Keyring::parse(&key.to_line()).unwrap().active(), Some(key));
    }
}
