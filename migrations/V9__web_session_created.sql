-- When a forum session was made (its login gives it a new id, so a logged-in session's time is its login's),
-- for the account's export. Sessions older than this migration show its time.
ALTER TABLE web_sessions ADD COLUMN created_at TIMESTAMPTZ NOT NULL DEFAULT now();
