package io.xphoto.faces;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The detection model (fr_detect.onnx, an Ultra-Light 320×240 detector) run over the {@link DetectionWindows}
 * of a picture: each window resized to 320×240, B, G, R planes as (v − 127) / 128. The model's outputs are
 * already decoded: {@code scores[i][1]} is the face probability and {@code boxes[i]} the corners x1, y1, x2, y2
 * as fractions of the window. The boxes of every window, in picture pixels, are merged by non-maximum
 * suppression.
 */
final class FaceDetector {

  static final String FILE = "fr_detect.onnx";
  private static final float NMS_IOU = 0.4f;
  /** A box this much inside a better one is a part of its face (a tile sees an eye and a nose as a face). */
  private static final float NMS_INSIDE = 0.7f;

  private final OnnxModel model;
  private final float threshold;
  private final float minScale;
  private final ModelThreads threads;

  /**
   * @param minFace    the smallest face wanted, in pixels of the picture given to {@link #detect}: tiles are
   *                   looked at no finer than where such a face is {@link DetectionWindows#DETECTABLE} pixels wide
   * @param threads    the threads that run the windows of a tiled picture
   */
  FaceDetector(OnnxModel model, float threshold, float minFace, ModelThreads threads) {
    this.model = model;
    this.threshold = threshold;
    this.minScale = minFace / DetectionWindows.DETECTABLE;
    this.threads = threads;
  }

  static OnnxModel load(java.nio.file.Path directory) {
    return OnnxModel.load(directory.resolve(FILE), "input", 1, 3, DetectionWindows.INPUT_HEIGHT,
        DetectionWindows.INPUT_WIDTH);
  }

  /** The faces found, squared and clipped to the picture, largest first. */
  List<FaceBox> detect(Pixels picture) {
    List<Callable<List<FaceBox>>> runs = new ArrayList<>();
    for (DetectionWindows.Window window : DetectionWindows.of(picture.width(), picture.height(), minScale)) {
      runs.add(() -> detect(picture, window));
    }
    List<FaceBox> candidates = new ArrayList<>();
    threads.all(runs).forEach(candidates::addAll);
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

  /** The boxes scored from the threshold in one window that the window keeps, in picture pixels. */
  private List<FaceBox> detect(Pixels picture, DetectionWindows.Window window) {
    float[] input = picture.planarBgr(window.left(), window.top(), window.width(), window.height(),
        DetectionWindows.INPUT_WIDTH, DetectionWindows.INPUT_HEIGHT, 127f, 128f);
    float[][] outputs = model.run(input, "scores", "boxes");
    float[] scores = outputs[0];
    float[] boxes = outputs[1];
    List<FaceBox> found = new ArrayList<>();
    for (int i = 0; i < scores.length / 2; i++) {
      float score = scores[2 * i + 1];
      if (score >= threshold) {
        FaceBox box = new FaceBox(window.left() + boxes[4 * i] * window.width(),
            window.top() + boxes[4 * i + 1] * window.height(),
            window.left() + boxes[4 * i + 2] * window.width(),
            window.top() + boxes[4 * i + 3] * window.height(), score);
        if (window.keeps(box, picture.width(), picture.height())) {
          found.add(box);
        }
      }
    }
    return found;
  }

  /** Greedy non-maximum suppression: the best-scored box wins over every box overlapping it too much or inside it. */
  private static List<FaceBox> suppressOverlaps(List<FaceBox> candidates) {
    candidates.sort(Comparator.comparingDouble(FaceBox::score).reversed());
    List<FaceBox> kept = new ArrayList<>();
    for (FaceBox candidate : candidates) {
      if (kept.stream().allMatch(box -> box.iou(candidate) <= NMS_IOU && box.inside(candidate) <= NMS_INSIDE)) {
        kept.add(candidate);
      }
    }
    return kept;
  }
}
