package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
   * @param registration the new images (may be none) and the faces, each face in an image of the owner
   * @return the ids of the new faces, in the order of {@link FaceRegistration#getFaces}
   */
  Future<List<Long>> registerFaces(long ownerId, String requestId, FaceRegistration registration);

  /** The owner's faces, oldest first. */
  Future<List<RegisteredFace>> listFaces(long ownerId);

  /** One of the owner's faces, as {@link #listFaces} lists it; null when the owner has no such face. */
  Future<RegisteredFace> findFace(long ownerId, long faceId);

  Future<Boolean> deleteFace(long ownerId, long faceId);

  /**
   * A page of the owner's embeddings, in id order: at most {@code limit} faces with ids above
   * {@code afterId}; a count below {@code limit} marks the last page. In pages, so that no message carries
   * a whole library (100k faces are 200 MB).
   */
  Future<EmbeddingPage> embeddings(long ownerId, long afterId, int limit);
}
