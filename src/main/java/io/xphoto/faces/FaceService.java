package io.xphoto.faces;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Face detection, embedding and library search, served by the face worker verticles on {@link #ADDRESS}.
 * Failures carry an HTTP-like code: {@link #NOT_AN_IMAGE} when the bytes cannot be decoded,
 * {@link #TOO_LARGE} for a pixel flood, {@link #UNAVAILABLE} when the library could not be read (database down).
 */
@ProxyGen
public interface FaceService {

  String ADDRESS = "xphoto.faces";
  int NOT_AN_IMAGE = 415;
  int TOO_LARGE = 422;
  int UNAVAILABLE = 503;

  static FaceService proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS)
        .setOptions(new DeliveryOptions().setSendTimeout(120_000))
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
}
