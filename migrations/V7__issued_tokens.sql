-- The JWTs a sign-in issued and that are still live (not expired, not revoked): what an account-wide
-- revocation (password change or reset, sign-out everywhere, deletion) moves to revoked_tokens, and the
-- account's list of signed-in clients. A token is recorded by the sign-in's last statement, only while the
-- password it checked is still the account's. Tokens issued before this migration are not here: they are
-- refused only by a single sign-out, or when they expire (jwt.ttl).
CREATE TABLE issued_tokens (
  jti            TEXT        PRIMARY KEY,
  user_id        BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issued_at      TIMESTAMPTZ NOT NULL,
  expires_at     TIMESTAMPTZ NOT NULL,
  -- the client as http.trusted-proxies decides, and its User-Agent cut to 256 characters
  client_address TEXT        NOT NULL,
  user_agent     TEXT
);
CREATE INDEX issued_tokens_user ON issued_tokens (user_id);
CREATE INDEX issued_tokens_expires ON issued_tokens (expires_at);

-- The account a forum session is logged in to (null before its login), so that an account's sessions can
-- be ended together. A deleted account takes its sessions with it.
ALTER TABLE web_sessions ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX web_sessions_user ON web_sessions (user_id) WHERE user_id IS NOT NULL;
