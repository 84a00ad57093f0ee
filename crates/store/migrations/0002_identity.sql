-- Users, their API tokens and browser sessions. Secrets are stored only as
-- hashes: argon2id for passwords, SHA-256 for tokens and session ids.

CREATE TABLE users (
    user_name     TEXT   PRIMARY KEY,
    display_name  TEXT   NOT NULL,
    agency        TEXT   NOT NULL,
    role          TEXT   NOT NULL,
    password_hash TEXT,
    disabled      BIGINT NOT NULL,
    created_at    BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT   PRIMARY KEY,
    user_name  TEXT   NOT NULL REFERENCES users (user_name),
    label      TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked    BIGINT NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sessions (
    session_hash TEXT   PRIMARY KEY,
    user_name    TEXT   NOT NULL REFERENCES users (user_name),
    csrf_token   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);

CREATE TABLE login_failures (
    user_name TEXT   NOT NULL,
    at        BIGINT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_name, at);
