package io.xphoto.faces;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Face registration and library search on images the object store holds, served by the face worker verticles
 * of each node on that node's {@link #address}; callers go through {@link FaceWorkers}, which picks a live
 * node. A worker reads the images from the storage verticle itself and records registrations in the DB
 * verticle itself; a probe that is not stored comes as bytes, through {@link FaceProbes}.
 * Failures carry an HTTP-like code: {@link #NOT_AN_IMAGE} when the bytes cannot be decoded,
 * {@link #TOO_LARGE} for a pixel flood, {@link #UNAVAILABLE} when the library, the database or the object
 * store could not be reached (the message then starts as the failing service's own 503 does).
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
  /** A registration's {@link FaceChoice} that is none of those it documents (the HTTP node never sends one). */
  int BAD_CHOICE = 400;
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
   * Registers the faces chosen ({@link ImagesToRegister#getFace}; by default the largest face of each stored
   * image), all or none, once per {@code requestId} (see {@code FaceStore.registerFaces}): a call sent again
   * with the same id records nothing more (and answers the same faces).
   *
   * @param requestId    made by the caller, one per registration it receives
   * @param registration the stored images, the rows of those stored for this registration, the faces to choose
   * @return the faces recorded; or, when nothing was recorded, the index of the first source without a face, or
   *     the number of faces found when the face chosen is none of them
   */
  Future<FaceRegistrationResult> register(long ownerId, String requestId, ImagesToRegister registration);

  /** Whether a face of the stored probe image matches one of the owner's library. */
  Future<FaceSearch> searchStored(long ownerId, ImageSource probe);

  /** Answers as soon as a worker is serving; does nothing else. */
  Future<Void> ping();
}
