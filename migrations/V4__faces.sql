-- The face library: one row per registered face, pointing at the image it was found in. Deleting the
-- image deletes its faces; deleting a face keeps the image.
CREATE TABLE faces (
  id         BIGSERIAL   PRIMARY KEY,
  owner_id   BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  image_id   BIGINT      NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  -- box in the image's pixels: x1, y1, x2, y2
  box        REAL[]      NOT NULL,
  score      REAL        NOT NULL,
  -- 512 L2-normalised float32, little-endian
  embedding  BYTEA       NOT NULL CHECK (length(embedding) = 2048),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX faces_owner ON faces (owner_id, id);
