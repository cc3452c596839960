package io.xphoto.support;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/** Portraits cut from the sample photos, altered copies of them, and pictures without a face. */
public final class FacePhotos {

  /** A face of a sample photo: the photo's number and the face's box in its pixels. */
  public record Person(String name, int sample, int x1, int y1, int x2, int y2) {
  }

  // Boxes as the detector finds them in the pinned sample photos; each person appears in one photo.
  public static final Person ANNA = new Person("anna", 5, 1363, 385, 1639, 661);
  public static final Person BELLA = new Person("bella", 6, 1448, 267, 1736, 555);
  public static final Person CARA = new Person("cara", 2, 306, 124, 594, 413);
  public static final Person DORA = new Person("dora", 4, 952, 183, 1198, 429);
  public static final Person EMMA = new Person("emma", 3, 556, 334, 822, 599);
  public static final Person FAYE = new Person("faye", 1, 390, 360, 627, 596);

  private FacePhotos() {
  }

  /** The person's face with half its size of margin on each side, as a JPEG (quality 0.9). */
  public static BufferedImage portrait(Person person) {
    BufferedImage photo = TestImages.decode(TestAssets.samplePhoto(person.sample()));
    int margin = (person.x2() - person.x1()) / 2;
    int x = Math.max(0, person.x1() - margin);
    int y = Math.max(0, person.y1() - margin);
    int w = Math.min(photo.getWidth(), person.x2() + margin) - x;
    int h = Math.min(photo.getHeight(), person.y2() + margin) - y;
    BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = copy.createGraphics();
    g.drawImage(photo.getSubimage(x, y, w, h), 0, 0, null);
    g.dispose();
    return copy;
  }

  public static byte[] jpeg(BufferedImage image, float quality) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
         ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
      writer.dispose();
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage scaled(BufferedImage image, double factor) {
    int w = (int) (image.getWidth() * factor);
    int h = (int) (image.getHeight() * factor);
    BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = copy.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return copy;
  }

  public static BufferedImage mirrored(BufferedImage image) {
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = copy.createGraphics();
    g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
    g.dispose();
    return copy;
  }

  public static BufferedImage brighter(BufferedImage image) {
    BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    new RescaleOp(1.3f, 25f, null).filter(image, copy);
    return copy;
  }

  /** The picture turned a quarter counter-clockwise: what a phone stores for EXIF orientation 6. */
  public static BufferedImage turnedLeft(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage copy = new BufferedImage(h, w, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        copy.setRGB(y, w - 1 - x, image.getRGB(x, y));
      }
    }
    return copy;
  }

  public static byte[] flat(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(0x8090a0));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return TestImages.encode(image, "png");
  }

  public static byte[] noise(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return jpeg(image, 0.9f);
  }
}
