//! The audit trail: an append-only, hash-chained log. Each record's hash covers
//! its own canonical encoding and the previous record's hash, so altering,
//! removing, inserting or reordering a record breaks the chain at that record.
//! Records hold ids and categories, never names or other personal data.

use crate::{
    category::FieldCategory,
    seal::{Keyring, SealKey},
};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The previous hash of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Read,
    Write,
    Export,
    Login,
    LoginFailed,
    Logout,
    MatrixChange,
    UserChange,
    /// A read or an action the gate refused (the catalogue row and reason in
    /// the purpose).
    Refused,
    /// Cases loaded by `opcentrum import`: one record per case.
    Import,
    /// A read of the audit trail itself (`GET /api/audit`, `opcentrum audit show`).
    AuditRead,
    /// An administrative change proposed, waiting for a second legal officer.
    ChangeProposed,
    /// A proposed change approved (and applied) or rejected by a second legal officer.
    ChangeDecided,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::Read => "read",
            AuditAction::Write => "write",
            AuditAction::Export => "export",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Logout => "logout",
            AuditAction::MatrixChange => "matrix_change",
            AuditAction::UserChange => "user_change",
            AuditAction::Refused => "refused",
            AuditAction::Import => "import",
            AuditAction::AuditRead => "audit_read",
            AuditAction::ChangeProposed => "change_proposed",
            AuditAction::ChangeDecided => "change_decided",
        }
    }
    pub fn parse(s: &str) -> Option<AuditAction> {
        [
            AuditAction::Read,
            AuditAction::Write,
            AuditAction::Export,
            AuditAction::Login,
            AuditAction::LoginFailed,
            AuditAction::Logout,
            AuditAction::MatrixChange,
            AuditAction::UserChange,
            AuditAction::Refused,
            AuditAction::Import,
            AuditAction::AuditRead,
            AuditAction::ChangeProposed,
            AuditAction::ChangeDecided,
        ]
        .into_iter()
        .find(|a| a.code() == s)
    }
}

/// A record before it is sealed into the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: Timestamp,
    pub request_id: String,
    pub user: String,
    pub agency: String,
    pub role: String,
    pub action: AuditAction,
    pub case: Option<String>,
    pub categories: Vec<FieldCategory>,
    pub legal_basis: Vec<String>,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRecord {
    pub seq: u64,
    #[serde(flatten)]
    pub entry: AuditEntry,
    pub prev_hash: String,
    pub hash: String,
    /// The id of the key that sealed the record; empty for a record written
    /// without a key (before keys were configured).
    #[serde(default)]
    pub key_id: String,
    /// HMAC-SHA256 of the record's position and hash under that key (seal.rs).
    #[serde(default)]
    pub seal: String,
}

fn put(buf: &mut Vec<u8>, field: &str) {
    buf.extend_from_slice(&(field.len() as u64).to_be_bytes());
    buf.extend_from_slice(field.as_bytes());
}

/// The canonical encoding: every field length-prefixed, in a fixed order,
/// independent of any serialiser's field order.
pub fn canonical(seq: u64, e: &AuditEntry) -> Vec<u8> {
    let mut buf = Vec::with_capacity(256);
    buf.extend_from_slice(b"opcentrum-audit/1");
    buf.extend_from_slice(&seq.to_be_bytes());
    buf.extend_from_slice(&e.at.as_nanosecond().to_be_bytes());
    put(&mut buf, &e.request_id);
    put(&mut buf, &e.user);
    put(&mut buf, &e.agency);
    put(&mut buf, &e.role);
    put(&mut buf, e.action.code());
    put(&mut buf, e.case.as_deref().unwrap_or(""));
    buf.push(u8::from(e.case.is_some()));
    buf.extend_from_slice(&(e.categories.len() as u64).to_be_bytes());
    for c in &e.categories {
        put(&mut buf, c.code());
    }
    buf.extend_from_slice(&(e.legal_basis.len() as u64).to_be_bytes());
    for b in &e.legal_basis {
        put(&mut buf, b);
    }
    put(&mut buf, &e.purpose);
    buf
}

pub fn hash(prev_hash: &str, seq: u64, e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical(seq, e));
    hex::encode(h.finalize())
}

