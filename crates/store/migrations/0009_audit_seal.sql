-- Audit records sealed with a key the database does not hold (issue 17): the
-- id of the key that sealed each record and its HMAC-SHA256 over the record's
-- position and chain hash. Records written before a key was configured keep
-- an empty key id; the first sealed record after them covers them by its link.
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN seal TEXT NOT NULL DEFAULT '';
