//! The audit trail: an append-only, hash-chained log. Each record's hash covers
//! its own canonical encoding and the previous record's hash, so altering,
//! removing, inserting or reordering a record breaks the chain at that record.
//! Records hold ids and categories, never names or other personal data.

use crate::category::FieldCategory;
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

/// Seals an entry after `prev` (the chain's head), or as the first record.
pub fn seal(entry: AuditEntry, prev: Option<(u64, &str)>) -> AuditRecord {
    let (seq, prev_hash) = match prev {
        Some((s, h)) => (s + 1, h.to_owned()),
        None => (1, GENESIS.to_owned()),
    };
    let hash = hash(&prev_hash, seq, &entry);
    AuditRecord {
        seq,
        entry,
        prev_hash,
        hash,
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
}
