-- Uploaded images. The object itself lives in the storage verticle's store under object_key.
CREATE TABLE images (
  id           BIGSERIAL   PRIMARY KEY,
  owner_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  object_key   TEXT        NOT NULL UNIQUE,
  content_type TEXT        NOT NULL,
  bytes        INT         NOT NULL,
  width        INT         NOT NULL,
  height       INT         NOT NULL,
  sha256       BYTEA       NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX images_owner_created ON images (owner_id, created_at DESC, id DESC);
