package io.xphoto.faces;

import io.xphoto.images.Image;
import io.xphoto.images.ImageType;
import io.xphoto.metrics.Metrics;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Detect, align, embed: the whole face pipeline for one picture. Thread-safe; blocking (decoding and model
 * calls take milliseconds to hundreds of milliseconds), so call it from a worker thread only.
 */
final class FaceEngine implements AutoCloseable {

  private static final int WARM_UP_RUNS = 5;
  private static final int WARM_UP_WIDTH = 640;
  private static final int WARM_UP_HEIGHT = 480;
  /**
   * The default smallest face looked for ({@code face.min-face}), in decoded pixels (a picture decoded
   * subsampled loses its smallest faces with its pixels): the detector's native resolution.
   */
  static final float MIN_FACE = DetectionWindows.DETECTABLE;

  private final OnnxModel detectorModel;
  private final OnnxModel landmarkModel;
  private final OnnxModel embedderModel;
  private final FaceDetector detector;
  private final LandmarkLocator landmarks;
  private final FaceEmbedder embedder;
  private final Metrics metrics;
  private final ModelThreads threads;

  private FaceEngine(OnnxModel detectorModel, OnnxModel landmarkModel, OnnxModel embedderModel, float detectThreshold,
                     float minFace, Metrics metrics) {
    this.detectorModel = detectorModel;
    this.landmarkModel = landmarkModel;
    this.embedderModel = embedderModel;
    this.threads = ModelThreads.perCore();
    this.detector = new FaceDetector(detectorModel, detectThreshold, minFace, threads);
    this.landmarks = new LandmarkLocator(landmarkModel);
    this.embedder = new FaceEmbedder(embedderModel);
    this.metrics = metrics;
  }

  /** Loads the three models from {@code directory}; fails with a message naming the set-up when one is missing. */
  static FaceEngine load(Path directory, float detectThreshold, float minFace, Metrics metrics) {
    return new FaceEngine(FaceDetector.load(directory), LandmarkLocator.load(directory),
        FaceEmbedder.load(directory), detectThreshold, minFace, metrics);
  }

  /**
   * The faces of a checked image, largest first, with boxes and points in the pixels of the upright
   * full-size picture; only the first {@code limit} are embedded and returned (0: all).
   */
  List<Face> faces(Image image, int limit) throws IOException {
    PhotoDecoder.Decoded decoded = PhotoDecoder.decode(image);
    Pixels picture = decoded.pixels();
    List<FaceBox> boxes = metrics.faceStage("detect", () -> detector.detect(picture));
    if (limit > 0 && boxes.size() > limit) {
      boxes = boxes.subList(0, limit);
    }
    float scale = decoded.subsampling();
    List<Callable<Face>> runs = new ArrayList<>();
    for (FaceBox box : boxes) {
      runs.add(() -> {
        float[] points = metrics.faceStage("landmarks", () -> landmarks.fivePoints(picture, box));
        float[] embedding = metrics.faceStage("embed", () -> embedder.embed(FaceAligner.align(picture, points)));
        float[] scaledPoints = points.clone();
        for (int i = 0; i < scaledPoints.length; i++) {
          scaledPoints[i] *= scale;
        }
        return new Face(box.scaled(scale), scaledPoints, embedding);
      });
    }
    return boxes.isEmpty() ? List.of() : threads.all(runs);
  }

  /**
   * Runs the whole pipeline (decoding, each model and the code around it) a few times on a grey JPEG, so that
   * the first real requests do not pay for the models' first runs and the code's compilation (measured: the
   * first searches of a restarted worker took 2.4–3.0 s against 0.25 s).
   */
  void warmUp() throws IOException {
    Image grey = greyJpeg(WARM_UP_WIDTH, WARM_UP_HEIGHT);
    FaceBox box = new FaceBox(220, 140, 420, 340, 1f);
    for (int run = 0; run < WARM_UP_RUNS; run++) {
      Pixels picture = PhotoDecoder.decode(grey).pixels();
      detector.detect(picture);
      float[] points = landmarks.fivePoints(picture, box);
      embedder.embed(FaceAligner.align(picture, points));
    }
  }

  private static Image greyJpeg(int width, int height) throws IOException {
    BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Arrays.fill(((DataBufferByte) picture.getRaster().getDataBuffer()).getData(), (byte) 128);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(picture, "jpeg", jpeg);
    return new Image(ImageType.JPEG, width, height, 1, jpeg.toByteArray());
  }

  /** Frees the sessions; idempotent. */
  @Override
  public void close() {
    threads.close();
    detectorModel.close();
    landmarkModel.close();
    embedderModel.close();
  }
}
