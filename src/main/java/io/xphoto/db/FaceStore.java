package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * The face library, served by the DB verticle on {@link #ADDRESS}. After every change to a user's library
 * (faces registered or deleted, an image with faces deleted) the DB verticle publishes the user's id on
 * {@link #CHANGED}, so that face workers drop their cached copy.
 */
@ProxyGen
public interface FaceStore {

  String ADDRESS = "xphoto.db.faces";
  String CHANGED = "xphoto.faces.changed";

  static FaceStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(FaceStore.class);
  }

  /**
   * Registers faces in one transaction, with the images they were found in when those are new; once per
   * {@code requestId}: a registration whose id was recorded before writes nothing and answers the ids it gave
   * then, so that a caller may send it again when it does not know whether the first one was recorded.
   *
   * @param requestId    the registration's id, made by the HTTP node that received it (at most 100 characters)
   * @param registration {@code images: [image rows as for ImageStore.addImages]} (new images, may be empty)
   *                     and {@code faces: [{imageKey, box: [x1, y1, x2, y2], score, embedding (base64 of
   *                     512 little-endian float32)}]}, each imageKey an image of the owner
   * @return the ids of the new faces, in order
   */
  Future<List<Long>> registerFaces(long ownerId, String requestId, JsonObject registration);

  /** The owner's faces, oldest first: {@code [{id, imageKey, box, score, created}]}. */
  Future<JsonArray> listFaces(long ownerId);

  Future<Boolean> deleteFace(long ownerId, long faceId);

  /**
   * A page of the owner's embeddings, in id order: at most {@code limit} faces with ids above
   * {@code afterId}, as {@code {count, lastId, embeddings: 2048 bytes (512 little-endian float32) per face,
   * concatenated}}; a count below {@code limit} marks the last page. In pages, so that no message carries
   * a whole library (100k faces are 200 MB).
   */
  Future<JsonObject> embeddings(long ownerId, long afterId, int limit);
}
