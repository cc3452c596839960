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

  public static ImageType ofExtension(String extension) {
    for (ImageType type : values()) {
      if (type.extension.equals(extension)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no image type for ." + extension);
  }
}
