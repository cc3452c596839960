package io.xphoto.faces;

import io.xphoto.images.Image;
import io.xphoto.images.ImageInspector;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The face benchmark's measurements (bench/faces/run.sh drives it). Compiled into the package it measures,
 * so it calls the pipeline's stages directly.
 *   probe <sample5.jpg> <out.jpg>                       a 640×480 JPEG with one face
 *   measure <model dir> <probe.jpg> <base url> <token> <12mp.jpg>  prints "name value" lines
 */
public final class FaceBench {

  public static void main(String[] args) throws Exception {
    if (args[0].equals("probe")) {
      probe(Path.of(args[1]), Path.of(args[2]));
    } else {
      measure(Path.of(args[1]), Files.readAllBytes(Path.of(args[2])), args[3], args[4]);
      large(Files.readAllBytes(Path.of(args[5])), args[3], args[4]);
    }
  }

  /** The region around the largest face of sample5, scaled to 640×480. */
  private static void probe(Path sample, Path out) throws Exception {
    BufferedImage photo = ImageIO.read(sample.toFile());
    BufferedImage region = photo.getSubimage(1290, 300, 560, 420);
    BufferedImage probe = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = probe.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(region, 0, 0, 640, 480, null);
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.9f);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out.toFile())) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(probe, null, null), param);
    }
    writer.dispose();
  }

  private static void measure(Path models, byte[] probe, String base, String token) throws Exception {
    Image image = new ImageInspector(40_000_000L, true).inspect(probe);
    OnnxModel detectorModel = FaceDetector.load(models);
    ModelThreads threads = ModelThreads.perCore();
    FaceDetector detector = new FaceDetector(detectorModel, 0.9f, FaceEngine.MIN_FACE, threads);
    // The detector before issue 15: the whole picture at the model's input only.
    FaceDetector singlePass = new FaceDetector(detectorModel, 0.9f, Float.MAX_VALUE, threads);
    LandmarkLocator landmarks = new LandmarkLocator(LandmarkLocator.load(models));
    FaceEmbedder embedder = new FaceEmbedder(FaceEmbedder.load(models));
    HttpClient client = HttpClient.newHttpClient();
    String boundary = "bench" + System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/images-db/?search"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, probe))).build();
    // Rounds alternate an in-process model run and a search through the server, so that a change in the
    // machine's load touches both sides of the ratio alike.
    int rounds = 200;
    double[] model = new double[rounds];
    double[] singleModel = new double[rounds];
    double[] decode = new double[rounds];
    double[] endToEnd = new double[rounds];
    for (int i = -50; i < rounds; i++) {
      long start = System.nanoTime();
      Pixels decoded = PhotoDecoder.decode(image).pixels();
      long decodedAt = System.nanoTime();
      List<FaceBox> faces = detector.detect(decoded);
      if (faces.size() != 1) {
        throw new IllegalStateException("the probe should hold one face, found " + faces.size());
      }
      embedder.embed(FaceAligner.align(decoded, landmarks.fivePoints(decoded, faces.get(0))));
      long modelEnd = System.nanoTime();
      List<FaceBox> single = singlePass.detect(decoded);
      embedder.embed(FaceAligner.align(decoded, landmarks.fivePoints(decoded, single.get(0))));
      long singleEnd = System.nanoTime();
      long searchStart = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      long searchEnd = System.nanoTime();
      if (response.statusCode() != 200) {
        throw new IllegalStateException("search answered " + response.statusCode() + " " + response.body());
      }
      if (i >= 0) {
        decode[i] = (decodedAt - start) / 1e6;
        model[i] = (modelEnd - decodedAt) / 1e6;
        singleModel[i] = (singleEnd - modelEnd) / 1e6;
        endToEnd[i] = (searchEnd - searchStart) / 1e6;
      }
    }
    print("model_ms", median(model));
    print("model_single_pass_ms", median(singleModel));
    print("decode_ms", median(decode));
    print("search_ms", median(endToEnd));
    print("search_p99_ms", percentile(endToEnd, 0.99));

    float[] query = unit(new Random(1), 512);
    for (int size : new int[] {1_000, 10_000, 100_000}) {
      Random random = new Random(size);
      float[] library = new float[size * 512];
      for (int f = 0; f < size; f++) {
        System.arraycopy(unit(random, 512), 0, library, f * 512, 512);
      }
      long buildStart = System.nanoTime();
      FaceLibrary faces = new FaceLibrary(library, java.util.stream.LongStream.range(0, size).toArray());
      double build = (System.nanoTime() - buildStart) / 1e6;
      // Warm-up: at least a second of searches, so that small libraries are measured compiled too.
      long warm = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() < warm) {
        faces.best(query);
      }
      double[] times = new double[30];
      for (int i = 0; i < times.length; i++) {
        long start = System.nanoTime();
        float best = faces.best(query).score();
        times[i] = (System.nanoTime() - start) / 1e6;
        if (best > 1.01f) {
          throw new IllegalStateException("not unit vectors");
        }
      }
      print("library_" + size + "_build_ms", build);
      print("library_" + size + "_ms", median(times));
    }
  }

  /** {@code POST /images-db/?search} of the 12 MP photo: median and slowest of 5 after one warm-up. */
  private static void large(byte[] photo, String base, String token) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String boundary = "bench" + System.nanoTime();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/images-db/?search"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, photo))).build();
    double[] times = new double[5];
    String answer = "";
    for (int i = -1; i < times.length; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (i >= 0) {
        times[i] = (System.nanoTime() - start) / 1e6;
      }
      answer = response.body();
    }
    print("large_search_ms", median(times));
    print("large_search_max_ms", percentile(times, 1.0));
    print("large_bytes", photo.length);
    System.out.println("large_answer " + answer.replace(' ', '_'));
  }

  private static byte[] multipart(String boundary, byte[] file) {
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"faceFile\"; filename=\"probe.jpg\"\r\n"
        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Arrays.copyOf(head, head.length + file.length + tail.length);
    System.arraycopy(file, 0, body, head.length, file.length);
    System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
    return body;
  }

  private static float[] unit(Random random, int dimensions) {
    float[] v = new float[dimensions];
    double sum = 0;
    for (int i = 0; i < dimensions; i++) {
      v[i] = (float) random.nextGaussian();
      sum += v[i] * v[i];
    }
    for (int i = 0; i < dimensions; i++) {
      v[i] /= (float) Math.sqrt(sum);
    }
    return v;
  }

  private static double median(double[] values) {
    return percentile(values, 0.5);
  }

  private static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static void print(String name, double value) {
    System.out.printf("%s %.2f%n", name, value);
  }
}
