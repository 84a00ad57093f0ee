-- opcentrum's event store. One file for SQLite and PostgreSQL: only types and
-- syntax both accept (TEXT, BIGINT, partial indexes, ON CONFLICT upserts).
-- Times are BIGINT nanoseconds since the Unix epoch (UTC); dates are TEXT
-- 'YYYY-MM-DD'; JSON is TEXT.

-- Gapless, commit-ordered sequence numbers: a row is locked by the UPDATE that
-- takes a number and held to commit, so numbers appear in commit order.
CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('event_seq', 0);
INSERT INTO counters (name, value) VALUES ('case_number', 0);

-- The log. Append-only: nothing updates or deletes a row.
CREATE TABLE events (
    seq          BIGINT PRIMARY KEY,
    case_id      TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    event_type   TEXT   NOT NULL,
    payload      TEXT   NOT NULL,
    actor_user   TEXT   NOT NULL,
    actor_agency TEXT   NOT NULL,
    recorded_at  BIGINT NOT NULL,
    reason       TEXT,
    UNIQUE (case_id, version)
);

-- The current state of each case: the projection of its events (state, JSON of
-- domain::Case) plus the columns lists filter and sort on, all derived from it.
CREATE TABLE cases (
    case_id         TEXT   PRIMARY KEY,
    version         BIGINT NOT NULL,
    stage           TEXT   NOT NULL,
    responsible     TEXT   NOT NULL,
    destination     TEXT   NOT NULL,
    family_id       TEXT,
    suspended       BIGINT NOT NULL,
    detained        BIGINT NOT NULL,
    facility_id     TEXT,
    detention_limit BIGINT,
    ready_from      TEXT,
    ready_until     TEXT,
    pending_to      TEXT,
    pending_since   BIGINT,
    replan_needed   BIGINT NOT NULL,
    registered_at   BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    state           TEXT   NOT NULL
);
CREATE INDEX cases_by_stage ON cases (stage, case_id);
CREATE INDEX cases_by_responsible ON cases (responsible, stage, case_id);
CREATE INDEX cases_by_destination ON cases (destination, stage, case_id);
CREATE INDEX cases_by_family ON cases (family_id) WHERE family_id IS NOT NULL;
CREATE INDEX cases_pending ON cases (pending_to, pending_since) WHERE pending_to IS NOT NULL;
CREATE INDEX cases_detained ON cases (facility_id, detention_limit) WHERE detained = 1;
CREATE INDEX cases_detained_by_id ON cases (case_id) WHERE detained = 1;
-- "Ready" lists read these in case id order and check the dates on the few
-- rows that have a ready window at all.
CREATE INDEX cases_ready ON cases (case_id) WHERE ready_from IS NOT NULL;
CREATE INDEX cases_ready_by_destination ON cases (destination, case_id) WHERE ready_from IS NOT NULL;
CREATE INDEX cases_replan ON cases (case_id) WHERE replan_needed = 1;

-- Counts per stage × responsible agency × destination × suspended, kept in the
-- same transaction as every append, so the operational picture never scans cases.
CREATE TABLE stage_counts (
    stage       TEXT   NOT NULL,
    responsible TEXT   NOT NULL,
    destination TEXT   NOT NULL,
    suspended   BIGINT NOT NULL,
    n           BIGINT NOT NULL,
    PRIMARY KEY (stage, responsible, destination, suspended)
);

-- Detention facilities; `occupied` is kept with every append and never exceeds
-- `capacity` (the UPDATE that takes a place checks it).
CREATE TABLE facilities (
    facility_id TEXT   PRIMARY KEY,
    name        TEXT   NOT NULL,
    kind        TEXT   NOT NULL,
    capacity    BIGINT NOT NULL,
    occupied    BIGINT NOT NULL
);

-- Trips offered to the planner: charters and scheduled flights.
CREATE TABLE trip_offers (
    trip_id     TEXT   PRIMARY KEY,
    kind        TEXT   NOT NULL,
    destination TEXT   NOT NULL,
    trip_date   TEXT   NOT NULL,
    seats       BIGINT NOT NULL,
    quota       BIGINT,
    cost        BIGINT NOT NULL
);
CREATE INDEX trip_offers_by_date ON trip_offers (trip_date);

-- NTE's roster.
CREATE TABLE escorts (
    escort_id    TEXT PRIMARY KEY,
    sex          TEXT NOT NULL,
    availability TEXT NOT NULL
);
