-- TOTP second factor (RFC 6238), see docs/API.md "Two-step verification (TOTP)".

-- One row per account that has asked for a secret (POST /totp/setup); TOTP is on once enabled_at is set.
CREATE TABLE totp_secrets (
  user_id        BIGINT      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  -- AES-256-GCM of the 20-byte secret under totp.key (or a key derived from jwt.secret), the account id as
  -- associated data (accounts.TotpSecretBox):
  -- base64 of nonce, ciphertext and tag. The secret itself is never stored or logged.
  secret_sealed  TEXT        NOT NULL,
  enabled_at     TIMESTAMPTZ,
  -- the last time step (Unix time / 30 s) whose code was accepted: a code is accepted only for a later step,
  -- so each code works once
  last_used_step BIGINT      NOT NULL DEFAULT 0,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The single-use recovery codes of an account with TOTP on: SHA-256 (hex) of the normalised code (80 random
-- bits), deleted when used, replaced when TOTP is enabled again, gone when it is disabled.
CREATE TABLE totp_recovery_codes (
  user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT   NOT NULL,
  PRIMARY KEY (user_id, code_hash)
);
