-- Accounts shared by the xphoto API and the forum.
CREATE TABLE users (
  id            BIGSERIAL PRIMARY KEY,
  username      TEXT        NOT NULL,
  email         TEXT,
  -- Argon2id (PHC string) of hex(md5(hex(md5(hex(md5(password)))))), see docs/API.md
  password_hash TEXT        NOT NULL,
  alias         TEXT,
  role          TEXT        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  active        BOOLEAN     NOT NULL DEFAULT FALSE,
  -- when the last activation mail was queued, to send at most one per resend interval
  activation_sent_at TIMESTAMPTZ,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- Only the SHA-256 of an activation key is stored; the key itself exists only in the mail.
CREATE TABLE activation_keys (
  key_hash   BYTEA       PRIMARY KEY,
  user_id    BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX activation_keys_user ON activation_keys (user_id);

-- Mails are written in the same transaction as what causes them and delivered by the mail verticle.
CREATE TABLE mail_outbox (
  id              BIGSERIAL   PRIMARY KEY,
  recipient       TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  -- cleared once sent: an activation link must not outlive its delivery in the database
  body            TEXT,
  attempts        INT         NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_error      TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  sent_at         TIMESTAMPTZ
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Signed-out JWTs, kept until they would have expired anyway.
CREATE TABLE revoked_tokens (
  jti        TEXT        PRIMARY KEY,
  expires_at TIMESTAMPTZ NOT NULL
);

-- Failed sign-ins, per subject ('account:<id or name>' and 'address:<ip>'), for throttling.
CREATE TABLE signin_failures (
  subject   TEXT        NOT NULL,
  failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX signin_failures_subject ON signin_failures (subject, failed_at);
