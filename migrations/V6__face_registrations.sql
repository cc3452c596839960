-- One row per face registration request, keyed by the id the HTTP node gave it: a registration that a face
-- worker records twice (the call retried on another worker after the first one's node left) is kept once,
-- and the retry answers the first one's face ids.
CREATE TABLE face_registrations (
  request_id TEXT        PRIMARY KEY,
  owner_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  face_ids   BIGINT[]    NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
