package io.xphoto.faces;

/**
 * A decoded picture as the models see it: 8-bit samples in B, G, R order, row by row. Sampling is bilinear
 * with coordinates at pixel centres (as OpenCV's resize and warpAffine), clamped at the borders.
 */
record Pixels(int width, int height, byte[] bgr) {

  Pixels {
    if (bgr.length != width * height * 3) {
      throw new IllegalArgumentException("expected " + width * height * 3 + " samples, got " + bgr.length);
    }
  }

  /** Channel {@code c} (0 = B, 1 = G, 2 = R) at the real position (x, y), bilinearly interpolated. */
  float sample(float x, float y, int c) {
    float fx = Math.min(Math.max(x, 0f), width - 1f);
    float fy = Math.min(Math.max(y, 0f), height - 1f);
    int x0 = (int) fx;
    int y0 = (int) fy;
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    float ax = fx - x0;
    float ay = fy - y0;
    float top = at(x0, y0, c) * (1 - ax) + at(x1, y0, c) * ax;
    float bottom = at(x0, y1, c) * (1 - ax) + at(x1, y1, c) * ax;
    return top * (1 - ay) + bottom * ay;
  }

  private int at(int x, int y, int c) {
    return bgr[(y * width + x) * 3 + c] & 0xff;
  }

  /**
   * The region (left, top, regionWidth, regionHeight) resized to {@code outWidth × outHeight}, as a planar
   * NCHW tensor of B, G, R planes normalised by {@code (v − mean) / scale}. The whole picture goes through
   * here for detection, so the interpolation weights are computed once per row and column.
   */
  float[] planarBgr(float left, float top, float regionWidth, float regionHeight,
                    int outWidth, int outHeight, float mean, float scale) {
    Axis columns = new Axis(left, regionWidth / outWidth, outWidth, width);
    Axis rows = new Axis(top, regionHeight / outHeight, outHeight, height);
    float[] tensor = new float[3 * outWidth * outHeight];
    int plane = outWidth * outHeight;
    for (int oy = 0; oy < outHeight; oy++) {
      int row0 = rows.low[oy] * width;
      int row1 = rows.high[oy] * width;
      float ay = rows.weight[oy];
      for (int ox = 0; ox < outWidth; ox++) {
        int p00 = (row0 + columns.low[ox]) * 3;
        int p01 = (row0 + columns.high[ox]) * 3;
        int p10 = (row1 + columns.low[ox]) * 3;
        int p11 = (row1 + columns.high[ox]) * 3;
        float ax = columns.weight[ox];
        int i = oy * outWidth + ox;
        for (int c = 0; c < 3; c++) {
          float top0 = (bgr[p00 + c] & 0xff) + ((bgr[p01 + c] & 0xff) - (bgr[p00 + c] & 0xff)) * ax;
          float bottom = (bgr[p10 + c] & 0xff) + ((bgr[p11 + c] & 0xff) - (bgr[p10 + c] & 0xff)) * ax;
          tensor[c * plane + i] = (top0 + (bottom - top0) * ay - mean) / scale;
        }
      }
    }
    return tensor;
  }

  /** Bilinear source positions along one axis: for each output index, the two neighbours and the weight. */
  private static final class Axis {
    final int[] low;
    final int[] high;
    final float[] weight;

    Axis(float start, float step, int count, int size) {
      low = new int[count];
      high = new int[count];
      weight = new float[count];
      for (int o = 0; o < count; o++) {
        float at = Math.min(Math.max(start + (o + 0.5f) * step - 0.5f, 0f), size - 1f);
        low[o] = (int) at;
        high[o] = Math.min(low[o] + 1, size - 1);
        weight[o] = at - low[o];
      }
    }
  }

  /** The region resized to {@code size × size} in grey (ITU-R BT.601 weights), divided by {@code scale}. */
  float[] grey(float left, float top, float regionWidth, float regionHeight, int size, float scale) {
    float[] tensor = new float[size * size];
    float sx = regionWidth / size;
    float sy = regionHeight / size;
    for (int oy = 0; oy < size; oy++) {
      float y = top + (oy + 0.5f) * sy - 0.5f;
      for (int ox = 0; ox < size; ox++) {
        float x = left + (ox + 0.5f) * sx - 0.5f;
        float grey = 0.114f * sample(x, y, 0) + 0.587f * sample(x, y, 1) + 0.299f * sample(x, y, 2);
        tensor[oy * size + ox] = grey / scale;
      }
    }
    return tensor;
  }
}
