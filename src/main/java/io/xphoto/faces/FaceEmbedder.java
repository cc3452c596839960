package io.xphoto.faces;

import java.nio.file.Path;

/** The embedding model (fr_feature.onnx): an aligned 112×112 face in, 512 floats out, L2-normalised here. */
final class FaceEmbedder {

  static final String FILE = "fr_feature.onnx";
  static final int DIMENSIONS = 512;

  private final OnnxModel model;

  FaceEmbedder(OnnxModel model) {
    this.model = model;
  }

  static OnnxModel load(Path directory) {
    return OnnxModel.load(directory.resolve(FILE), "input", 1, 3, FaceAligner.SIZE, FaceAligner.SIZE);
  }

  float[] embed(float[] alignedFace) {
    float[] vector = model.run(alignedFace, "output")[0];
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    float inverse = (float) (1 / Math.sqrt(Math.max(sum, 1e-12)));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= inverse;
    }
    return vector;
  }
}
