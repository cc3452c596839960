package io.xphoto.faces;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Vectors rounded to 8-bit codes, each within a known distance of the vector it stands for, and laid out so
 * that plain Java computes their integer dot products with a probe several faces per instruction.
 *
 * <p>A vector {@code v} becomes {@code scale × (code − 128)} with codes 1…255 and {@code scale =
 * max|v_i| / 127}; {@code error} is the Euclidean length of what the rounding lost. Faces are stored in
 * blocks of 8: dimension after dimension, the 8 faces' codes side by side, so one 64-bit read holds one
 * dimension of 8 faces. Masking that read with {@code 0x000000FF000000FF} (at 4 shifts) leaves two faces'
 * codes in two 32-bit lanes, and one multiply by the probe's code adds both products. 512 products of at
 * most 255 × 255 stay below 2^32, so a lane never carries into the next.
 */
final class ByteCodes {

  static final int BLOCK = 8;
  private static final int OFFSET = 128;
  private static final long LANES = 0x000000FF000000FFL;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** The probe side: its codes widened to longs for the multiplies. */
  record Probe(long[] codes, long codeSum, double scale, double error, double length) {
  }

  private final int dimensions;
  private final int size;
  private final byte[] blocks;
  private final double[] scales;
  private final double[] errors;
  private final long[] codeSums;

  /** Codes for the {@code size} vectors of {@code dimensions} floats each, stored one after another. */
  ByteCodes(float[] vectors, int dimensions) {
    this.dimensions = dimensions;
    this.size = vectors.length / dimensions;
    this.blocks = new byte[(size + BLOCK - 1) / BLOCK * BLOCK * dimensions];
    this.scales = new double[size];
    this.errors = new double[size];
    this.codeSums = new long[size];
    int[] codes = new int[dimensions];
    for (int face = 0; face < size; face++) {
      Rounding rounding = round(vectors, face * dimensions, dimensions, codes);
      scales[face] = rounding.scale;
      errors[face] = rounding.error;
      codeSums[face] = rounding.codeSum;
      int blockStart = face / BLOCK * BLOCK * dimensions;
      for (int d = 0; d < dimensions; d++) {
        blocks[blockStart + d * BLOCK + face % BLOCK] = (byte) codes[d];
      }
    }
  }

  static Probe probe(float[] vector) {
    int[] codes = new int[vector.length];
    Rounding rounding = round(vector, 0, vector.length, codes);
    long[] wide = new long[codes.length];
    double lengthSquared = 0;
    for (int d = 0; d < codes.length; d++) {
      wide[d] = codes[d];
      lengthSquared += (double) vector[d] * vector[d];
    }
    return new Probe(wide, rounding.codeSum, rounding.scale, rounding.error, Math.sqrt(lengthSquared));
  }

  int size() {
    return size;
  }

  int blocks() {
    return (size + BLOCK - 1) / BLOCK;
  }

  long bytes() {
    return blocks.length + (long) size * (2 * Double.BYTES + Long.BYTES);
  }

  double scale(int face) {
    return scales[face];
  }

  double error(int face) {
    return errors[face];
  }

  /** Writes the signed integer dot product of each face's codes with the probe's into {@code products}. */
  void products(Probe probe, int fromBlock, int toBlock, long[] products) {
    long[] probeCodes = probe.codes();
    long probeTerm = OFFSET * probe.codeSum() - (long) dimensions * OFFSET * OFFSET;
    for (int block = fromBlock; block < toBlock; block++) {
      int start = block * BLOCK * dimensions;
      long lanes04 = 0;
      long lanes15 = 0;
      long lanes26 = 0;
      long lanes37 = 0;
      for (int d = 0; d < dimensions; d++) {
        long eight = (long) LONGS.get(blocks, start + d * BLOCK);
        long code = probeCodes[d];
        lanes04 += (eight & LANES) * code;
        lanes15 += ((eight >>> 8) & LANES) * code;
        lanes26 += ((eight >>> 16) & LANES) * code;
        lanes37 += ((eight >>> 24) & LANES) * code;
      }
      int first = block * BLOCK;
      unpack(products, first, lanes04, probeTerm);
      unpack(products, first + 1, lanes15, probeTerm);
      unpack(products, first + 2, lanes26, probeTerm);
      unpack(products, first + 3, lanes37, probeTerm);
    }
  }

  /** Unpacks the sums of faces {@code face} (low lane) and {@code face + 4} (high lane). */
  private void unpack(long[] products, int face, long twoLanes, long probeTerm) {
    keep(products, face, twoLanes & 0xFFFFFFFFL, probeTerm);
    keep(products, face + 4, twoLanes >>> 32, probeTerm);
  }

  private void keep(long[] products, int face, long unsignedSum, long probeTerm) {
    if (face < size) {
      // Σ(c−128)(p−128) = Σcp − 128·Σc − (128·Σp − n·128²)
      products[face] = unsignedSum - OFFSET * codeSums[face] - probeTerm;
    }
  }

  private record Rounding(double scale, double error, long codeSum) {
  }

  private static Rounding round(float[] vectors, int offset, int length, int[] codes) {
    double largest = 0;
    for (int d = 0; d < length; d++) {
      largest = Math.max(largest, Math.abs(vectors[offset + d]));
    }
    double scale = largest == 0 ? 1 : largest / (OFFSET - 1);
    double perScale = 1 / scale;
    double errorSquared = 0;
    long codeSum = 0;
    for (int d = 0; d < length; d++) {
      double value = vectors[offset + d];
      double signed = Math.rint(value * perScale);
      double error = value - signed * scale;
      errorSquared += error * error;
      codes[d] = (int) signed + OFFSET;
      codeSum += codes[d];
    }
    return new Rounding(scale, Math.sqrt(errorSquared), codeSum);
  }
}
