package io.xphoto.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The annotated group photos of {@code src/test/resources/faces/group-photos.json}: real photos the build
 * installs, and group sheets composed from them (each source scaled to the sheet's tile width, laid out row
 * by row, mirrored where the sheet says so), with every face's box in the composed picture's pixels.
 */
public final class GroupPhotos {

  /** A face's box in picture pixels. */
  public record Box(double x1, double y1, double x2, double y2) {

    public double width() {
      return x2 - x1;
    }

    public double iou(Box other) {
      double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
      double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
      if (w <= 0 || h <= 0) {
        return 0;
      }
      double overlap = w * h;
      return overlap / ((x2 - x1) * (y2 - y1) + (other.x2 - other.x1) * (other.y2 - other.y1) - overlap);
    }
  }

  /** A composed photo and the faces a person counts in it. */
  public record Photo(String name, BufferedImage picture, List<Box> faces) {

    public byte[] jpeg(float quality) {
      return FacePhotos.jpeg(picture, quality);
    }

    /** As a JPEG of the best quality, in steps of 0.05 from 0.9, that fits {@code maxBytes}. */
    public byte[] jpegWithin(int maxBytes) {
      for (float quality = 0.9f; quality > 0.1f; quality -= 0.05f) {
        byte[] bytes = jpeg(quality);
        if (bytes.length <= maxBytes) {
          return bytes;
        }
      }
      throw new IllegalStateException(name + " does not fit in " + maxBytes + " bytes as a JPEG");
    }
  }

  private static final JsonObject ANNOTATIONS = read();

  private GroupPhotos() {
  }

  /** Every annotated group photo, in the file's order. */
  public static List<Photo> all() {
    List<Photo> photos = new ArrayList<>();
    for (Object photo : ANNOTATIONS.getJsonArray("photos")) {
      photos.add(compose((JsonObject) photo));
    }
    return photos;
  }

  public static Photo named(String name) {
    return all().stream().filter(photo -> photo.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no group photo " + name));
  }

  /** The picture standing for a 12 MP phone photo with 10 faces (the speed budget's). */
  public static Photo speed() {
    return compose(ANNOTATIONS.getJsonObject("speed"));
  }

  /** The installed pictures in which a person sees no face. */
  public static List<String> faceless() {
    return ANNOTATIONS.getJsonArray("faceless").stream().map(String.class::cast).toList();
  }

  private static Photo compose(JsonObject sheet) {
    int columns = sheet.getInteger("columns");
    int tileWidth = sheet.getInteger("tileWidth");
    JsonArray tiles = sheet.getJsonArray("tiles");
    List<BufferedImage> scaled = new ArrayList<>();
    List<Box> faces = new ArrayList<>();
    List<int[]> origins = new ArrayList<>();
    int y = 0;
    int rowHeight = 0;
    for (int i = 0; i < tiles.size(); i++) {
      Object tile = tiles.getValue(i);
      String name = tile instanceof String source ? source : ((JsonObject) tile).getString("source");
      boolean mirrored = tile instanceof JsonObject options && options.getBoolean("mirrored", false);
      BufferedImage source = TestImages.decode(TestAssets.photo(name));
      double factor = (double) tileWidth / source.getWidth();
      BufferedImage picture = scaled(source, tileWidth);
      if (mirrored) {
        picture = FacePhotos.mirrored(picture);
      }
      if (i % columns == 0 && i > 0) {
        y += rowHeight;
        rowHeight = 0;
      }
      int x = (i % columns) * tileWidth;
      rowHeight = Math.max(rowHeight, picture.getHeight());
      scaled.add(picture);
      origins.add(new int[] {x, y});
      JsonObject annotated = ANNOTATIONS.getJsonObject("sources").getJsonObject(name);
      for (Object face : annotated == null ? new JsonArray() : annotated.getJsonArray("faces")) {
        JsonArray box = (JsonArray) face;
        double x1 = box.getDouble(0) * factor;
        double x2 = box.getDouble(2) * factor;
        if (mirrored) {
          double left = picture.getWidth() - x2;
          x2 = picture.getWidth() - x1;
          x1 = left;
        }
        faces.add(new Box(x + x1, y + box.getDouble(1) * factor, x + x2, y + box.getDouble(3) * factor));
      }
    }
    int width = Math.min(tiles.size(), columns) * tileWidth;
    int height = Math.max(y + rowHeight, sheet.getInteger("height", 0));
    BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setColor(new Color(0x808080));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < scaled.size(); i++) {
      g.drawImage(scaled.get(i), origins.get(i)[0], origins.get(i)[1], null);
    }
    g.dispose();
    return new Photo(sheet.getString("name"), canvas, faces);
  }

  /** Scaled to {@code width} by halvings then one bilinear step, so that a small copy is not aliased. */
  private static BufferedImage scaled(BufferedImage source, int width) {
    BufferedImage picture = source;
    while (picture.getWidth() / 2 >= width) {
      picture = FacePhotos.scaled(picture, 0.5);
    }
    int height = (int) Math.round((double) source.getHeight() * width / source.getWidth());
    BufferedImage copy = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = copy.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(picture, 0, 0, width, height, null);
    g.dispose();
    return copy;
  }

  private static JsonObject read() {
    try (InputStream in = GroupPhotos.class.getResourceAsStream("/faces/group-photos.json")) {
      if (in == null) {
        throw new IllegalStateException("src/test/resources/faces/group-photos.json is not on the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
