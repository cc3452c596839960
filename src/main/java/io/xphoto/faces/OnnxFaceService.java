package io.xphoto.faces;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import io.xphoto.images.Image;
import io.xphoto.images.ImageInspector;
import io.xphoto.images.ImageTooLarge;
import io.xphoto.images.NotAnImage;

import java.io.IOException;
import java.util.List;

/** {@link FaceService} on the ONNX models. Blocking: called on a face worker verticle's thread only. */
final class OnnxFaceService implements FaceService {

  private final FaceEngine engine;
  private final FaceLibraries libraries;
  private final ImageInspector inspector;
  private final double threshold;

  OnnxFaceService(FaceEngine engine, FaceLibraries libraries, ImageInspector inspector, double threshold) {
    this.engine = engine;
    this.libraries = libraries;
    this.inspector = inspector;
    this.threshold = threshold;
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<JsonObject> detect(Buffer image, int limit) {
    try {
      JsonArray faces = new JsonArray();
      for (Face face : faces(image, limit)) {
        faces.add(json(face));
      }
      return Future.succeededFuture(new JsonObject().put("faces", faces));
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<JsonObject> search(long ownerId, Buffer image) {
    List<Face> faces;
    try {
      faces = faces(image, 0);
    } catch (ServiceException e) {
      return Future.failedFuture(e);
    }
    JsonObject answer = new JsonObject().put("faces", faces.size()).put("matched", false);
    if (faces.isEmpty()) {
      return Future.succeededFuture(answer);
    }
    return libraries.of(ownerId).recover(OnnxFaceService::libraryUnavailable).map(library -> {
      if (library.size() == 0) {
        return answer;
      }
      float best = -1;
      for (Face face : faces) {
        best = Math.max(best, library.best(face.embedding()));
      }
      return answer.put("score", (double) best).put("matched", best >= threshold);
    });
  }

  /**
   * A DB verticle that answers nothing (none running, or too slow) is passed on as code 503, as its own
   * failures are; a plain ReplyException would reach the caller as code -1, a fault.
   */
  private static Future<FaceLibrary> libraryUnavailable(Throwable failure) {
    return failure instanceof ReplyException reply && !(failure instanceof ServiceException)
        ? ServiceException.fail(UNAVAILABLE, "face library unavailable: " + reply.getMessage())
        : Future.failedFuture(failure);
  }

  private List<Face> faces(Buffer bytes, int limit) {
    try {
      Image image = inspector.inspect(bytes.getBytes());
      return engine.faces(image, limit);
    } catch (NotAnImage | IOException e) {
      throw new ServiceException(NOT_AN_IMAGE, "not a decodable PNG or JPEG image");
    } catch (ImageTooLarge e) {
      throw new ServiceException(TOO_LARGE, e.getMessage());
    }
  }

  private static JsonObject json(Face face) {
    FaceBox box = face.box();
    JsonArray points = new JsonArray();
    for (float point : face.points()) {
      points.add(point);
    }
    return new JsonObject()
        .put("box", new JsonArray().add(box.x1()).add(box.y1()).add(box.x2()).add(box.y2()))
        .put("score", box.score())
        .put("points", points)
        .put("embedding", Embeddings.toBytes(face.embedding()));
  }
}
