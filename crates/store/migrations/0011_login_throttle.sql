-- Login throttling that holds under concurrency (issue 17): one row per user
-- name (hashed) and per client address, locked by the attempt that counts
-- itself before the password is checked, so parallel attempts cannot all pass
-- the check. Replaces `login_failures`, which is no longer written.
CREATE TABLE login_throttle (
    throttle_key TEXT   PRIMARY KEY,
    attempts     BIGINT NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT
);
