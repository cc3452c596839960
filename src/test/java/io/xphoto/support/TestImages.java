package io.xphoto.support;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/** Images made in the test: real PNGs and JPEGs, and the same with metadata or damage added by hand. */
public final class TestImages {

  private TestImages() {
  }

  public static BufferedImage picture(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    java.util.Random random = new java.util.Random(seed);
    g.setColor(new Color(random.nextInt(0xffffff)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 20; i++) {
      g.setColor(new Color(random.nextInt(0xffffff)));
      g.fillOval(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width / 2 + 1), 1 + random.nextInt(height / 2 + 1));
    }
    g.dispose();
    return image;
  }

  public static byte[] png(int width, int height, long seed) {
    return encode(picture(width, height, seed), "png");
  }

  public static byte[] jpeg(int width, int height, long seed) {
    return encode(picture(width, height, seed), "jpg");
  }

  public static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG chunk with its length and CRC. */
  public static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    CRC32 crc = new CRC32();
    crc.update(chunk.array(), 4, 4 + data.length);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  /** The PNG with a chunk inserted right after IHDR (which ends at byte 33). */
  public static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) {
    return insert(png, 33, pngChunk(type, data));
  }

  /** A PNG whose header declares {@code width}×{@code height} pixels, with a tiny IDAT: a pixel flood. */
  public static byte[] pixelFloodPng(int width, int height) {
    byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0}).array();
    return concat(Arrays.copyOf(png(1, 1, 0), 8), pngChunk("IHDR", ihdr), pngChunk("IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1}),
        pngChunk("IEND", new byte[0]));
  }

  /**
   * An EXIF APP1 segment (big-endian TIFF) with an orientation tag and a GPS IFD holding a latitude
   * reference "N" and a marker string, so that its removal can be seen in the bytes.
   */
  public static byte[] exifWithGps(int orientation, String marker) {
    byte[] markerBytes = (marker + "\0").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + 2 + 2 * 12 + 4 + markerBytes.length);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    int gpsIfd = 8 + 2 + 2 * 12 + 4;
    tiff.putShort((short) 2);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
    tiff.putInt(0);
    int text = gpsIfd + 2 + 2 * 12 + 4;
    tiff.putShort((short) 2);
    tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    tiff.putShort((short) 0x001b).putShort((short) 7).putInt(markerBytes.length).putInt(text);
    tiff.putInt(0);
    tiff.put(markerBytes);
    byte[] body = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff.array());
    return concat(new byte[] {(byte) 0xff, (byte) 0xe1, (byte) ((body.length + 2) >> 8), (byte) (body.length + 2)}, body);
  }

  /** The JPEG with a segment inserted right after SOI. */
  public static byte[] withSegmentAfterSoi(byte[] jpeg, byte[] segment) {
    return insert(jpeg, 2, segment);
  }

  public static boolean contains(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    return concat(Arrays.copyOf(bytes, at), inserted, Arrays.copyOfRange(bytes, at, bytes.length));
  }
}
