-- A trip's crew besides the escorts (issues 14, 15): the forced-return
-- monitor (the monitoring body notified, on which day, who attends or that
-- it declined) and the medical staff on board, as NTE records it. One row
-- per trip, the newest record; `version` counts the records (each one is
-- also a write record in the audit chain, sealed in the same transaction).
-- The body is JSON of `domain::crew::TripCrew`.

CREATE TABLE trip_crews (
    trip_id     TEXT   PRIMARY KEY,
    version     BIGINT NOT NULL,
    body        TEXT   NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT   NOT NULL
);
