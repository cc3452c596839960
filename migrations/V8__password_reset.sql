-- Password reset by mail and email change (docs/API.md "Password reset" and "Email change").

-- Only the SHA-256 of a reset key is stored; the key itself exists only in the mail. Single use: spent (deleted,
-- with the account's other reset keys) by the reset that uses it.
-- A request that mails nothing (no such account, or one mailed within the interval) stores its key too, without
-- an account (user_id NULL: it can never be used), so that both commit a write and wait for the same WAL flush:
-- a read-only request would answer sooner and tell the accounts apart. Swept at expiry like the others.
CREATE TABLE password_reset_keys (
  key_hash   BYTEA       PRIMARY KEY,
  user_id    BIGINT      REFERENCES users (id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_reset_keys_user ON password_reset_keys (user_id);

-- when the last reset mail of the account was queued, to send at most one per password.reset-interval
ALTER TABLE users ADD COLUMN reset_sent_at TIMESTAMPTZ;

-- A requested email change: the address becomes the account's only when the key mailed to it is used.
CREATE TABLE email_change_keys (
  key_hash   BYTEA       PRIMARY KEY,
  user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  new_email  TEXT        NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX email_change_keys_user ON email_change_keys (user_id);
