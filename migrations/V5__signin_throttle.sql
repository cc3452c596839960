-- Sign-in throttling by (account, client address) and by address, no longer by account alone (see
-- docs/API.md, "Sign-in throttling"). The old rows only ever mattered for one throttle window (15 minutes),
-- so they are dropped rather than converted.
DROP TABLE signin_failures;

-- One row per failed sign-in (counted when the attempt starts, removed again by a right password).
-- UNLOGGED: every sign-in writes here, and counts a crash forgets cost nothing worth a WAL flush.
CREATE UNLOGGED TABLE signin_failures (
  -- 'id:<user id>', or 'name:<typed name in lower case>' when no account matches it
  account   TEXT        NOT NULL,
  -- the client address (an IPv6 one as its /64 network)
  address   TEXT        NOT NULL,
  failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- serves the (account, address) counts and, by its prefix, the account's
CREATE INDEX signin_failures_account ON signin_failures (account, address, failed_at);
CREATE INDEX signin_failures_address ON signin_failures (address, failed_at);
