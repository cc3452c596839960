package io.xphoto.faces;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-pass search answers exactly what a plain scan of the floats answers. */
class FaceLibrarySearchTest {

  private static final int D = FaceEmbedder.DIMENSIONS;

  @Test
  void theBestMatchIsExactlyThePlainScansForEveryLibrarySize() {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 7, 8, 9, 17, 1000, 25_000}) {
      float[] vectors = units(random, size);
      FaceLibrary library = new FaceLibrary(vectors, ids(size));
      assertEquals(size, library.size());
      for (int i = 0; i < 5; i++) {
        float[] probe = unit(random);
        assertEquals(plainScan(vectors, probe), library.best(probe), "size " + size);
      }
      if (size > 0) {
        int face = random.nextInt(size);
        float[] stored = copy(vectors, face);
        assertEquals(plainScan(vectors, stored), library.best(stored), "size " + size);
        assertEquals(1.0, library.best(stored).score(), 1e-5);
        assertEquals(ids(size)[face], library.best(stored).faceId(), "the stored face itself, by its id");
        float[] noisy = noisy(random, stored, 0.05);
        assertEquals(plainScan(vectors, noisy), library.best(noisy), "size " + size);
      }
    }
  }

  @Test
  void nearTiesAndLopsidedVectorsStillGiveTheExactBest() {
    Random random = new Random(11);
    float[] probe = unit(random);
    int size = 4000;
    float[] vectors = new float[size * D];
    for (int face = 0; face < size; face++) {
      // Scores crowd within 1e-6 of 0.6, closer than the 8-bit estimates can tell apart.
      float[] vector = face % 3 == 0 ? lopsided(random) : similar(random, probe, 0.6 + (face % 97) * 1e-8);
      System.arraycopy(vector, 0, vectors, face * D, D);
    }
    FaceLibrary library = new FaceLibrary(vectors, ids(size));
    assertEquals(plainScan(vectors, probe), library.best(probe));
    float[] lopsidedProbe = lopsided(random);
    assertEquals(plainScan(vectors, lopsidedProbe), library.best(lopsidedProbe));
  }

  @Test
  void theCodesEstimateEveryScoreWithinTheirBound() {
    Random random = new Random(3);
    int size = 203;
    float[] vectors = new float[size * D];
    for (int face = 0; face < size; face++) {
      System.arraycopy(face % 2 == 0 ? unit(random) : lopsided(random), 0, vectors, face * D, D);
    }
    ByteCodes codes = new ByteCodes(vectors, D);
    float[] probe = unit(random);
    ByteCodes.Probe coded = ByteCodes.probe(probe);
    long[] products = new long[size];
    codes.products(coded, 0, codes.blocks(), products);
    for (int face = 0; face < size; face++) {
      double exact = 0;
      double length = 0;
      for (int d = 0; d < D; d++) {
        exact += (double) probe[d] * vectors[face * D + d];
        length += (double) vectors[face * D + d] * vectors[face * D + d];
      }
      double estimate = coded.scale() * codes.scale(face) * products[face];
      double bound = (coded.length() + coded.error()) * codes.error(face) + coded.error() * Math.sqrt(length);
      assertTrue(Math.abs(estimate - exact) <= bound, "face " + face + ": " + estimate + " vs " + exact);
      double tight = face % 2 == 0 ? 0.03 : 0.1;
      assertTrue(bound < tight, "face " + face + ": a bound of " + bound + " would prune little");
    }
  }

  /** The best face by a plain scan of the floats (the first of equal scores), under the ids of {@link #ids}. */
  private static FaceLibrary.Match plainScan(float[] vectors, float[] probe) {
    float best = -1;
    int bestFace = 0;
    for (int face = 0; face < vectors.length / D; face++) {
      float score = Embeddings.dot(vectors, face, probe);
      if (score > best) {
        best = score;
        bestFace = face;
      }
    }
    int size = vectors.length / D;
    return size == 0 ? new FaceLibrary.Match(-1, -1) : new FaceLibrary.Match(ids(size)[bestFace], best);
  }

  /** Ids as a library's are: increasing, not its positions. */
  private static long[] ids(int size) {
    long[] ids = new long[size];
    for (int face = 0; face < size; face++) {
      ids[face] = 1000 + 3L * face;
    }
    return ids;
  }

  private static float[] units(Random random, int size) {
    float[] vectors = new float[size * D];
    for (int face = 0; face < size; face++) {
      System.arraycopy(unit(random), 0, vectors, face * D, D);
    }
    return vectors;
  }

  private static float[] unit(Random random) {
    float[] vector = new float[D];
    for (int d = 0; d < D; d++) {
      vector[d] = (float) random.nextGaussian();
    }
    return normalised(vector);
  }

  /** Most of the length in a few dimensions: coarse codes for the rest. */
  private static float[] lopsided(Random random) {
    float[] vector = unit(random);
    vector[random.nextInt(D)] = 20;
    vector[random.nextInt(D)] = -9;
    return normalised(vector);
  }

  /** A unit vector whose dot product with the unit vector {@code to} is {@code score}. */
  private static float[] similar(Random random, float[] to, double score) {
    float[] other = unit(random);
    double along = 0;
    for (int d = 0; d < D; d++) {
      along += other[d] * to[d];
    }
    float[] orthogonal = new float[D];
    for (int d = 0; d < D; d++) {
      orthogonal[d] = (float) (other[d] - along * to[d]);
    }
    orthogonal = normalised(orthogonal);
    float[] vector = new float[D];
    double across = Math.sqrt(1 - score * score);
    for (int d = 0; d < D; d++) {
      vector[d] = (float) (score * to[d] + across * orthogonal[d]);
    }
    return vector;
  }

  private static float[] noisy(Random random, float[] vector, double amount) {
    float[] changed = vector.clone();
    for (int d = 0; d < D; d++) {
      changed[d] += (float) (random.nextGaussian() * amount / Math.sqrt(D));
    }
    return normalised(changed);
  }

  private static float[] copy(float[] vectors, int face) {
    float[] vector = new float[D];
    System.arraycopy(vectors, face * D, vector, 0, D);
    return vector;
  }

  private static float[] normalised(float[] vector) {
    double squares = 0;
    for (float value : vector) {
      squares += value * value;
    }
    float[] unit = new float[vector.length];
    for (int d = 0; d < vector.length; d++) {
      unit[d] = (float) (vector[d] / Math.sqrt(squares));
    }
    return unit;
  }
}
