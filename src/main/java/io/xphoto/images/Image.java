package io.xphoto.images;

/**
 * A checked image: its type, size as stored, EXIF orientation (1-8, 1 for upright or unknown) and the bytes
 * to store (metadata stripped unless kept; the orientation always survives).
 */
public record Image(ImageType type, int width, int height, int orientation, byte[] bytes) {

  /** The seeds' limit for a photo ("File size too large. Max is 1MB") and an avatar ("1 MByte"). */
  public static final int MAX_BYTES = 1024 * 1024;
}
