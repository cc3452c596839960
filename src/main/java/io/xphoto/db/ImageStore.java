package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/** The rows of uploaded images, served by the DB verticle on {@link #ADDRESS}. */
@ProxyGen
public interface ImageStore {

  String ADDRESS = "xphoto.db.images";

  static ImageStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(ImageStore.class);
  }

  /** Records the images of one upload, in upload order, all or none. */
  Future<Void> addImages(long ownerId, List<ImageRow> images);

  /** The owner's object keys, newest first. */
  Future<List<String>> imageKeys(long ownerId);

  /** Deletes the owner's row of that key; false when the owner has no such image. */
  Future<Boolean> deleteImage(long ownerId, String key);

  /** Which of these keys are images of the owner. */
  Future<List<String>> ownedKeys(long ownerId, List<String> keys);

  /** Which of these keys no row (image or avatar) refers to (for the orphan sweep of the storage verticle). */
  Future<List<String>> unreferencedKeys(List<String> keys);
}
