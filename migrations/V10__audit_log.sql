-- The audit log (issue 16): security events of accounts, each written in the transaction of the change it
-- records where there is one (PgAuditLog.recordIn). No foreign key: the record of an account's deletion (and
-- what admins did) outlives the account. Kept audit.retention, then swept.
CREATE TABLE audit_events (
  id         BIGSERIAL PRIMARY KEY,
  at         TIMESTAMPTZ NOT NULL DEFAULT now(),
  type       TEXT NOT NULL,
  user_id    BIGINT,
  actor_id   BIGINT,
  address    TEXT,
  request_id TEXT,
  details    JSONB
);
CREATE INDEX audit_events_user ON audit_events (user_id, at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX audit_events_type ON audit_events (type, at DESC);
CREATE INDEX audit_events_at ON audit_events (at);

-- An admin's disabling: the account cannot sign in on either surface while it is set.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;
-- The admin's search is a case-insensitive prefix on username or email.
CREATE INDEX users_username_prefix ON users (lower(username) text_pattern_ops);
CREATE INDEX users_email_prefix ON users (lower(email) text_pattern_ops);
