-- The sharing matrix, versioned, and the hash-chained audit trail.

CREATE TABLE matrix_versions (
    version    BIGINT PRIMARY KEY,
    rows_json  TEXT   NOT NULL,
    changed_by TEXT   NOT NULL,
    changed_at BIGINT NOT NULL,
    comment    TEXT   NOT NULL
);

-- Append-only. Each record's hash covers its content and the previous hash.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    request_id  TEXT   NOT NULL,
    user_name   TEXT   NOT NULL,
    agency      TEXT   NOT NULL,
    role        TEXT   NOT NULL,
    action      TEXT   NOT NULL,
    case_id     TEXT,
    categories  TEXT   NOT NULL,
    legal_basis TEXT   NOT NULL,
    purpose     TEXT   NOT NULL,
    prev_hash   TEXT   NOT NULL,
    hash        TEXT   NOT NULL
);
CREATE INDEX audit_by_case ON audit_log (case_id, seq);
CREATE INDEX audit_by_user ON audit_log (user_name, seq);

-- The chain's head: one row, locked by every writer of the chain (one chain,
-- no forks, however many servers write).
CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
