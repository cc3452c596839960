package io.xphoto.images;

/**
 * A checked image: its type, size as stored, EXIF orientation (1-8, 1 for upright or unknown) and the bytes
 * to store (metadata stripped unless kept; the orientation always survives).
 */
public record Image(ImageType type, int width, int height, int orientation, byte[] bytes) {
}
