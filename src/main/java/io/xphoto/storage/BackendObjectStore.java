package io.xphoto.storage;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.serviceproxy.ServiceException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@link ObjectStore} over a blocking {@link StorageBackend}, each call on the storage worker pool. */
final class BackendObjectStore implements ObjectStore {

  private final StorageBackend backend;
  private final WorkerExecutor workers;

  BackendObjectStore(StorageBackend backend, WorkerExecutor workers) {
    this.backend = backend;
    this.workers = workers;
  }

  @Override
  public Future<Void> delete(String key) {
    return run(() -> {
      backend.delete(key);
      return null;
    });
  }

  @Override
  public Future<List<String>> urls(List<String> keys) {
    return run(() -> {
      List<String> urls = new ArrayList<>(keys.size());
      for (String key : keys) {
        urls.add(backend.url(key));
      }
      return urls;
    });
  }

  @Override
  public Future<Void> ping() {
    return run(() -> {
      backend.check();
      return null;
    });
  }

  private <T> Future<T> run(Callable<T> call) {
    return workers.<T>executeBlocking(call, false)
        .recover(e -> e instanceof IOException
            ? ServiceException.fail(UNAVAILABLE, ObjectStore.UNAVAILABLE_MESSAGE + e.getMessage())
            : Future.failedFuture(e));
  }
}
