-- The operational picture's lead times read, per leg, every case whose leg
-- ended in the period: (end, start) pairs only. Covering indexes answer that
-- from the index alone, without a lookup of the case row per completion (at a
-- million cases a quarter holds tens of thousands). They replace 0005's
-- single-column indexes, which share their leading column.
CREATE INDEX cases_leg_to_police ON cases (handed_over_at, final_at) WHERE handed_over_at IS NOT NULL;
CREATE INDEX cases_leg_to_transport ON cases (transport_requested_at, handed_over_at) WHERE transport_requested_at IS NOT NULL;
CREATE INDEX cases_leg_to_executed ON cases (executed_at, transport_requested_at) WHERE executed_at IS NOT NULL;
DROP INDEX IF EXISTS cases_handed_over_at;
DROP INDEX IF EXISTS cases_transport_requested_at;
DROP INDEX IF EXISTS cases_executed_at;
