//! Checkpoints of the audit chain's head, written outside the database (a file
//! or standard output for a log collector) at an interval and signed with the
//! audit key. Seals stop a rewrite by someone without the key; checkpoints stop
//! what seals cannot: deleting the newest records and rolling the head back
//! (every remaining record still verifies), or replacing the whole trail.
//! A verifier compares each checkpoint with the store: the store must still
//! hold the record the checkpoint saw, with the same hash.

use crate::{
    audit::{AuditRecord, BreakKind, ChainBreak},
    seal::{Keyring, SealKey},
};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "opcentrum-checkpoint/1";
const DOMAIN: &[u8] = b"opcentrum-checkpoint/1";

/// One checkpoint: at `at`, the chain's head was record `seq` with `hash`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    pub format: String,
    pub at: Timestamp,
    pub seq: u64,
    pub hash: String,
    pub key_id: String,
    pub mac: String,
}

fn parts(at: Timestamp, seq: u64, hash: &str, key_id: &str) -> [Vec<u8>; 4] {
    [
        key_id.as_bytes().to_vec(),
        at.as_nanosecond().to_be_bytes().to_vec(),
        seq.to_be_bytes().to_vec(),
        hash.as_bytes().to_vec(),
    ]
}

impl Checkpoint {
    pub fn sign(at: Timestamp, seq: u64, hash: &str, key: &SealKey) -> Checkpoint {
        let p = parts(at, seq, hash, key.id());
        let refs: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
        Checkpoint {
            format: FORMAT.to_owned(),
            at,
            seq,
            hash: hash.to_owned(),
            key_id: key.id().to_owned(),
            mac: key.sign(DOMAIN, &refs),
        }
    }

    /// One JSON line.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn signed_by(&self, keys: &Keyring) -> bool {
        let p = parts(self.at, self.seq, &self.hash, &self.key_id);
        let refs: Vec<&[u8]> = p.iter().map(Vec::as_slice).collect();
        self.format == FORMAT
            && keys
                .get(&self.key_id)
                .is_some_and(|k| k.check(DOMAIN, &refs, &self.mac))
    }
}

/// A line of a checkpoint file that is not a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("checkpoint line {line}: {reason}")]
pub struct CheckpointLineError {
    pub line: usize,
    pub reason: String,
}

/// Reads checkpoint lines; other lines of a log (a collector's, the server's
/// own output) are skipped unless they claim to be checkpoints.
pub fn parse_checkpoints(text: &str) -> Result<Vec<(usize, Checkpoint)>, CheckpointLineError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let Some(start) = raw.find('{') else { continue };
        let json = &raw[start..];
        if !json.contains(FORMAT) {
            continue;
        }
        let cp: Checkpoint = serde_json::from_str(json).map_err(|e| CheckpointLineError {
            line,
            reason: e.to_string(),
        })?;
        out.push((line, cp));
    }
    Ok(out)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckpointSummary {
    pub checkpoints: usize,
    /// The newest checkpoint's position, if any.
    pub newest_seq: Option<u64>,
}

/// Every checkpoint must be signed by a key of the keyring, and the store must
/// still hold the record it saw with the same hash. `records` is the whole
/// trail in stored order.
pub fn check_checkpoints(
    records: &[AuditRecord],
    checkpoints: &[(usize, Checkpoint)],
    keys: &Keyring,
) -> Result<CheckpointSummary, ChainBreak> {
    let mut newest: Option<u64> = None;
    for (line, cp) in checkpoints {
        if !cp.signed_by(keys) {
            return Err(ChainBreak {
                seq: cp.seq,
                kind: BreakKind::CheckpointForged,
                detail: format!(
                    "checkpoint line {line} ({}) is not signed by a key of the keyring (key id {:?})",
                    cp.at, cp.key_id
                ),
            });
        }
        newest = newest.max(Some(cp.seq));
        if cp.seq == 0 {
            continue;
        }
        let held = records
            .binary_search_by_key(&cp.seq, |r| r.seq)
            .ok()
            .map(|i| &records[i]);
        match held {
            None => {
                let last = records.last().map_or(0, |r| r.seq);
                return Err(ChainBreak {
                    seq: cp.seq,
                    kind: BreakKind::RolledBack,
                    detail: format!(
                        "the checkpoint of {} (line {line}) saw record {}, but the store ends at record {last}: records were removed and the head rolled back",
                        cp.at, cp.seq
                    ),
                });
            }
            Some(r) if r.hash != cp.hash => {
                return Err(ChainBreak {
                    seq: cp.seq,
                    kind: BreakKind::Diverged,
                    detail: format!(
                        "record {} is not the one the checkpoint of {} (line {line}) saw: the trail was rewritten",
                        cp.seq, cp.at
                    ),
                });
            }
            Some(_) => {}
        }
    }
    Ok(CheckpointSummary {
        checkpoints: checkpoints.len(),
        newest_seq: newest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AuditAction, AuditEntry, seal_with};

    fn trail(n: u64, key: &SealKey) -> Vec<AuditRecord> {
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let e = AuditEntry {
                at: Timestamp::from_second(1_800_000_000 + i as i64).unwrap(),
                request_id: format!("r{i}"),
                user: "u".into(),
                agency: "police".into(),
                role: "auditor".into(),
                action: AuditAction::Read,
                case: None,
                categories: vec![],
                legal_basis: vec![],
                purpose: "p".into(),
            };
            let prev = out.last().map(|r| (r.seq, r.hash.as_str()));
            out.push(seal_with(e, prev, Some(key)));
        }
        out
    }

    #[test]
    fn checkpoints_catch_a_rollback_a_rewrite_and_a_forgery() {
        let key = SealKey::new("k1", vec![7; 32]).unwrap();
        let ring = Keyring::new(vec![key.clone()]);
        let t = trail(10, &key);
        let at = Timestamp::from_second(1_800_000_100).unwrap();
        let cps = vec![
            (1, Checkpoint::sign(at, 4, &t[3].hash, &key)),
            (2, Checkpoint::sign(at, 8, &t[7].hash, &key)),
        ];
        let text = cps
            .iter()
            .map(|(_, c)| format!("2026-12-01 INFO {}", c.to_line()))
            .collect::<Vec<_>>()
            .join("\nnoise\n");
        let parsed = parse_checkpoints(&text).unwrap();
        assert_eq!(
            parsed.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![1, 3]
        );
        let s = check_checkpoints(&t, &parsed, &ring).unwrap();
        assert_eq!((s.checkpoints, s.newest_seq), (2, Some(8)));

        let e = check_checkpoints(&t[..6], &cps, &ring).unwrap_err();
        assert_eq!((e.seq, e.kind), (8, BreakKind::RolledBack), "{e}");

        let mut other = trail(10, &key);
        other[3].hash = "f".repeat(64);
        let e = check_checkpoints(&other, &cps, &ring).unwrap_err();
        assert_eq!((e.seq, e.kind), (4, BreakKind::Diverged), "{e}");

        let mut forged = cps.clone();
        forged[1].1.seq = 5;
        let e = check_checkpoints(&t, &forged, &ring).unwrap_err();
        assert_eq!(e.kind, BreakKind::CheckpointForged, "{e}");
        let stranger = SealKey::new("k1", vec![8; 32]).unwrap();
        let e = check_checkpoints(
            &t,
            &[(1, Checkpoint::sign(at, 4, &t[3].hash, &stranger))],
            &ring,
        )
        .unwrap_err();
        assert_eq!(e.kind, BreakKind::CheckpointForged);
        assert!(parse_checkpoints(&format!("{{\"format\":\"{FORMAT}\"}}")).is_err());
    }
}
