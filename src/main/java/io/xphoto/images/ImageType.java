package io.xphoto.images;

public enum ImageType {
  PNG("png", "image/png"),
  JPEG("jpg", "image/jpeg");

  private final String extension;
  private final String contentType;

  ImageType(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }

  /** The type a file or object name's extension names ({@code <key>.png}, {@code <key>.jpg}). */
  public static ImageType ofName(String name) {
    String extension = name.substring(name.lastIndexOf('.') + 1);
    for (ImageType type : values()) {
      if (type.extension.equals(extension)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no image type for ." + extension);
  }
}
