package io.xphoto.images;

/**
 * Decides what an uploaded file is by its bytes alone (never its name or declared type), checks its
 * structure, refuses pixel floods from the header, and strips metadata losslessly.
 *
 * <p>No pixel is decoded: the PNG chunks (with their CRCs) and the JPEG segments up to EOI are walked, so a
 * corrupt or truncated file is refused, and a file declaring 50000×50000 pixels costs nothing. Runs in
 * time linear in the file (≤ 1 MiB); call it off the event loop all the same.
 */
public final class ImageInspector {

  private final long maxPixels;
  private final boolean keepMetadata;

  public ImageInspector(long maxPixels, boolean keepMetadata) {
    this.maxPixels = maxPixels;
    this.keepMetadata = keepMetadata;
  }

  public Image inspect(byte[] bytes) throws NotAnImage, ImageTooLarge {
    Image image;
    if (PngStructure.matches(bytes)) {
      image = PngStructure.read(bytes, !keepMetadata);
    } else if (JpegStructure.matches(bytes)) {
      image = JpegStructure.read(bytes, !keepMetadata);
    } else {
      throw new NotAnImage("neither PNG nor JPEG");
    }
    if ((long) image.width() * image.height() > maxPixels) {
      throw new ImageTooLarge(image.width(), image.height(), maxPixels);
    }
    return keepMetadata ? new Image(image.type(), image.width(), image.height(), image.orientation(), bytes) : image;
  }
}
