package io.xphoto.storage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.serviceproxy.ServiceBinder;
import io.xphoto.config.Settings;
import io.xphoto.db.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves {@link ObjectStore} on the event bus over the configured backend ({@code storage=local} or
 * {@code s3}), and sweeps orphans: objects older than {@code storage.orphan-grace} that no row refers to,
 * left when a server died between writing an object and committing its row.
 */
public final class StorageVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StorageVerticle.class);
  private static final String WORKER_POOL = "xphoto-storage";

  private StorageBackend backend;
  private WorkerExecutor workers;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    workers = vertx.createSharedWorkerExecutor(WORKER_POOL, settings.integer("storage.workers"));
    return workers.executeBlocking(() -> createBackend(settings)).map(created -> {
      backend = created;
      consumers.add(new ServiceBinder(vertx).setAddress(ObjectStore.ADDRESS)
          .register(ObjectStore.class, new BackendObjectStore(backend, workers)));
      consumers.addAll(ObjectBytes.serve(vertx.eventBus(), backend, workers));
      Duration grace = settings.duration("storage.orphan-grace");
      vertx.setPeriodic(settings.duration("storage.sweep-interval").toMillis(), id -> sweepOrphans(grace));
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(consumers.stream().map(MessageConsumer::unregister).toList())
        .eventually(() -> workers.executeBlocking(() -> {
          if (backend != null) {
            backend.close();
          }
          return null;
        }))
        .eventually(() -> workers.close());
  }

  static StorageBackend createBackend(Settings settings) throws IOException {
    String kind = settings.string("storage");
    return switch (kind) {
      case "local" -> new LocalDiskBackend(
          LocalDiskBackend.directory(Path.of(settings.string("data.dir"))), settings.string("public.url"));
      case "s3" -> {
        S3Backend s3 = new S3Backend(settings);
        s3.ensureBucket();
        yield s3;
      }
      default -> throw new IllegalArgumentException("setting storage (XPHOTO_STORAGE) must be local or s3, not '" + kind + "'");
    };
  }

  private void sweepOrphans(Duration grace) {
    ImageStore images = ImageStore.proxy(vertx);
    workers.executeBlocking(() -> backend.keysOlderThan(grace), false)
        .compose(old -> old.isEmpty() ? Future.succeededFuture(List.<String>of()) : images.unreferencedKeys(old))
        .compose(orphans -> workers.executeBlocking(() -> {
          for (String key : orphans) {
            backend.delete(key);
          }
          if (!orphans.isEmpty()) {
            LOG.info("removed {} orphan object(s)", orphans.size());
          }
          return null;
        }, false))
        .onFailure(e -> LOG.warn("orphan sweep failed: {}", e.getMessage()));
  }
}
