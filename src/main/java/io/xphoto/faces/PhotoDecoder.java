package io.xphoto.faces;

import io.xphoto.images.Image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes a checked image into {@link Pixels}, upright (EXIF orientation applied, as a phone photo is
 * shown) and subsampled while decoding when it is much larger than the models need: decoding dominates the
 * cost of a search, and a face found in a 1600-pixel picture is already sharper than the 112-pixel crop the
 * embedding sees.
 */
final class PhotoDecoder {

  /** Longest side worth decoding; larger pictures are read every n-th pixel. */
  static final int USEFUL_SIDE = 1600;

  static {
    ImageIO.setUseCache(false);
  }

  /** Upright pixels and how many original pixels one of them stands for. */
  record Decoded(Pixels pixels, int subsampling) {
  }

  private PhotoDecoder() {
  }

  static Decoded decode(Image image) throws IOException {
    int subsampling = Math.max(1, Math.max(image.width(), image.height()) / USEFUL_SIDE);
    BufferedImage picture = read(image.bytes(), subsampling);
    return new Decoded(upright(bgr(picture), image.orientation()), subsampling);
  }

  private static BufferedImage read(byte[] bytes, int subsampling) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw new IOException("no decoder for this image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        return reader.read(0, param);
      } catch (RuntimeException e) {
        throw new IOException("undecodable image", e); // ImageIO reports some corrupt data unchecked
      } finally {
        reader.dispose();
      }
    }
  }

  private static Pixels bgr(BufferedImage picture) {
    int width = picture.getWidth();
    int height = picture.getHeight();
    if (picture.getType() != BufferedImage.TYPE_3BYTE_BGR
        || !(picture.getRaster().getDataBuffer() instanceof DataBufferByte data)
        || data.getData().length != width * height * 3) {
      BufferedImage converted = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D graphics = converted.createGraphics();
      graphics.setColor(Color.WHITE); // transparent PNG areas become white, as a viewer shows them
      graphics.fillRect(0, 0, width, height);
      graphics.drawImage(picture, 0, 0, null);
      graphics.dispose();
      picture = converted;
    }
    byte[] samples = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
    return new Pixels(width, height, samples);
  }

  /** The pixels as displayed for EXIF orientation 1-8 (mirrors and quarter turns). */
  static Pixels upright(Pixels stored, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return stored;
    }
    int w = stored.width();
    int h = stored.height();
    boolean swapped = orientation >= 5;
    int outWidth = swapped ? h : w;
    int outHeight = swapped ? w : h;
    byte[] in = stored.bgr();
    byte[] out = new byte[in.length];
    for (int dy = 0; dy < outHeight; dy++) {
      for (int dx = 0; dx < outWidth; dx++) {
        int sx;
        int sy;
        switch (orientation) {
          case 2 -> { sx = w - 1 - dx; sy = dy; }
          case 3 -> { sx = w - 1 - dx; sy = h - 1 - dy; }
          case 4 -> { sx = dx; sy = h - 1 - dy; }
          case 5 -> { sx = dy; sy = dx; }
          case 6 -> { sx = dy; sy = h - 1 - dx; }
          case 7 -> { sx = w - 1 - dy; sy = h - 1 - dx; }
          default -> { sx = w - 1 - dy; sy = dx; } // 8
        }
        int from = (sy * w + sx) * 3;
        int to = (dy * outWidth + dx) * 3;
        out[to] = in[from];
        out[to + 1] = in[from + 1];
        out[to + 2] = in[from + 2];
      }
    }
    return new Pixels(outWidth, outHeight, out);
  }
}
