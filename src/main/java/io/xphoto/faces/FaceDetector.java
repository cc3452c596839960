package io.xphoto.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The detection model (fr_detect.onnx, an Ultra-Light 320×240 detector): the whole picture resized to
 * 320×240, B, G, R planes as (v − 127) / 128. Its outputs are already decoded: {@code scores[i][1]} is the
 * face probability and {@code boxes[i]} the corners x1, y1, x2, y2 as fractions of the picture.
 */
final class FaceDetector {

  static final String FILE = "fr_detect.onnx";
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;
  private static final float NMS_IOU = 0.4f;

  private final OnnxModel model;
  private final float threshold;

  FaceDetector(OnnxModel model, float threshold) {
    this.model = model;
    this.threshold = threshold;
  }

  static OnnxModel load(java.nio.file.Path directory) {
    return OnnxModel.load(directory.resolve(FILE), "input", 1, 3, HEIGHT, WIDTH);
  }

  /** The faces found, squared and clipped to the picture, largest first. */
  List<FaceBox> detect(Pixels picture) {
    float[] input = picture.planarBgr(0, 0, picture.width(), picture.height(), WIDTH, HEIGHT, 127f, 128f);
    float[][] outputs = model.run(input, "scores", "boxes");
    float[] scores = outputs[0];
    float[] boxes = outputs[1];
    List<FaceBox> candidates = new ArrayList<>();
    for (int i = 0; i < scores.length / 2; i++) {
      float score = scores[2 * i + 1];
      if (score >= threshold) {
        candidates.add(new FaceBox(boxes[4 * i] * picture.width(), boxes[4 * i + 1] * picture.height(),
            boxes[4 * i + 2] * picture.width(), boxes[4 * i + 3] * picture.height(), score));
      }
    }
    List<FaceBox> faces = new ArrayList<>();
    for (FaceBox box : suppressOverlaps(candidates)) {
      FaceBox square = box.squared(picture.width(), picture.height());
      if (square.width() >= 2 && square.height() >= 2) {
        faces.add(square);
      }
    }
    faces.sort(Comparator.comparingDouble(FaceBox::area).reversed());
    return faces;
  }

  /** Greedy non-maximum suppression: the best-scored box wins over every box overlapping it too much. */
  private static List<FaceBox> suppressOverlaps(List<FaceBox> candidates) {
    candidates.sort(Comparator.comparingDouble(FaceBox::score).reversed());
    List<FaceBox> kept = new ArrayList<>();
    for (FaceBox candidate : candidates) {
      if (kept.stream().allMatch(box -> box.iou(candidate) <= NMS_IOU)) {
        kept.add(candidate);
      }
    }
    return kept;
  }
}
