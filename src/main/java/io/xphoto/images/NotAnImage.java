package io.xphoto.images;

/** The bytes are not a well-formed PNG or JPEG. */
public final class NotAnImage extends Exception {

  public NotAnImage(String reason) {
    super(reason, null, false, false);
  }
}
