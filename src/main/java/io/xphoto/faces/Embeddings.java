package io.xphoto.faces;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings as stored and sent (512 little-endian float32 each), and their similarity. */
final class Embeddings {

  static final int BYTES = FaceEmbedder.DIMENSIONS * Float.BYTES;

  private Embeddings() {
  }

  static byte[] toBytes(float[] embedding) {
    ByteBuffer bytes = ByteBuffer.allocate(embedding.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(embedding);
    return bytes.array();
  }

  /** Concatenated stored embeddings as one contiguous array, 512 floats per face. */
  static float[] fromBytes(byte[] stored) {
    if (stored.length % BYTES != 0) {
      throw new IllegalArgumentException("not a whole number of embeddings: " + stored.length + " bytes");
    }
    float[] all = new float[stored.length / Float.BYTES];
    ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(all);
    return all;
  }

  /** The dot product of {@code probe} with the {@code face}-th vector of {@code vectors}. */
  static float dot(float[] vectors, int face, float[] probe) {
    int offset = face * probe.length;
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    for (int i = 0; i < probe.length; i += 4) {
      s0 += vectors[offset + i] * probe[i];
      s1 += vectors[offset + i + 1] * probe[i + 1];
      s2 += vectors[offset + i + 2] * probe[i + 2];
      s3 += vectors[offset + i + 3] * probe[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
