package io.xphoto.storage;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Where objects live. Calls block: the storage verticle runs them on its worker pool. */
interface StorageBackend extends AutoCloseable {

  void put(String key, byte[] bytes, String contentType) throws IOException;

  byte[] get(String key) throws IOException;

  void delete(String key) throws IOException;

  String url(String key) throws IOException;

  /** Fails unless the store can be used now: a cheap call for readiness (the directory, the bucket). */
  void check() throws IOException;

  /** Keys of the objects stored more than {@code age} ago (for the orphan sweep). */
  List<String> keysOlderThan(Duration age) throws IOException;

  @Override
  default void close() {
  }
}
