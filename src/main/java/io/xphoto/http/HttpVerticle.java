package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.xphoto.accounts.Tokens;
import io.xphoto.accounts.TotpSecretBox;
import io.xphoto.api.XphotoApi;
import io.xphoto.apidocs.ApiContract;
import io.xphoto.apidocs.ApiDocs;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.AuditLog;
import io.xphoto.db.RevokedTokenStore;
import io.xphoto.db.SigninFailureStore;
import io.xphoto.forum.ForumError;
import io.xphoto.forum.ForumRoutes;
import io.xphoto.images.ImageInspector;
import io.xphoto.metrics.Metrics;
import io.xphoto.objects.ServedObjects;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.HeadRequests;
import io.xphoto.web.InvalidRequests;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.QueryParameters;
import io.xphoto.web.RequestLog;
import io.xphoto.web.RevokedTokens;
import io.xphoto.web.SigninThrottle;
import io.xphoto.web.SurfaceServices;
import io.xphoto.webclient.WebClient;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The HTTP server: the handlers every request passes (request id and access log, nosniff, HEAD, query
 * parameters), then one router per surface, each with its own failure handler: the xphoto API
 * ({@link XphotoApi}), the forum and its avatars ({@link ForumRoutes}), the served objects
 * ({@link ServedObjects}). It holds no SQL and no SMTP: everything else is asked of the other verticles over
 * the event bus. Deployed once per core; the instances share the port.
 */
public final class HttpVerticle extends VerticleBase {

  /** Worker pool for password hashing, shared by all instances (Argon2id must stay off the event loops). */
  private static final String HASHING_POOL = "xphoto-password-hashing";
  /** Worker pool for checking uploaded images. */
  private static final String IMAGE_POOL = "xphoto-image-checks";
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
    RevokedTokens revoked = new RevokedTokens(vertx, members, RevokedTokenStore.proxy(vertx));
    Tokens tokens = new Tokens(vertx, settings);
    int cores = Runtime.getRuntime().availableProcessors();
    WorkerExecutor hashing = vertx.createSharedWorkerExecutor(HASHING_POOL, cores);
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(settings.integer("http.json-limit"));
    Audit audit = new Audit(settings, AuditLog.proxy(vertx));
    TotpSecretBox totpSecrets = new TotpSecretBox(settings);
    SurfaceServices services = new SurfaceServices(
        new BearerAuth(tokens, revoked),
        revoked,
        new PasswordSignin(new SigninThrottle(vertx, settings, SigninFailureStore.proxy(vertx)), hashing,
            Metrics.of(vertx), audit, totpSecrets),
        jsonBody,
        hashing,
        vertx.createSharedWorkerExecutor(IMAGE_POOL, cores),
        new ImageInspector(settings.integer("image.max-megapixels") * 1_000_000L, settings.bool("keep.metadata")),
        audit, totpSecrets);
    ObjectStore objects = ObjectStore.proxy(vertx);

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(settings.bool("http.access-log")));
    router.route().handler(HttpVerticle::forbidSniffing);
    router.route().method(HttpMethod.HEAD).handler(HeadRequests::declareLength);
    router.route().handler(new QueryParameters());

    return ApiContract.load(vertx)
        .map(document -> document.configured(settings))
        .compose(document -> Future.all(document.of(vertx, XphotoApi.routedOperations(settings)),
            document.mountedAt(vertx, ForumRoutes.MOUNT_POINT, ForumRoutes.ROUTED_OPERATIONS),
            document.of(vertx, XphotoApi.HAND_MOUNTED_JSON_OPERATIONS)))
        .compose(contracts -> {
          mountSurfaces(router, contracts.resultAt(0), contracts.resultAt(1), contracts.resultAt(2), settings,
              services, store, tokens, revoked, objects);
          HeadRequests.answerOnGetRoutes(router);
          return revoked.start();
        })
        .compose(v -> vertx.createHttpServer(new HttpServerOptions()
            .setHost(settings.string("http.host"))
            .setPort(settings.integer("http.port"))
            // request bodies in pieces of up to 64 KiB as read from the socket, not 8 KiB: each piece is a pass
            // through Vert.x's request pipeline and the multipart parser (25 of them for a 200 KB photo)
            .setMaxChunkSize(64 * 1024)
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .invalidRequestHandler(new InvalidRequests(HttpVerticle::shapeOfPath))
        .requestHandler(router)
        .listen()
        .recover(e -> Future.failedFuture(HttpPort.refusal(settings, e))));
  }

  /**
   * Vert.x decides 404 and 405 at the root router (a sub-router's unmatched request comes back to it), and a
   * later route matching the path resets a 405 to 404. So the xphoto API, whose router takes every path, is
   * mounted in two halves: its routes first, its failure handler last (failures no other surface took). A 404
   * or 405 is made a failure, which Vert.x hands to the failure handler of the surface mounted at its path.
   */
  private void mountSurfaces(Router router, OpenAPIContract xphotoContract, OpenAPIContract forumContract,
                             OpenAPIContract handMountedContract, Settings settings, SurfaceServices services,
                             AccountStore store, Tokens tokens, RevokedTokens revoked, ObjectStore objects) {
    ForumRoutes forum = new ForumRoutes(vertx, settings, store, objects, services);
    Router api = XphotoApi.router(vertx, xphotoContract, handMountedContract, settings, services, store, tokens,
        revoked, objects, members, forum.sessions());
    router.route("/*").handler(api::handleContext);
    router.route(ForumRoutes.MOUNT).subRouter(forum.router(vertx, forumContract));
    router.route(ForumRoutes.AVATAR_MOUNT).subRouter(forum.avatarRouter(vertx));
    if (settings.string("storage").equals("local")) {
      router.route(ServedObjects.MOUNT).subRouter(ServedObjects.router(vertx, Path.of(settings.string("data.dir"))));
    }
    WebClient.mount(router, settings);
    ApiDocs.mount(vertx, router, api);
    router.route("/*").failureHandler(api::handleFailure);
    router.errorHandler(404, ctx -> ctx.fail(404));
    router.errorHandler(405, ctx -> ctx.fail(405));
  }

  /** The error shape of a request that never reached the router (see {@link InvalidRequests}). */
  private static UnaryOperator<ApiError> shapeOfPath(String path) {
    boolean forum = path != null && (matches(path, ForumRoutes.MOUNT) || matches(path, ForumRoutes.AVATAR_MOUNT));
    return forum ? ForumError::reshape : UnaryOperator.identity();
  }

  private static boolean matches(String path, String mount) {
    return path.startsWith(mount.substring(0, mount.length() - 1));
  }

  /** Served objects and avatars are user bytes: a browser must take their declared type, never guess one. */
  private static void forbidSniffing(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff");
    ctx.next();
  }
}
