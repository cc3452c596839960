package io.xphoto.images;

/** A checked image: its type, size and the bytes to store (metadata stripped unless kept). */
public record Image(ImageType type, int width, int height, byte[] bytes) {
}
