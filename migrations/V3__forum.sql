-- The forum surface: avatars, server sessions (readable by every node that uses this database) and
-- captchas bound to a session.
ALTER TABLE users ADD COLUMN avatar_key TEXT UNIQUE;

-- A vertx-web session. Only the SHA-256 of the session id is stored: the table cannot be used to take
-- over a session.
CREATE TABLE web_sessions (
  id_hash       BYTEA       PRIMARY KEY,
  data          TEXT        NOT NULL,
  timeout_ms    BIGINT      NOT NULL,
  last_accessed BIGINT      NOT NULL,
  version       INT         NOT NULL,
  expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);

-- The one pending captcha of a session; taken (deleted) by its first check, right or wrong.
CREATE TABLE captchas (
  session_hash BYTEA       PRIMARY KEY,
  answer       TEXT        NOT NULL,
  expires_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX captchas_expires ON captchas (expires_at);
