package io.xphoto.images;

final class Bytes {

  private Bytes() {
  }

  static int u16(byte[] bytes, int pos) {
    return (bytes[pos] & 0xff) << 8 | bytes[pos + 1] & 0xff;
  }

  static long u32(byte[] bytes, int pos) {
    return (long) u16(bytes, pos) << 16 | u16(bytes, pos + 2);
  }

  static int u16(byte[] bytes, int pos, boolean littleEndian) {
    return littleEndian ? (bytes[pos + 1] & 0xff) << 8 | bytes[pos] & 0xff : u16(bytes, pos);
  }

  static long u32(byte[] bytes, int pos, boolean littleEndian) {
    return littleEndian
        ? (long) u16(bytes, pos + 2, true) << 16 | u16(bytes, pos, true)
        : u32(bytes, pos);
  }
}
