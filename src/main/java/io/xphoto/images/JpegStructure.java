package io.xphoto.images;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks a JPEG's segments and scans from SOI to EOI. When stripping, drops EXIF and XMP (APP1), IPTC
 * (APP13) and comments, and writes back a minimal EXIF holding only the orientation, so that phone
 * photos still show upright. Segments are copied byte for byte: nothing is re-encoded.
 */
final class JpegStructure {

  private static final int SOI = 0xd8;
  private static final int EOI = 0xd9;
  private static final int SOS = 0xda;
  private static final int APP0 = 0xe0;
  private static final int APP1 = 0xe1;
  private static final int APP13 = 0xed;
  private static final int COM = 0xfe;
  private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
  /** Little-endian: the lowest byte of a word read at {@code pos} is {@code bytes[pos]}. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private JpegStructure() {
  }

  static boolean matches(byte[] bytes) {
    return bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == SOI && (bytes[2] & 0xff) == 0xff;
  }

  static Image read(byte[] bytes, boolean strip) throws NotAnImage {
    Kept kept = new Kept();
    kept.write(0, 2);
    int afterSoiAndApp0 = 2;
    int pos = 2;
    int width = 0;
    int height = 0;
    int orientation = 0;
    while (true) {
      int start = pos;
      if (pos >= bytes.length || (bytes[pos] & 0xff) != 0xff) {
        throw new NotAnImage("JPEG truncated or corrupt");
      }
      while (pos < bytes.length && (bytes[pos] & 0xff) == 0xff) {
        pos++;
      }
      if (pos >= bytes.length) {
        throw new NotAnImage("JPEG truncated");
      }
      int marker = bytes[pos++] & 0xff;
      if (marker == EOI) {
        kept.write(start, pos - start);
        break;
      }
      if (marker == SOI || marker == 0x00 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        throw new NotAnImage("JPEG has a stray marker");
      }
      if (pos + 2 > bytes.length) {
        throw new NotAnImage("JPEG truncated");
      }
      int length = Bytes.u16(bytes, pos);
      if (length < 2 || pos + length > bytes.length) {
        throw new NotAnImage("JPEG segment overruns the file");
      }
      int data = pos + 2;
      int end = pos + length;
      if (isStartOfFrame(marker)) {
        if (length < 8) {
          throw new NotAnImage("JPEG frame header too short");
        }
        height = Bytes.u16(bytes, data + 1);
        width = Bytes.u16(bytes, data + 3);
      }
      boolean exif = marker == APP1 && startsWith(bytes, data, end, EXIF_HEADER);
      if (exif) {
        orientation = Exif.orientation(bytes, data + EXIF_HEADER.length, end);
      }
      boolean metadata = marker == APP1 || marker == APP13 || marker == COM;
      if (!(strip && metadata)) {
        kept.write(start, end - start);
      }
      if (marker == APP0 && start == 2) {
        afterSoiAndApp0 = kept.size();
      }
      pos = end;
      if (marker == SOS) {
        if (width == 0 || height == 0) {
          throw new NotAnImage("JPEG scan before a frame header");
        }
        int scanEnd = endOfEntropyCodedData(bytes, pos);
        kept.write(pos, scanEnd - pos);
        pos = scanEnd;
      }
    }
    if (width == 0 || height == 0) {
      throw new NotAnImage("JPEG has no frame header");
    }
    if (!strip) {
      return new Image(ImageType.JPEG, width, height, Math.max(orientation, 1), bytes);
    }
    byte[] stripped = kept.bytes(bytes);
    if (orientation > 1) {
      stripped = insert(stripped, afterSoiAndApp0, Exif.orientationSegment(orientation));
    }
    return new Image(ImageType.JPEG, width, height, Math.max(orientation, 1), stripped);
  }

  /**
   * The ranges of the source kept when stripping, in order: the stripped file is built with one copy at the end,
   * and is the source array itself when nothing was dropped (the common case of a photo without metadata).
   */
  private static final class Kept {
    private int[] ranges = new int[32];
    private int count;
    private int size;

    void write(int start, int length) {
      if (length == 0) {
        return;
      }
      size += length;
      if (count > 0 && ranges[2 * count - 2] + ranges[2 * count - 1] == start) {
        ranges[2 * count - 1] += length;
        return;
      }
      if (2 * count + 2 > ranges.length) {
        ranges = Arrays.copyOf(ranges, ranges.length * 2);
      }
      ranges[2 * count] = start;
      ranges[2 * count + 1] = length;
      count++;
    }

    int size() {
      return size;
    }

    byte[] bytes(byte[] source) {
      if (count == 1 && ranges[0] == 0 && ranges[1] == source.length) {
        return source;
      }
      byte[] out = new byte[size];
      int at = 0;
      for (int i = 0; i < count; i++) {
        System.arraycopy(source, ranges[2 * i], out, at, ranges[2 * i + 1]);
        at += ranges[2 * i + 1];
      }
      return out;
    }
  }

  /** The position of the marker that ends a scan: an 0xFF not followed by 0x00 (stuffing) or a restart marker. */
  private static int endOfEntropyCodedData(byte[] bytes, int pos) throws NotAnImage {
    int last = bytes.length - 1;
    while (pos < last) {
      pos = nextFf(bytes, pos, last);
      if (pos >= last) {
        break;
      }
      int next = bytes[pos + 1] & 0xff;
      if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
        pos += 2;
      } else if (next == 0xff) {
        pos++;
      } else {
        return pos;
      }
    }
    throw new NotAnImage("JPEG truncated in a scan");
  }

  /**
   * The first index in [{@code pos}, {@code limit}) holding 0xFF, or {@code limit}. Eight bytes at a time, and
   * 32 at a time with a single test while no 0xFF turns up (most of a scan): the bytes equal to 0xFF are the zero
   * bytes of the complement, and the lowest zero byte of a word is found exactly by
   * {@code (x - 0x01..01) & ~x & 0x80..80} (a borrow can only mark bytes above it). Most of an upload's checking
   * time is this scan.
   */
  static int nextFf(byte[] bytes, int pos, int limit) {
    while (pos + 4 * Long.BYTES <= limit
        && (ffBytes(bytes, pos) | ffBytes(bytes, pos + 8) | ffBytes(bytes, pos + 16) | ffBytes(bytes, pos + 24)) == 0) {
      pos += 4 * Long.BYTES;
    }
    while (pos + Long.BYTES <= limit) {
      long ff = ffBytes(bytes, pos);
      if (ff != 0) {
        return pos + (Long.numberOfTrailingZeros(ff) >>> 3);
      }
      pos += Long.BYTES;
    }
    while (pos < limit && bytes[pos] != (byte) 0xff) {
      pos++;
    }
    return pos;
  }

  /** The high bit of the lowest byte equal to 0xFF of the word at {@code pos} (and perhaps of bytes above it), or 0. */
  private static long ffBytes(byte[] bytes, int pos) {
    long inverted = ~(long) LONGS.get(bytes, pos);
    return (inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L;
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  private static boolean startsWith(byte[] bytes, int pos, int end, byte[] prefix) {
    if (end - pos < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] insert(byte[] bytes, int at, byte[] segment) {
    byte[] result = new byte[bytes.length + segment.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(segment, 0, result, at, segment.length);
    System.arraycopy(bytes, at, result, at + segment.length, bytes.length - at);
    return result;
  }
}