/// Seals an entry after `prev` (the chain's head), or as the first record,
/// without a key (tests and stores without one; `seal_with` in production).
pub fn seal(entry: AuditEntry, prev: Option<(u64, &str)>) -> AuditRecord {
    seal_with(entry, prev, None)
}

const SEAL_DOMAIN: &[u8] = b"opcentrum-audit-seal/1";

/// The keyed seal of a record at `seq` with chain hash `hash`.
pub fn record_seal(key: &SealKey, seq: u64, hash: &str) -> String {
    key.sign(
        SEAL_DOMAIN,
        &[key.id().as_bytes(), &seq.to_be_bytes(), hash.as_bytes()],
    )
}

/// Seals an entry into the chain and, with a key, under the key.
pub fn seal_with(
    entry: AuditEntry,
    prev: Option<(u64, &str)>,
    key: Option<&SealKey>,
) -> AuditRecord {
    let (seq, prev_hash) = match prev {
        Some((s, h)) => (s + 1, h.to_owned()),
        None => (1, GENESIS.to_owned()),
    };
    let hash = hash(&prev_hash, seq, &entry);
    let (key_id, seal) = match key {
        Some(k) => (k.id().to_owned(), record_seal(k, seq, &hash)),
        None => (String::new(), String::new()),
    };
    AuditRecord {
        seq,
        entry,
        prev_hash,
        hash,
        key_id,
        seal,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// The record's content does not match its hash.
    Altered,
    /// A record is missing before this one.
    Removed,
    /// A record appears out of order.
    Reordered,
    /// A record was put in that the chain does not link.
    Inserted,
    /// A record without a seal after sealed ones.
    Unsealed,
    /// A seal that does not match: rewritten by someone without the key.
    Forged,
    /// A seal under a key id the keyring lacks.
    UnknownKey,
    /// The store ends before a record a checkpoint saw: the head was rolled back.
    RolledBack,
    /// A record differs from the one a checkpoint saw.
    Diverged,
    /// A checkpoint whose own signature does not verify.
    CheckpointForged,
}

/// The first record where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("audit chain broken at record {seq}: {kind:?}: {detail}")]
pub struct ChainBreak {
    pub seq: u64,
    pub kind: BreakKind,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifySummary {
    pub records: u64,
    pub head_hash: String,
}

/// Walks records in stored order and names the first that breaks the chain.
pub fn verify(records: &[AuditRecord]) -> Result<VerifySummary, ChainBreak> {
    let mut expected_seq = 1u64;
    let mut prev_hash = GENESIS;
    for (i, r) in records.iter().enumerate() {
        if r.seq != expected_seq {
            if records[i + 1..]
                .iter()
                .any(|later| later.seq == expected_seq)
                || r.seq < expected_seq
            {
                let seq = expected_seq.min(r.seq);
                return Err(ChainBreak {
                    seq,
                    kind: BreakKind::Reordered,
                    detail: format!(
                        "record {seq} is out of its place (found record {} where {expected_seq} belongs)",
                        r.seq
                    ),
                });
            }
            if r.prev_hash == prev_hash {
                return Err(ChainBreak {
                    seq: r.seq,
                    kind: BreakKind::Inserted,
                    detail: format!(
                        "numbered {} but links to record {}",
                        r.seq,
                        expected_seq - 1
                    ),
                });
            }
            return Err(ChainBreak {
                seq: expected_seq,
                kind: BreakKind::Removed,
                detail: format!("records {expected_seq}–{} are missing", r.seq - 1),
            });
        }
        if hash(&r.prev_hash, r.seq, &r.entry) != r.hash {
            // A record sealed at another position and renumbered: reordered.
            let lo = r.seq.saturating_sub(64).max(1);
            if let Some(orig) =
                (lo..r.seq + 64).find(|s| *s != r.seq && hash(&r.prev_hash, *s, &r.entry) == r.hash)
            {
                return Err(ChainBreak {
                    seq: r.seq,
                    kind: BreakKind::Reordered,
                    detail: format!(
                        "the record sealed as number {orig} stands at number {}",
                        r.seq
                    ),
                });
            }
            return Err(ChainBreak {
                seq: r.seq,
                kind: BreakKind::Altered,
                detail: "the content does not match its hash".into(),
            });
        }
        if r.prev_hash != prev_hash {
            return Err(ChainBreak {
                seq: r.seq,
                kind: BreakKind::Inserted,
                detail: "its previous hash is not the hash of the record before".into(),
            });
        }
        prev_hash = &r.hash;
        expected_seq += 1;
    }
    Ok(VerifySummary {
        records: expected_seq - 1,
        head_hash: prev_hash.to_owned(),
    })
}

/// What a keyed verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealSummary {
    pub records: u64,
    pub head_hash: String,
    /// Records before the first sealed one, written before a key was configured.
    /// They are covered by the first sealed record, whose chain hash links to them.
    pub unsealed_prefix: u64,
    /// How many records each key sealed, in key order of first use.
    pub by_key: Vec<(String, u64)>,
}

/// Verifies the chain (`verify`) and every record's seal under `keys`:
/// unsealed records are accepted only before the first sealed one; a seal must
/// be under a known key and match. Names the first break of either kind.
pub fn verify_sealed(records: &[AuditRecord], keys: &Keyring) -> Result<SealSummary, ChainBreak> {
    let chain = verify(records);
    let mut seal_break = None;
    let mut unsealed_prefix = 0u64;
    let mut by_key: Vec<(String, u64)> = Vec::new();
    for r in records {
        if r.key_id.is_empty() {
            if by_key.is_empty() {
                unsealed_prefix += 1;
                continue;
            }
            seal_break = Some(ChainBreak {
                seq: r.seq,
                kind: BreakKind::Unsealed,
                detail: "the record has no seal, though records before it are sealed: written or rewritten without the key".into(),
            });
            break;
        }
        let Some(key) = keys.get(&r.key_id) else {
            seal_break = Some(ChainBreak {
                seq: r.seq,
                kind: BreakKind::UnknownKey,
                detail: format!(
                    "sealed under key id {:?}, which the keyring lacks (it has {})",
                    r.key_id,
                    keys.ids().join(", ")
                ),
            });
            break;
        };
        if !key.check(
            SEAL_DOMAIN,
            &[key.id().as_bytes(), &r.seq.to_be_bytes(), r.hash.as_bytes()],
            &r.seal,
        ) {
            seal_break = Some(ChainBreak {
                seq: r.seq,
                kind: BreakKind::Forged,
                detail: format!(
                    "its seal does not match under key {}: the record was rewritten by someone without the key",
                    r.key_id
                ),
            });
            break;
        }
        match by_key.iter_mut().find(|(id, _)| *id == r.key_id) {
            Some((_, n)) => *n += 1,
            None => by_key.push((r.key_id.clone(), 1)),
        }
    }
    match (chain, seal_break) {
        (Err(c), Some(s)) => Err(if s.seq < c.seq { s } else { c }),
        (Err(c), None) => Err(c),
        (Ok(_), Some(s)) => Err(s),
        (Ok(v), None) => Ok(SealSummary {
            records: v.records,
            head_hash: v.head_hash,
            unsealed_prefix,
            by_key,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: u64) -> AuditEntry {
        AuditEntry {
            at: Timestamp::from_second(1_800_000_000 + i as i64).unwrap(),
            request_id: format!("req-{i}"),
            user: "polis.gransen1".into(),
            agency: "police".into(),
            role: "case_officer".into(),
            action: AuditAction::Read,
            case: Some(format!("UT-2026-{i:06}")),
            categories: vec![FieldCategory::Identity, FieldCategory::Decision],
            legal_basis: vec!["OSL (2009:400) 10 kap. 28 §".into()],
            purpose: "case handling".into(),
        }
    }

    fn chain(n: u64) -> Vec<AuditRecord> {
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|r| (r.seq, r.hash.as_str()));
            let r = seal(entry(i), prev);
            out.push(r);
        }
        out
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(10);
        let s = verify(&c).unwrap();
        assert_eq!(s.records, 10);
        assert_eq!(s.head_hash, c[9].hash);
        assert_eq!(verify(&[]).unwrap().records, 0);
    }

    #[test]
    fn an_altered_record_is_named() {
        let mut c = chain(10);
        c[4].entry.user = "someone.else".into();
        assert_eq!(
            verify(&c).unwrap_err(),
            ChainBreak {
                seq: 5,
                kind: BreakKind::Altered,
                detail: "the content does not match its hash".into()
            }
        );
    }

    #[test]
    fn a_removed_record_is_named() {
        let mut c = chain(10);
        c.remove(6);
        let e = verify(&c).unwrap_err();
        assert_eq!((e.seq, e.kind), (7, BreakKind::Removed));
    }

    #[test]
    fn a_reordered_pair_is_named() {
        let mut c = chain(10);
        c.swap(2, 3);
        let e = verify(&c).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Reordered));
        let mut c = chain(10);
        let moved = c.remove(2);
        c.insert(5, moved);
        let e = verify(&c).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Reordered), "{e}");
    }

    #[test]
    fn swapped_numbers_are_named_as_reordered() {
        let mut c = chain(10);
        let (a, b) = (c[2].seq, c[3].seq);
        c[2].seq = b;
        c[3].seq = a;
        c.swap(2, 3);
        let e = verify(&c).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Reordered), "{e}");
    }

    #[test]
    fn a_rehashed_forgery_breaks_the_link() {
        let mut c = chain(10);
        c[4].entry.case = Some("UT-OTHER".into());
        c[4].hash = hash(&c[4].prev_hash, c[4].seq, &c[4].entry);
        let e = verify(&c).unwrap_err();
        assert_eq!((e.seq, e.kind), (6, BreakKind::Inserted));
    }

    #[test]
    fn the_encoding_separates_fields() {
        let mut a = entry(1);
        let mut b = entry(1);
        a.user = "ab".into();
        a.agency = "c".into();
        b.user = "a".into();
        b.agency = "bc".into();
        assert_ne!(canonical(1, &a), canonical(1, &b));
    }

    fn keys() -> (Keyring, SealKey, SealKey) {
        let k1 = SealKey::new("k1", vec![1; 32]).unwrap();
        let k2 = SealKey::new("k2", vec![2; 32]).unwrap();
        (Keyring::new(vec![k1.clone(), k2.clone()]), k1, k2)
    }

    fn sealed_chain(n: u64, key: &SealKey) -> Vec<AuditRecord> {
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|r| (r.seq, r.hash.as_str()));
            out.push(seal_with(entry(i), prev, Some(key)));
        }
        out
    }

    #[test]
    fn sealed_records_verify_across_a_rotation() {
        let (ring, k1, k2) = keys();
        let mut c = chain(3);
        for i in 3..8 {
            let prev = c.last().map(|r| (r.seq, r.hash.clone()));
            let key = if i < 5 { &k1 } else { &k2 };
            c.push(seal_with(
                entry(i),
                prev.as_ref().map(|(s, h)| (*s, h.as_str())),
                Some(key),
            ));
        }
        let s = verify_sealed(&c, &ring).unwrap();
        assert_eq!(s.records, 8);
        assert_eq!(s.unsealed_prefix, 3);
        assert_eq!(s.by_key, vec![("k1".into(), 2), ("k2".into(), 3)]);
        // Without the old key the records it sealed do not verify.
        let only_new = Keyring::new(vec![k2]);
        let e = verify_sealed(&c, &only_new).unwrap_err();
        assert_eq!((e.seq, e.kind), (4, BreakKind::UnknownKey), "{e}");
    }

    #[test]
    fn a_rewrite_with_recomputed_hashes_is_caught_by_the_seal() {
        let (ring, k1, _) = keys();
        let mut c = sealed_chain(6, &k1);
        // The attacker changes record 3 and recomputes every hash after it.
        c[2].entry.case = Some("UT-OTHER".into());
        for i in 2..c.len() {
            let prev = if i == 0 {
                GENESIS.to_owned()
            } else {
                c[i - 1].hash.clone()
            };
            c[i].prev_hash = prev.clone();
            c[i].hash = hash(&prev, c[i].seq, &c[i].entry);
        }
        assert!(verify(&c).is_ok(), "the bare chain is fooled");
        let e = verify_sealed(&c, &ring).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Forged), "{e}");
        // Dropping the seals does not help: unsealed after sealed.
        for r in &mut c[2..] {
            r.key_id.clear();
            r.seal.clear();
        }
        let e = verify_sealed(&c, &ring).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Unsealed), "{e}");
        // A seal copied from another position does not match either.
        let mut c = sealed_chain(4, &k1);
        c[2].seal = c[1].seal.clone();
        let e = verify_sealed(&c, &ring).unwrap_err();
        assert_eq!((e.seq, e.kind), (3, BreakKind::Forged));
    }
}
