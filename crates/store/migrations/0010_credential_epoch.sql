-- Sessions and tokens bound to the user's state (issue 17): every user has a
-- credential epoch, raised in the same transaction as a revocation, a disable,
-- a password reset or a change of agency, role or account kind. A session or
-- token carries the epoch it was issued under and is valid only while it is
-- the user's current one, so the change ends every session and token of the
-- user at once, on every server (the check is in the query that resolves it).
-- Accounts are persons or services (issue 13): API tokens are issued over the
-- API only for service accounts.
ALTER TABLE users ADD COLUMN credential_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'person';
ALTER TABLE sessions ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE api_tokens ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;
