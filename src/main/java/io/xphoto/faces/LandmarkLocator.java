package io.xphoto.faces;

import java.nio.file.Path;

/**
 * The 68-point landmark model (fr_landmark.onnx): the square face crop resized to 64×64 in grey, v / 256;
 * outputs 68 (x, y) pairs as fractions of the crop. Reduced to the five points alignment uses.
 */
final class LandmarkLocator {

  static final String FILE = "fr_landmark.onnx";
  private static final int SIZE = 64;

  private final OnnxModel model;

  LandmarkLocator(OnnxModel model) {
    this.model = model;
  }

  static OnnxModel load(Path directory) {
    return OnnxModel.load(directory.resolve(FILE), "input", 1, 1, SIZE, SIZE);
  }

  /** Left eye, right eye, nose tip, left and right mouth corner: {x0, y0, …, x4, y4} in picture pixels. */
  float[] fivePoints(Pixels picture, FaceBox face) {
    float[] input = picture.grey(face.x1(), face.y1(), face.width(), face.height(), SIZE, 256f);
    float[] marks = model.run(input, "output")[0];
    float[] x = new float[68];
    float[] y = new float[68];
    for (int i = 0; i < 68; i++) {
      x[i] = marks[2 * i] * face.width() + face.x1();
      y[i] = marks[2 * i + 1] * face.height() + face.y1();
    }
    return new float[] {
        mean(x, 37, 38, 40, 41), mean(y, 37, 38, 40, 41),
        mean(x, 43, 44, 46, 47), mean(y, 43, 44, 46, 47),
        x[30], y[30],
        mean(x, 48, 60), mean(y, 48, 60),
        mean(x, 54, 64), mean(y, 54, 64)};
  }

  private static float mean(float[] values, int... indices) {
    float sum = 0;
    for (int i : indices) {
      sum += values[i];
    }
    return sum / indices.length;
  }
}
