package io.xphoto.images;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/** Walks a PNG's chunks, checking each CRC; drops the text and EXIF chunks when asked. */
final class PngStructure {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Chunks that can carry personal data (location, camera, author); none is needed to show the image. */
  private static final Set<String> METADATA = Set.of("tEXt", "zTXt", "iTXt", "eXIf");

  private PngStructure() {
  }

  static boolean matches(byte[] bytes) {
    if (bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static Image read(byte[] bytes, boolean strip) throws NotAnImage {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
    kept.write(bytes, 0, SIGNATURE.length);
    int pos = SIGNATURE.length;
    int width = 0;
    int height = 0;
    boolean sawData = false;
    while (true) {
      if (pos + 12 > bytes.length) {
        throw new NotAnImage("PNG truncated");
      }
      long length = Bytes.u32(bytes, pos);
      if (length > bytes.length - pos - 12) {
        throw new NotAnImage("PNG chunk overruns the file");
      }
      int chunkLength = (int) length;
      String type = new String(bytes, pos + 4, 4, StandardCharsets.ISO_8859_1);
      CRC32 crc = new CRC32();
      crc.update(bytes, pos + 4, 4 + chunkLength);
      if (crc.getValue() != Bytes.u32(bytes, pos + 8 + chunkLength)) {
        throw new NotAnImage("PNG chunk " + type + " is corrupt");
      }
      if (pos == SIGNATURE.length) {
        if (!type.equals("IHDR") || chunkLength != 13) {
          throw new NotAnImage("PNG does not start with IHDR");
        }
        width = (int) Math.min(Bytes.u32(bytes, pos + 8), Integer.MAX_VALUE);
        height = (int) Math.min(Bytes.u32(bytes, pos + 12), Integer.MAX_VALUE);
        if (width == 0 || height == 0) {
          throw new NotAnImage("PNG has no pixels");
        }
      }
      sawData |= type.equals("IDAT");
      if (!(strip && METADATA.contains(type))) {
        kept.write(bytes, pos, 12 + chunkLength);
      }
      pos += 12 + chunkLength;
      if (type.equals("IEND")) {
        break;
      }
    }
    if (!sawData) {
      throw new NotAnImage("PNG has no image data");
    }
    return new Image(ImageType.PNG, width, height, 1, strip ? kept.toByteArray() : bytes);
  }
}
