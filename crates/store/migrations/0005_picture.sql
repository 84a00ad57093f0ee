-- The operational picture's projection columns (issue: shared operational
-- picture): when each handover of a case completed, and the trip a planned
-- case is on. Derived from `state` by `projection::columns` like every other
-- column, so lead times and trip fill are read from indexes, never by parsing
-- the cases. Rows written before this migration are filled by
-- `Store::backfill_picture_columns` (run on connect while the marker is 0).
ALTER TABLE cases ADD COLUMN final_at BIGINT;
ALTER TABLE cases ADD COLUMN handed_over_at BIGINT;
ALTER TABLE cases ADD COLUMN transport_requested_at BIGINT;
ALTER TABLE cases ADD COLUMN executed_at BIGINT;
ALTER TABLE cases ADD COLUMN trip_id TEXT;
CREATE INDEX cases_handed_over_at ON cases (handed_over_at) WHERE handed_over_at IS NOT NULL;
CREATE INDEX cases_transport_requested_at ON cases (transport_requested_at) WHERE transport_requested_at IS NOT NULL;
CREATE INDEX cases_executed_at ON cases (executed_at) WHERE executed_at IS NOT NULL;
CREATE INDEX cases_by_trip ON cases (trip_id) WHERE trip_id IS NOT NULL;
CREATE INDEX cases_detention_limit ON cases (detention_limit) WHERE detained = 1;
INSERT INTO counters (name, value) VALUES ('picture_backfill', 0);
