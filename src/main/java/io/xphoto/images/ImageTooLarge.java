package io.xphoto.images;

/** The header declares more pixels than the server decodes (a pixel flood). */
public final class ImageTooLarge extends Exception {

  public ImageTooLarge(int width, int height, long maxPixels) {
    super("Image too large: " + width + "x" + height + " pixels, max is " + maxPixels / 1_000_000 + " megapixels",
        null, false, false);
  }
}
