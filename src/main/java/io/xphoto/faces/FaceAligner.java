package io.xphoto.faces;

/**
 * Warps a face to the 112×112 layout the embedding model was trained on: the least-squares similarity
 * transform (rotation, uniform scale, translation; no shear) taking the five points onto the standard
 * ArcFace template. A three-point affine map, as the models' JS reference uses, shears faces and lets
 * genuine pairs overlap impostors.
 */
final class FaceAligner {

  static final int SIZE = 112;
  private static final float[] TEMPLATE = {
      38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f, 92.2041f};

  private FaceAligner() {
  }

  /** The aligned face as a planar B, G, R tensor, (v − 127) / 128. */
  static float[] align(Pixels picture, float[] points) {
    float[] t = similarity(points, TEMPLATE);
    float a = t[0];
    float b = t[1];
    float tx = t[2];
    float ty = t[3];
    // Invert picture→template to sample the picture for each template pixel.
    float norm = a * a + b * b;
    float[] tensor = new float[3 * SIZE * SIZE];
    int plane = SIZE * SIZE;
    for (int oy = 0; oy < SIZE; oy++) {
      for (int ox = 0; ox < SIZE; ox++) {
        float dx = ox - tx;
        float dy = oy - ty;
        float x = (a * dx + b * dy) / norm;
        float y = (-b * dx + a * dy) / norm;
        int i = oy * SIZE + ox;
        for (int c = 0; c < 3; c++) {
          tensor[c * plane + i] = (picture.sample(x, y, c) - 127f) / 128f;
        }
      }
    }
    return tensor;
  }

  /**
   * {a, b, tx, ty} of the map (x, y) → (a·x − b·y + tx, b·x + a·y + ty) that best takes {@code from} onto
   * {@code to} (both {x0, y0, x1, y1, …}) in the least-squares sense.
   */
  static float[] similarity(float[] from, float[] to) {
    int n = from.length / 2;
    double fx = 0, fy = 0, tx = 0, ty = 0;
    for (int i = 0; i < n; i++) {
      fx += from[2 * i];
      fy += from[2 * i + 1];
      tx += to[2 * i];
      ty += to[2 * i + 1];
    }
    fx /= n;
    fy /= n;
    tx /= n;
    ty /= n;
    double dot = 0, cross = 0, spread = 0;
    for (int i = 0; i < n; i++) {
      double sx = from[2 * i] - fx;
      double sy = from[2 * i + 1] - fy;
      double dx = to[2 * i] - tx;
      double dy = to[2 * i + 1] - ty;
      dot += sx * dx + sy * dy;
      cross += sx * dy - sy * dx;
      spread += sx * sx + sy * sy;
    }
    double a = dot / spread;
    double b = cross / spread;
    return new float[] {(float) a, (float) b, (float) (tx - (a * fx - b * fy)), (float) (ty - (b * fx + a * fy))};
  }
}
