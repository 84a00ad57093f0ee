-- Trip plans proposed by the planner and decided by a named trip planner.
-- A proposal is `pending` until a human approves or rejects it; approving
-- writes the `planned`/`unplanned` events of its cases in the same transaction
-- and supersedes the plan approved before it. The body (scenario, plan,
-- changes) is JSON the planner crate defines.

CREATE TABLE trip_proposals (
    proposal_id     TEXT   PRIMARY KEY,
    number          BIGINT NOT NULL,
    kind            TEXT   NOT NULL,
    status          TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    created_by      TEXT   NOT NULL,
    horizon_start   TEXT   NOT NULL,
    horizon_days    BIGINT NOT NULL,
    based_on        TEXT,
    trigger_key     TEXT   UNIQUE,
    body            TEXT   NOT NULL,
    decided_by      TEXT,
    decided_at      BIGINT,
    decision_reason TEXT
);
CREATE INDEX trip_proposals_by_status ON trip_proposals (status, number);

INSERT INTO counters (name, value) VALUES ('proposal_number', 0);
