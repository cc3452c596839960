package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.xphoto.accounts.Tokens;
import io.xphoto.apidocs.ApiDocs;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.FaceStore;
import io.xphoto.db.ImageStore;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.forum.ForumRoutes;
import io.xphoto.images.ImageInspector;
import io.xphoto.images.ImageType;
import io.xphoto.storage.LocalDiskBackend;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.storage.ObjectStore;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API: routes, validation, authentication and error mapping. It holds no SQL and no SMTP:
 * everything else is asked of the other verticles over the event bus. Deployed once per core; the
 * instances share the port.
 */
public final class HttpVerticle extends VerticleBase {

  /** Worker pool for password hashing, shared by all instances (Argon2id must stay off the event loops). */
  private static final String HASHING_POOL = "xphoto-password-hashing";
  /** Worker pool for checking uploaded images. */
  private static final String IMAGE_POOL = "xphoto-image-checks";
  /** The seed's limit: "File size too large. Max is 1MB". */
  static final int MAX_IMAGE_BYTES = 1024 * 1024;
  /** Object names are random and never reused: an object's bytes never change. */
  private static final long IMMUTABLE_MAX_AGE_SECONDS = 365L * 24 * 3600;
  /**
   * A connection waiting this long for its answer is closed: longer than any service call may take (the face
   * workers' 30 s is the longest), so a request always gets its answer, a 503 at worst, before this.
   */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  private final ClusterMembers members;

  public HttpVerticle(ClusterMembers members) {
    this.members = members;
  }

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    AccountStore store = AccountStore.proxy(vertx);
    RevokedTokens revoked = new RevokedTokens(vertx, members);
    Tokens tokens = new Tokens(vertx, settings);
    BearerAuth auth = new BearerAuth(tokens, revoked);
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(settings.integer("http.json-limit"));

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(settings.bool("http.access-log")));
    router.route().handler(HttpVerticle::forbidSniffing);
    router.route().method(HttpMethod.HEAD).handler(HeadRequests::declareLength);
    router.route().handler(new QueryParameters());
    int cores = Runtime.getRuntime().availableProcessors();
    WorkerExecutor hashing = vertx.createSharedWorkerExecutor(HASHING_POOL, cores);
    WorkerExecutor imageWorkers = vertx.createSharedWorkerExecutor(IMAGE_POOL, cores);
    ImageInspector inspector = new ImageInspector(
        settings.integer("image.max-megapixels") * 1_000_000L, settings.bool("keep.metadata"));
    ObjectStore objects = ObjectStore.proxy(vertx);
    SigninThrottle throttle = new SigninThrottle(vertx, settings, store);
    new AccountRoutes(settings, store, tokens, revoked, hashing, throttle).mount(router, jsonBody, auth);
    mountImages(router, settings, auth, jsonBody, inspector, imageWorkers, objects);
    new ForumRoutes(vertx, settings, store, auth, throttle, hashing, imageWorkers, inspector, objects)
        .mount(router, jsonBody);
    router.get("/health").handler(ctx -> store.ping().timeout(3, TimeUnit.SECONDS).onComplete(ping ->
        Responses.json(ctx, ping.succeeded() ? 200 : 503,
            new JsonObject().put("status", ping.succeeded() ? "UP" : "DOWN"))));
    ApiDocs.mount(vertx, router);

    HeadRequests.answerOnGetRoutes(router);

    ErrorResponses errors = new ErrorResponses();
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);

    return revoked.start(store).compose(v -> vertx.createHttpServer(new HttpServerOptions()
            .setHost(settings.string("http.host"))
            .setPort(settings.integer("http.port"))
            // request bodies in pieces of up to 64 KiB as read from the socket, not 8 KiB: each piece is a pass
            // through Vert.x's request pipeline and the multipart parser (25 of them for a 200 KB photo)
            .setMaxChunkSize(64 * 1024)
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .invalidRequestHandler(new InvalidRequests())
        .requestHandler(router)
        .listen()
        .recover(e -> Future.failedFuture(HttpPort.refusal(settings, e))));
  }

  private void mountImages(Router router, Settings settings, BearerAuth auth, Handler<RoutingContext> jsonBody,
                           ImageInspector inspector, WorkerExecutor imageWorkers, ObjectStore objects) {
    int maxFiles = settings.integer("upload.max-files");
    MultipartFiles multipart = new MultipartFiles(MAX_IMAGE_BYTES, maxFiles,
        ApiError.of(413, ImageMessages.FILE_TOO_LARGE),
        ApiError.of(413, ImageMessages.tooManyFiles(maxFiles)),
        ApiError.of(400, ImageMessages.NO_FILE));
    ImageUploads uploads = new ImageUploads(vertx, inspector, imageWorkers, objects);
    ImageStore images = ImageStore.proxy(vertx);
    new ImageRoutes(multipart, uploads, images, objects).mount(router, auth);
    new FaceRoutes(vertx, multipart, uploads, images, objects, FaceStore.proxy(vertx), new FaceWorkers(vertx, members))
        .mount(router, auth, jsonBody);
    if (settings.string("storage").equals("local")) {
      Path directory = LocalDiskBackend.directory(Path.of(settings.string("data.dir"))).toAbsolutePath();
      router.get(LocalDiskBackend.URL_PREFIX + "*").handler(HttpVerticle::tagImmutableObject)
          .handler(StaticHandler.create(FileSystemAccess.ROOT, directory.toString())
          .setDirectoryListing(false)
          .setIncludeHidden(false)
          .setCachingEnabled(true)
          .setMaxAgeSeconds(IMMUTABLE_MAX_AGE_SECONDS));
    }
  }

  /** Served objects and avatars are user bytes: a browser must take their declared type, never guess one. */
  private static void forbidSniffing(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff");
    ctx.next();
  }

  /**
   * An object's name never names other bytes, so the name is a strong ETag; its extension names its type
   * (which StaticHandler, answering a HEAD, does not send).
   */
  private static void tagImmutableObject(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (ObjectKeys.isKey(name) && (status == 200 || status == 206 || status == 304)) {
        ctx.response().putHeader("ETag", "\"" + name + "\"");
      }
      if (ObjectKeys.isKey(name) && (status == 200 || status == 206)) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.response().putHeader("Content-Type", ImageType.ofExtension(extension).contentType());
      }
    });
    ctx.next();
  }
}
