package io.xphoto.faces;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.serviceproxy.ServiceBinder;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.db.FaceStore;
import io.xphoto.images.ImageInspector;
import io.xphoto.metrics.Metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@link FaceService} and {@link FaceProbes} on this node's addresses of the event bus: reading the
 * images from storage, decoding, detection, alignment, embedding, library search and recording registrations;
 * the model work is blocking, so this is a worker verticle. Each instance handles one request at a time; the
 * instances ({@code face.workers}) share one set of ONNX sessions and one library cache, deployed together
 * by {@link #deploy}.
 */
public final class FaceWorkerVerticle extends VerticleBase {

  private final FaceEngine engine;
  private final FaceLibraries libraries;
  private final AtomicInteger running;
  private final String node;
  private MessageConsumer<?> service;
  private MessageConsumer<?> probes;

  private FaceWorkerVerticle(FaceEngine engine, FaceLibraries libraries, AtomicInteger running, String node) {
    this.engine = engine;
    this.libraries = libraries;
    this.running = running;
    this.node = node;
  }

  /**
   * Loads the models and runs them warm (off the event loop), waits for the cluster to settle, then deploys
   * {@code face.workers} instances sharing them, serving this node's {@link FaceService#address}: callers see
   * this node's workers only once they answer at full speed.
   */
  public static Future<String> deploy(Vertx vertx, Settings settings, ClusterMembers members) {
    Path models = Path.of(settings.string("model.dir"));
    float detectThreshold = (float) settings.decimal("face.detect-threshold");
    float minFace = (float) settings.decimal("face.min-face");
    int instances = Math.max(1, settings.integer("face.workers"));
    String node = members.localId();
    Metrics metrics = Metrics.of(vertx);
    return vertx.executeBlocking(() -> warm(FaceEngine.load(models, detectThreshold, minFace, metrics))).compose(engine -> {
      FaceLibraries libraries = new FaceLibraries(FaceStore.proxy(vertx), settings.integer("face.cache-mb") * 1024L * 1024L,
          settings.integer("face.load-page"), metrics);
      AtomicInteger running = new AtomicInteger(instances);
      return members.settled(vertx)
          .compose(v -> vertx.deployVerticle(() -> new FaceWorkerVerticle(engine, libraries, running, node),
              new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER).setInstances(instances)
                  .setConfig(settings.toJson())))
          .onSuccess(id -> vertx.eventBus().publish(FaceService.READY, members.localId()))
          .onFailure(e -> engine.close());
    });
  }

  private static FaceEngine warm(FaceEngine engine) {
    try {
      engine.warmUp();
      return engine;
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw new IllegalStateException("the face models failed their warm-up run: " + e.getMessage(), e);
    }
  }

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    ImageInspector inspector = new ImageInspector(settings.integer("image.max-megapixels") * 1_000_000L, true);
    OnnxFaceService faces = new OnnxFaceService(vertx, engine, libraries, FaceStore.proxy(vertx), inspector,
        settings.decimal("face.threshold"), Metrics.of(vertx));
    service = new ServiceBinder(vertx).setAddress(FaceService.address(node)).register(FaceService.class, faces);
    probes = FaceProbes.serve(vertx.eventBus(), node, faces);
    return Future.all(service.completion(), probes.completion()).compose(v -> vertx.eventBus()
        .<Long>consumer(FaceStore.CHANGED, message -> libraries.changed(message.body())).completion());
  }

  @Override
  public Future<?> stop() {
    return Future.join(service.unregister(), probes.unregister()).onComplete(done -> {
      if (running.decrementAndGet() == 0) {
        engine.close();
      }
    });
  }
}
