package io.xphoto.faces;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.xphoto.db.FaceRegistration;
import io.xphoto.db.FaceStore;
import io.xphoto.db.JsonLists;
import io.xphoto.db.NewFace;
import io.xphoto.images.Image;
import io.xphoto.images.ImageInspector;
import io.xphoto.images.ImageTooLarge;
import io.xphoto.images.NotAnImage;
import io.xphoto.metrics.Metrics;
import io.xphoto.storage.ObjectBytes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link FaceService} on the ONNX models. Blocking: called on a face worker verticle's thread only, where the
 * replies of the storage and DB verticles also arrive.
 */
final class OnnxFaceService implements FaceService {

  private final Vertx vertx;
  private final FaceEngine engine;
  private final FaceLibraries libraries;
  private final FaceStore store;
  private final ImageInspector inspector;
  private final double threshold;
  private final Metrics metrics;

  OnnxFaceService(Vertx vertx, FaceEngine engine, FaceLibraries libraries, FaceStore store, ImageInspector inspector,
                  double threshold, Metrics metrics) {
    this.vertx = vertx;
    this.engine = engine;
    this.libraries = libraries;
    this.store = store;
    this.inspector = inspector;
    this.threshold = threshold;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<FaceRegistrationResult> register(long ownerId, String requestId, ImagesToRegister registration) {
    return counted("register", () -> registered(ownerId, requestId, registration),
        answer -> answer.getFaces() != null ? "registered" : answer.getNoFaceIn() != null ? "no_face" : "not_among");
  }

  private Future<FaceRegistrationResult> registered(long ownerId, String requestId, ImagesToRegister registration) {
    List<ImageSource> sources = registration.getSources();
    FaceChoice choice = registration.getFace();
    checked(choice, sources.size());
    List<Future<Image>> reads = sources.stream().map(this::read).toList();
    return Future.all(reads).compose(all -> {
      List<NewFace> faces = new ArrayList<>();
      List<RecordedFace> recorded = new ArrayList<>();
      for (int i = 0; i < sources.size(); i++) {
        Image image = reads.get(i).result();
        // without a choice only the largest face is embedded, as before there was one
        List<Face> found = choice == null ? faces(image, 1) : FaceOrder.sorted(faces(image, 0));
        if (found.isEmpty()) {
          return Future.succeededFuture(FaceRegistrationResult.noFaceIn(i));
        }
        List<Face> chosen = chosen(found, choice);
        if (chosen.isEmpty()) {
          return Future.succeededFuture(FaceRegistrationResult.notAmong(found.size()));
        }
        for (Face face : chosen) {
          NewFace newFace = newFace(face).setImageKey(sources.get(i).getKey());
          faces.add(newFace);
          recorded.add(new RecordedFace().setSource(i).setBox(newFace.getBox()).setScore(newFace.getScore()));
        }
      }
      return store.registerFaces(ownerId, requestId,
              new FaceRegistration().setImages(registration.getImages()).setFaces(faces))
          .recover(e -> unavailable(e, "face library unavailable: "))
          .map(answered -> {
            List<Long> ids = JsonLists.longs(answered);
            for (int i = 0; i < ids.size(); i++) {
              recorded.get(i).setId(ids.get(i));
            }
            return FaceRegistrationResult.registered(recorded);
          });
    });
  }

  /** The faces of {@code found} (in {@link FaceOrder}) that {@code choice} names; null: the first (the largest). */
  private static List<Face> chosen(List<Face> found, FaceChoice choice) {
    if (choice == null) {
      return List.of(found.get(0));
    }
    if (choice.isAll()) {
      return found;
    }
    if (choice.getIndex() != null) {
      return choice.getIndex() < found.size() ? List.of(found.get(choice.getIndex())) : List.of();
    }
    return FaceOrder.at(found, choice.getBox()).map(List::of).orElse(List.of());
  }

  /** A choice the HTTP node made is always one of these; another caller's otherwise fails as a bad request. */
  private static void checked(FaceChoice choice, int sources) {
    if (choice == null || choice.isAll()) {
      return;
    }
    boolean byIndex = choice.getIndex() != null && choice.getIndex() >= 0 && choice.getBox() == null;
    boolean byBox = choice.getIndex() == null && choice.getBox() != null && choice.getBox().size() == 4;
    if (!(byIndex || byBox) || sources != 1) {
      throw new ServiceException(BAD_CHOICE, "face: all, or an index from 0 or a box [x1, y1, x2, y2], of one image");
    }
  }

  @Override
  public Future<FaceSearch> searchStored(long ownerId, ImageSource probe) {
    return read(probe).compose(image -> search(ownerId, image));
  }

  /** The faces of a checked image, largest first (0: all), as the probe address answers {@code detect}. */
  Future<JsonObject> detect(Image image, int limit) {
    return counted("detect", () -> detected(image, limit),
        answer -> answer.getJsonArray("faces").isEmpty() ? "no_face" : "found");
  }

  private Future<JsonObject> detected(Image image, int limit) {
    JsonArray faces = new JsonArray();
    for (Face face : faces(image, limit)) {
      faces.add(newFace(face).toJson().put("points", points(face)));
    }
    return Future.succeededFuture(new JsonObject().put("faces", faces));
  }

  Future<FaceSearch> search(long ownerId, Image probe) {
    return counted("search", () -> searched(ownerId, probe), answer -> answer.getFaces() == 0 ? "no_face"
        : answer.isMatched() ? "matched" : "not_matched");
  }

  private Future<FaceSearch> searched(long ownerId, Image probe) {
    List<Face> faces = FaceOrder.sorted(faces(probe, 0));
    FaceSearch answer = new FaceSearch().setFaces(faces.size()).setMatched(false)
        .setProbeBoxes(faces.stream().map(face -> box(face.box())).toList());
    if (faces.isEmpty()) {
      return Future.succeededFuture(answer);
    }
    return libraries.of(ownerId).recover(e -> unavailable(e, "face library unavailable: ")).map(library -> {
      if (library.size() == 0) {
        return answer;
      }
      return metrics.faceStage("search", () -> {
        FaceLibrary.Match best = null;
        int probeFace = 0;
        for (int i = 0; i < faces.size(); i++) {
          FaceLibrary.Match match = library.best(faces.get(i).embedding());
          if (best == null || match.score() > best.score()) {
            best = match;
            probeFace = i;
          }
        }
        return answer.setScore((double) best.score()).setMatched(best.score() >= threshold)
            .setProbeFace(probeFace).setFaceId(best.faceId());
      });
    });
  }

  /** {@code work}'s answer, its outcome counted: the word {@code outcome} gives, or {@code failed}. */
  private <T> Future<T> counted(String operation, Supplier<Future<T>> work, Function<T, String> outcome) {
    Future<T> answer;
    try {
      answer = work.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return answer.onComplete((result, failure) ->
        metrics.faceRequest(operation, failure == null ? outcome.apply(result) : "failed"));
  }

  /** The image behind a source: read from the storage verticle, inspected unless the caller just checked it. */
  private Future<Image> read(ImageSource source) {
    return ObjectBytes.bytes(vertx, source.getKey())
        .recover(e -> unavailable(e, "object store unreachable: "))
        .map(bytes -> source.getChecked() != null ? source.getChecked().image(bytes) : inspected(bytes));
  }

  private Image inspected(byte[] bytes) {
    try {
      return inspector.inspect(bytes);
    } catch (NotAnImage e) {
      throw new ServiceException(NOT_AN_IMAGE, "not a decodable PNG or JPEG image");
    } catch (ImageTooLarge e) {
      throw new ServiceException(TOO_LARGE, e.getMessage());
    }
  }

  /**
   * A service that answers nothing (none running, or too slow) is passed on as code 503, as its own 503s are
   * (with their message); a plain ReplyException would reach the caller as code -1, a fault.
   */
  private static <T> Future<T> unavailable(Throwable failure, String what) {
    if (failure instanceof ServiceException) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof ReplyException reply) {
      return reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
          ? ServiceException.fail(reply.failureCode(), reply.getMessage())
          : ServiceException.fail(UNAVAILABLE, what + reply.getMessage());
    }
    return Future.failedFuture(failure);
  }

  private List<Face> faces(Image image, int limit) {
    try {
      return engine.faces(image, limit);
    } catch (IOException e) {
      throw new ServiceException(NOT_AN_IMAGE, "not a decodable PNG or JPEG image");
    }
  }

  private static List<Float> box(FaceBox box) {
    return List.of(box.x1(), box.y1(), box.x2(), box.y2());
  }

  private static NewFace newFace(Face face) {
    FaceBox box = face.box();
    return new NewFace()
        .setBox(box(box))
        .setScore(box.score())
        .setEmbedding(Buffer.buffer(Embeddings.toBytes(face.embedding())));
  }

  private static JsonArray points(Face face) {
    JsonArray points = new JsonArray();
    for (float point : face.points()) {
      points.add(point);
    }
    return points;
  }
}
