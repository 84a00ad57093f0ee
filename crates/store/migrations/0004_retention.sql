-- Retention (gallring): the cases whose personal data has been pseudonymised.
-- The rewrite of their events is the one exception to the log's append-only
-- rule (ARCHITECTURE.md, "Retention"); this row marks it.
CREATE TABLE pseudonymised (
    case_id          TEXT   PRIMARY KEY,
    pseudonymised_at BIGINT NOT NULL,
    closed_before    BIGINT NOT NULL,
    events_rewritten BIGINT NOT NULL
);
