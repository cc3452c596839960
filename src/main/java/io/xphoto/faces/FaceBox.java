package io.xphoto.faces;

/** A detected face: corners in pixels and the detector's confidence. */
record FaceBox(float x1, float y1, float x2, float y2, float score) {

  float width() {
    return x2 - x1;
  }

  float height() {
    return y2 - y1;
  }

  float area() {
    return Math.max(0, width()) * Math.max(0, height());
  }

  float iou(FaceBox other) {
    float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
    float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    float overlap = w * h;
    return overlap / (area() + other.area() - overlap);
  }

  /** The share of the smaller box's area that lies in both. */
  float inside(FaceBox other) {
    float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
    float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
    if (w <= 0 || h <= 0) {
      return 0;
    }
    return w * h / Math.min(area(), other.area());
  }

  /** A square of side = the box's height around the same centre, clipped to a {@code width × height} picture. */
  FaceBox squared(int width, int height) {
    float side = height();
    float cx = (x1 + x2) / 2;
    float cy = (y1 + y2) / 2;
    return new FaceBox(Math.max(0, cx - side / 2), Math.max(0, cy - side / 2),
        Math.min(width, cx + side / 2), Math.min(height, cy + side / 2), score);
  }

  FaceBox scaled(float factor) {
    return new FaceBox(x1 * factor, y1 * factor, x2 * factor, y2 * factor, score);
  }
}
