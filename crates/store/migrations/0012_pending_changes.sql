-- Four eyes for the gravest administrative changes (issue 13): making someone
-- a legal officer and changing the sharing matrix are proposed by one legal
-- officer and applied only when another approves. The body is the change as
-- JSON (a user record with a password hash, never a password; or the matrix
-- rows with the version they were compared against).
CREATE TABLE pending_changes (
    change_id       BIGINT PRIMARY KEY,
    kind            TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    summary         TEXT   NOT NULL,
    agency          TEXT   NOT NULL,
    proposed_by     TEXT   NOT NULL,
    proposed_at     BIGINT NOT NULL,
    status          TEXT   NOT NULL,
    decided_by      TEXT,
    decided_at      BIGINT,
    decision_reason TEXT
);
CREATE INDEX pending_changes_by_status ON pending_changes (status, change_id);
INSERT INTO counters (name, value) VALUES ('change_number', 0);
