package io.xphoto.storage;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * Object storage, served by the storage verticle on {@link #ADDRESS}; the bytes themselves move through
 * {@link ObjectBytes}. Keys are made by {@link ObjectKeys}. A failure whose code is {@link #UNAVAILABLE}
 * means the store could not be reached.
 */
@ProxyGen
public interface ObjectStore {

  String ADDRESS = "xphoto.storage";
  int UNAVAILABLE = 503;
  /** How the message of a failure with code {@link #UNAVAILABLE} starts. */
  String UNAVAILABLE_MESSAGE = "object store unavailable: ";

  static ObjectStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS)
        .setOptions(new DeliveryOptions().setSendTimeout(30_000))
        .build(ObjectStore.class);
  }

  /** Deleting a missing object succeeds. */
  Future<Void> delete(String key);

  /** The URL a client fetches each object from, in the order of {@code keys}. */
  Future<List<String>> urls(List<String> keys);

  /** Succeeds when the store can be used now (its directory, its bucket): for readiness. */
  Future<Void> ping();
}
