package io.xphoto.faces;

import java.util.stream.IntStream;

/**
 * One user's registered embeddings and their faces' ids, searched for the best match of a probe face.
 *
 * <p>A plain scan of 100k float vectors is bound by memory and by scalar arithmetic (Java 17 vectorises
 * none of it), so a search takes two passes, and still answers exactly what the plain scan would:
 * <ol>
 *   <li>the integer dot products of every face's 8-bit codes with the probe's ({@link ByteCodes}: a quarter
 *       of the memory, 8 faces per 4 multiplies) give each score within a bound that follows from the two
 *       rounding errors (Cauchy–Schwarz);</li>
 *   <li>only the faces whose upper bound reaches the highest lower bound are scored on the floats.</li>
 * </ol>
 * Figures in bench/faces/RESULTS.md.
 */
final class FaceLibrary {

  /** Below this many faces the first pass takes about a millisecond at most: not worth other threads. */
  private static final int PARALLEL_FROM = 5_000;
  /**
   * Covers the float rounding of the exact pass (512 products: ~3e-5) on both sides, so the face with the
   * highest float score is always among the candidates.
   */
  private static final double SLACK = 1e-4;

  /** The best face of a library for a probe: its id and its score; id -1 and score -1 for an empty library. */
  record Match(long faceId, float score) {
  }

  private final float[] vectors;
  private final long[] ids;
  private final ByteCodes codes;
  private final double[] lengths;

  /** @param ids the faces' ids, one per vector of {@link FaceEmbedder#DIMENSIONS} floats, in the same order */
  FaceLibrary(float[] vectors, long[] ids) {
    if (ids.length * FaceEmbedder.DIMENSIONS != vectors.length) {
      throw new IllegalArgumentException(ids.length + " ids for " + vectors.length / FaceEmbedder.DIMENSIONS + " faces");
    }
    this.vectors = vectors;
    this.ids = ids;
    this.codes = new ByteCodes(vectors, FaceEmbedder.DIMENSIONS);
    this.lengths = new double[codes.size()];
    for (int face = 0; face < lengths.length; face++) {
      double squares = 0;
      for (int d = 0; d < FaceEmbedder.DIMENSIONS; d++) {
        float value = vectors[face * FaceEmbedder.DIMENSIONS + d];
        squares += (double) value * value;
      }
      lengths[face] = Math.sqrt(squares);
    }
  }

  int size() {
    return codes.size();
  }

  /** Memory held, for the cache's budget. */
  long bytes() {
    return (long) vectors.length * Float.BYTES + codes.bytes() + (long) lengths.length * Double.BYTES
        + (long) ids.length * Long.BYTES;
  }

  /**
   * The face with the highest dot product (cosine similarity: all vectors have unit length); of equal scores,
   * the one registered first.
   */
  Match best(float[] probe) {
    int size = size();
    if (size == 0) {
      return new Match(-1, -1);
    }
    ByteCodes.Probe coded = ByteCodes.probe(probe);
    long[] products = products(coded);
    double highestLower = Double.NEGATIVE_INFINITY;
    for (int face = 0; face < size; face++) {
      highestLower = Math.max(highestLower, estimate(coded, products, face) - bound(coded, face));
    }
    float best = -1;
    int bestFace = 0;
    for (int face = 0; face < size; face++) {
      if (estimate(coded, products, face) + bound(coded, face) >= highestLower) {
        float score = Embeddings.dot(vectors, face, probe);
        if (score > best) {
          best = score;
          bestFace = face;
        }
      }
    }
    return new Match(ids[bestFace], best);
  }

  private long[] products(ByteCodes.Probe probe) {
    long[] products = new long[size()];
    int blocks = codes.blocks();
    if (size() < PARALLEL_FROM) {
      codes.products(probe, 0, blocks, products);
    } else {
      int parts = Runtime.getRuntime().availableProcessors();
      IntStream.range(0, parts).parallel()
          .forEach(part -> codes.products(probe, part * blocks / parts, (part + 1) * blocks / parts, products));
    }
    return products;
  }

  private double estimate(ByteCodes.Probe probe, long[] products, int face) {
    return probe.scale() * codes.scale(face) * products[face];
  }

  /**
   * How far the true score can be from the estimate. With probe p = p' + e and face f = f' + g (p', f' what
   * the codes stand for): p·f − p'·f' = p'·g + e·f, and |p'| ≤ |p| + |e|.
   */
  private double bound(ByteCodes.Probe probe, int face) {
    return (probe.length() + probe.error()) * codes.error(face) + probe.error() * lengths[face] + SLACK;
  }
}
