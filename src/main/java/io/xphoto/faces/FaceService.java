package io.xphoto.faces;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Face detection, embedding and library search, served by the face worker verticles of each node on that
 * node's {@link #address}; callers go through {@link FaceWorkers}, which picks a live node.
 * Failures carry an HTTP-like code: {@link #NOT_AN_IMAGE} when the bytes cannot be decoded,
 * {@link #TOO_LARGE} for a pixel flood, {@link #UNAVAILABLE} when the library could not be read (database down).
 */
@ProxyGen
public interface FaceService {

  /**
   * How long a caller waits for one worker's answer. Far above a heavy search (seconds), below the HTTP idle
   * timeout so that a client always gets an answer; a worker that dies is noticed sooner (see FaceWorkers).
   */
  long TIMEOUT_MS = 30_000;
  int NOT_AN_IMAGE = 415;
  int TOO_LARGE = 422;
  int UNAVAILABLE = 503;

  /**
   * Where a face node publishes its id once its workers serve: each HTTP node then {@link #ping}s it, so that
   * the event-bus connections both ways are open before the first real request (~0.35 s otherwise).
   */
  String READY = "xphoto.faces.ready";

  /** The address of the face workers of one node. */
  static String address(String node) {
    return "xphoto.faces." + node;
  }

  /** The face workers of one node. */
  static FaceService proxy(Vertx vertx, String node) {
    return new ServiceProxyBuilder(vertx).setAddress(address(node))
        .setOptions(new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .build(FaceService.class);
  }

  /**
   * The faces of an image, largest first; only the {@code limit} largest are analysed (0: all).
   *
   * @return {@code {"faces": [{box: [x1, y1, x2, y2], score, points: [x, y] × 5 (eyes, nose, mouth corners),
   *     embedding: binary, 512 little-endian float32}]}}, in pixels of the upright picture
   */
  Future<JsonObject> detect(Buffer image, int limit);

  /**
   * Whether a face of the probe image matches one of the owner's library.
   *
   * @return {@code {"faces": faces in the probe, "score": best similarity (absent with an empty library
   *     or no face), "matched": score >= face.threshold}}
   */
  Future<JsonObject> search(long ownerId, Buffer image);

  /** Answers as soon as a worker is serving; does nothing else. */
  Future<Void> ping();
}
