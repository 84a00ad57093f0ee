-- Actions that take two persons (the action catalogue's `second_person`):
-- lifting a stay or an international interim measure. The first person's
-- action is kept here, pending, until a second person of the required role
-- approves it (the event is then appended in the same transaction as the
-- decision) or rejects it with a reason. The proposer never decides.

CREATE TABLE pending_actions (
    pending_id      TEXT   PRIMARY KEY,
    number          BIGINT NOT NULL,
    kind            TEXT   NOT NULL,
    row_id          TEXT   NOT NULL,
    case_id         TEXT,
    status          TEXT   NOT NULL,
    proposed_at     BIGINT NOT NULL,
    proposed_by     TEXT   NOT NULL,
    proposed_agency TEXT   NOT NULL,
    body            TEXT   NOT NULL,
    decided_by      TEXT,
    decided_at      BIGINT,
    decision_reason TEXT
);
CREATE INDEX pending_actions_by_status ON pending_actions (status, number);

INSERT INTO counters (name, value) VALUES ('pending_number', 0);
