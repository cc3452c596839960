package io.xphoto.faces;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/** Embeddings as stored and sent (512 little-endian float32 each) and the similarity search over them. */
final class Embeddings {

  static final int BYTES = FaceEmbedder.DIMENSIONS * Float.BYTES;
  /** Below this many faces a scan takes under a millisecond: not worth handing out to other threads. */
  private static final int PARALLEL_FROM = 5_000;

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

  /**
   * The highest dot product (cosine similarity, all vectors being unit length) between {@code probe} and
   * any of the {@code library}'s vectors; -1 for an empty library. A brute-force scan of contiguous memory,
   * split over the cores for large libraries (figures in bench/faces/RESULTS.md).
   */
  static float best(float[] library, float[] probe) {
    int faces = library.length / probe.length;
    if (faces < PARALLEL_FROM) {
      return best(library, probe, 0, faces);
    }
    int parts = Runtime.getRuntime().availableProcessors();
    return (float) IntStream.range(0, parts).parallel()
        .mapToDouble(part -> best(library, probe, part * faces / parts, (part + 1) * faces / parts))
        .max().orElse(-1);
  }

  private static float best(float[] library, float[] probe, int fromFace, int toFace) {
    int dimensions = probe.length;
    float best = -1;
    for (int offset = fromFace * dimensions; offset < toFace * dimensions; offset += dimensions) {
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int i = 0; i < dimensions; i += 4) {
        s0 += library[offset + i] * probe[i];
        s1 += library[offset + i + 1] * probe[i + 1];
        s2 += library[offset + i + 2] * probe[i + 2];
        s3 += library[offset + i + 3] * probe[i + 3];
      }
      best = Math.max(best, (s0 + s1) + (s2 + s3));
    }
    return best;
  }
}
