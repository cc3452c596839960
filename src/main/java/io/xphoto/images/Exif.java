package io.xphoto.images;

/** Just enough of EXIF (a TIFF structure) to read and write the orientation tag. */
public final class Exif {

  private static final int ORIENTATION = 0x0112;
  private static final int SHORT = 3;

  private Exif() {
  }

  /**
   * The orientation (1-8) in the TIFF structure at {@code tiff} (up to {@code end}), or 0 when absent or
   * unreadable.
   */
  public static int orientation(byte[] bytes, int tiff, int end) {
    if (end - tiff < 8) {
      return 0;
    }
    boolean little;
    if (bytes[tiff] == 'I' && bytes[tiff + 1] == 'I') {
      little = true;
    } else if (bytes[tiff] == 'M' && bytes[tiff + 1] == 'M') {
      little = false;
    } else {
      return 0;
    }
    long ifd = tiff + Bytes.u32(bytes, tiff + 4, little);
    if (ifd + 2 > end) {
      return 0;
    }
    int entries = Bytes.u16(bytes, (int) ifd, little);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + 12 * i;
      if (entry + 12 > end) {
        return 0;
      }
      if (Bytes.u16(bytes, entry, little) == ORIENTATION && Bytes.u16(bytes, entry + 2, little) == SHORT) {
        int value = Bytes.u16(bytes, entry + 8, little);
        return value >= 1 && value <= 8 ? value : 0;
      }
    }
    return 0;
  }

  /** An APP1 segment whose EXIF holds the orientation and nothing else. */
  public static byte[] orientationSegment(int orientation) {
    return new byte[] {
        (byte) 0xff, (byte) 0xe1, 0, 34,
        'E', 'x', 'i', 'f', 0, 0,
        'M', 'M', 0, 42, 0, 0, 0, 8,            // big-endian TIFF, IFD0 at offset 8
        0, 1,                                   // one entry
        0x01, 0x12, 0, SHORT, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
        0, 0, 0, 0};                            // no next IFD
  }
}
