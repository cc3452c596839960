package io.xphoto.images;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-at-a-time search for 0xFF finds what a byte loop finds, at every offset and limit. */
class JpegScanTest {

  private static int naive(byte[] bytes, int pos, int limit) {
    while (pos < limit && bytes[pos] != (byte) 0xff) {
      pos++;
    }
    return pos;
  }

  @Test
  void findsTheFirstFfLikeAByteLoop() {
    Random random = new Random(7);
    for (int round = 0; round < 1000; round++) {
      byte[] bytes = new byte[random.nextInt(80)];
      for (int i = 0; i < bytes.length; i++) {
        int kind = random.nextInt(6);
        // plenty of 0xFF, and neighbours that trip naive bit tricks: 0xFE, 0x7F, 0x80, 0x00, 0x01
        bytes[i] = (byte) (kind == 0 ? 0xff : kind == 1 ? 0xfe : kind == 2 ? 0x7f : kind == 3 ? 0x80
            : kind == 4 ? random.nextInt(2) : random.nextInt(256));
      }
      for (int pos = 0; pos <= bytes.length; pos++) {
        for (int limit = pos; limit <= bytes.length; limit++) {
          assertEquals(naive(bytes, pos, limit), JpegStructure.nextFf(bytes, pos, limit));
        }
      }
    }
  }

  @Test
  void findsAnFfAtEveryPositionOfALongRun() {
    for (int at = 0; at < 64; at++) {
      byte[] bytes = new byte[64];
      bytes[at] = (byte) 0xff;
      assertEquals(at, JpegStructure.nextFf(bytes, 0, bytes.length));
      assertEquals(64, JpegStructure.nextFf(bytes, at + 1, bytes.length));
    }
  }
}
