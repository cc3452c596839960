package io.xphoto.faces;

import io.xphoto.images.Image;
import io.xphoto.images.ImageInspector;
import io.xphoto.support.GroupPhotos;
import io.xphoto.support.GroupPhotos.Box;
import io.xphoto.support.GroupPhotos.Photo;
import io.xphoto.support.TestAssets;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detection on the annotated group photos (bench/faces/detection.sh drives it), compiled into the package it
 * measures with the tests' GroupPhotos. For each photo, as a JPEG (quality 0.9) through the worker's decoding:
 * the faces found against the annotations (a detection matches an unmatched annotated face at IoU ≥ 0.4),
 * detections matching none (false), and the time of the detection (wall clock: median of 3; CPU time of the
 * process, every thread: mean of the same 3), for the single pass over the whole picture (the detector before
 * issue 15) and the tiled detection.
 *   measure <model dir> [draw dir]   prints a Markdown table; with a draw dir, PNGs of the tiled detection
 *   speed-photo <out.jpg>            writes the 12 MP photo with 10 faces as a JPEG within the 1 MiB limit
 */
public final class DetectionBench {

  private static final double MATCH_IOU = 0.4;
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  public static void main(String[] args) throws Exception {
    if (args[0].equals("speed-photo")) {
      Files.write(Path.of(args[1]), GroupPhotos.speed().jpegWithin(Image.MAX_BYTES));
      return;
    }
    Path models = Path.of(args[1]);
    Path draw = args.length > 2 ? Path.of(args[2]) : null;
    float threshold = Float.parseFloat(System.getProperty("threshold", "0.9"));
    ModelThreads threads = ModelThreads.perCore();
    OnnxModel model = FaceDetector.load(models);
    FaceDetector single = new FaceDetector(model, threshold, Float.MAX_VALUE, threads);
    FaceDetector tiled = new FaceDetector(model, threshold, FaceEngine.MIN_FACE, threads);
    List<Photo> photos = new ArrayList<>(GroupPhotos.all());
    for (String faceless : GroupPhotos.faceless()) {
      photos.add(new Photo(faceless, ImageIO.read(new java.io.ByteArrayInputStream(TestAssets.photo(faceless))),
          List.of()));
    }
    ImageInspector inspector = new ImageInspector(100_000_000L, true);
    System.out.println("| photo | size | faces | single pass: found / false | time | tiled: found / false | windows | time | CPU time | smallest face |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    int[] totals = new int[5];
    for (Photo photo : photos) {
      Image image = inspector.inspect(photo.jpeg(0.9f));
      PhotoDecoder.Decoded decoded = PhotoDecoder.decode(image);
      Result before = run(single, decoded, photo.faces());
      Result after = run(tiled, decoded, photo.faces());
      double smallest = photo.faces().stream().mapToDouble(Box::width).min().orElse(0);
      System.out.printf("| %s | %d×%d | %d | %d / %d | %.0f ms | %d / %d | %d | %.0f ms | %.0f ms | %s |%n", photo.name(),
          image.width(), image.height(), photo.faces().size(), before.found, before.wrong, before.millis,
          after.found, after.wrong, DetectionWindows.of(decoded.pixels().width(), decoded.pixels().height(),
              FaceEngine.MIN_FACE / DetectionWindows.DETECTABLE).size(), after.millis, after.cpuMillis,
          smallest == 0 ? "" : String.format("%.0f px", smallest));
      totals[0] += photo.faces().size();
      totals[1] += before.found;
      totals[2] += before.wrong;
      totals[3] += after.found;
      totals[4] += after.wrong;
      if (draw != null) {
        draw(photo, after.boxes, draw.resolve(photo.name().replaceAll("\\.\\w+$", "") + ".png"));
      }
    }
    System.out.printf("| all | | %d | %d / %d | | %d / %d | | | | |%n", totals[0], totals[1], totals[2], totals[3], totals[4]);
    System.out.printf("%nrecall single pass %.3f, tiled %.3f%n", (double) totals[1] / totals[0], (double) totals[3] / totals[0]);
  }

  private record Result(int found, int wrong, double millis, double cpuMillis, List<FaceBox> boxes) {
  }

  private static Result run(FaceDetector detector, PhotoDecoder.Decoded decoded, List<Box> faces) {
    double[] times = new double[3];
    List<FaceBox> boxes = List.of();
    long cpuStart = PROCESS.getProcessCpuTime();
    for (int i = 0; i < times.length; i++) {
      long start = System.nanoTime();
      boxes = detector.detect(decoded.pixels());
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    double cpu = (PROCESS.getProcessCpuTime() - cpuStart) / 1e6 / times.length;
    Arrays.sort(times);
    boolean[] matched = new boolean[faces.size()];
    int found = 0;
    int wrong = 0;
    List<FaceBox> scaled = new ArrayList<>();
    for (FaceBox box : boxes) {
      FaceBox original = box.scaled(decoded.subsampling());
      scaled.add(original);
      Box detected = new Box(original.x1(), original.y1(), original.x2(), original.y2());
      int best = -1;
      for (int f = 0; f < faces.size(); f++) {
        if (!matched[f] && faces.get(f).iou(detected) >= MATCH_IOU
            && (best < 0 || faces.get(f).iou(detected) > faces.get(best).iou(detected))) {
          best = f;
        }
      }
      if (best >= 0) {
        matched[best] = true;
        found++;
      } else {
        wrong++;
      }
    }
    return new Result(found, wrong, times[1], cpu, scaled);
  }

  /** The photo with its annotated faces in green and the detections in red. */
  private static void draw(Photo photo, List<FaceBox> boxes, Path file) throws Exception {
    BufferedImage picture = photo.picture();
    BufferedImage copy = new BufferedImage(picture.getWidth(), picture.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    g.drawImage(picture, 0, 0, null);
    g.setStroke(new BasicStroke(Math.max(1, picture.getWidth() / 800f)));
    g.setColor(Color.GREEN);
    for (Box face : photo.faces()) {
      g.drawRect((int) face.x1() - 2, (int) face.y1() - 2, (int) face.width() + 4, (int) (face.y2() - face.y1()) + 4);
    }
    g.setColor(Color.RED);
    for (FaceBox box : boxes) {
      g.drawRect((int) box.x1(), (int) box.y1(), (int) box.width(), (int) box.height());
    }
    g.dispose();
    Files.createDirectories(file.getParent());
    ImageIO.write(copy, "png", file.toFile());
  }
}
