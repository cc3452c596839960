package io.xphoto.faces;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the detector looks in a picture: the whole picture (stretched to the detector's input, as it always
 * did), and, in a picture large enough that its smallest wanted faces would shrink below what the detector
 * sees there, overlapping tiles at finer scales. A scale {@code s} means one input pixel stands for {@code s}
 * picture pixels; the detector finds faces from {@link #DETECTABLE} input pixels wide (measured: faces cut
 * from the sample photos and zoomed to n pixels at the input were found 6/21 at 14, 13/21 at 16, 20/21 at 20
 * and up to 160), so a tile level finds faces of {@code DETECTABLE·s} picture pixels and more. Levels are
 * {@link #LEVEL_RATIO} apart, from the whole picture's scale down to {@code minScale}; tiles of one level
 * overlap by {@link #OVERLAP} input pixels, so every face up to that size lies whole in one of them (larger
 * ones are the coarser level's), and a box touching a tile's inner edge is dropped as a cut face. A tile keeps
 * no box larger than the overlap: on the annotated group photos (bench/faces), keeping boxes up to twice that
 * found one face more (of 204) and made three false detections (parts of large faces); with the limit, none.
 */
final class DetectionWindows {

  static final int INPUT_WIDTH = 320;
  static final int INPUT_HEIGHT = 240;
  static final float DETECTABLE = 20f;
  static final float OVERLAP = 64f;
  static final float LEVEL_RATIO = OVERLAP / DETECTABLE;

  /** A region of the picture in picture pixels: the whole picture, or a tile of it. */
  record Window(float left, float top, float width, float height, boolean whole) {

    /**
     * Whether a box found in this window is kept: any from the whole picture; from a tile, a face of its level
     * (larger ones are the coarser level's: a tile also sees parts of a large face as faces) not touching one of
     * its edges that cut the picture.
     */
    boolean keeps(FaceBox box, int pictureWidth, int pictureHeight) {
      if (whole) {
        return true;
      }
      float scale = width / INPUT_WIDTH;
      float margin = 2 * scale;
      boolean cut = (left > 0 && box.x1() <= left + margin)
          || (top > 0 && box.y1() <= top + margin)
          || (left + width < pictureWidth && box.x2() >= left + width - margin)
          || (top + height < pictureHeight && box.y2() >= top + height - margin);
      return !cut && Math.max(box.width(), box.height()) <= OVERLAP * scale;
    }
  }

  private DetectionWindows() {
  }

  /**
   * The windows for a {@code width × height} picture: first the whole picture, then the tiles of each finer
   * level, none finer than {@code minScale} picture pixels per input pixel.
   */
  static List<Window> of(int width, int height, float minScale) {
    List<Window> windows = new ArrayList<>();
    windows.add(new Window(0, 0, width, height, true));
    float wholeScale = Math.max((float) width / INPUT_WIDTH, (float) height / INPUT_HEIGHT);
    for (float scale = minScale; scale < wholeScale; scale *= LEVEL_RATIO) {
      tiles(width, height, scale, windows);
    }
    return windows;
  }

  private static void tiles(int width, int height, float scale, List<Window> windows) {
    float tileWidth = Math.min(width, INPUT_WIDTH * scale);
    float tileHeight = Math.min(height, INPUT_HEIGHT * scale);
    float overlap = OVERLAP * scale;
    int columns = count(width, tileWidth, overlap);
    int rows = count(height, tileHeight, overlap);
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columns; column++) {
        windows.add(new Window(start(width, tileWidth, columns, column), start(height, tileHeight, rows, row),
            tileWidth, tileHeight, false));
      }
    }
  }

  /** Tiles of {@code tile} needed to cover {@code size} with at least {@code overlap} between neighbours. */
  private static int count(int size, float tile, float overlap) {
    return tile >= size ? 1 : (int) Math.ceil((size - overlap) / (tile - overlap));
  }

  /** Tiles spread evenly: the first at 0, the last ending at the picture's edge. */
  private static float start(int size, float tile, int count, int index) {
    return count == 1 ? 0 : index * (size - tile) / (count - 1);
  }
}
