package io.xphoto.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.xphoto.accounts.Tokens;
import io.xphoto.admin.AdminRoutes;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountRecoveryStore;
import io.xphoto.db.AccountData;
import io.xphoto.db.AccountStore;
import io.xphoto.db.AdminStore;
import io.xphoto.db.AuditLog;
import io.xphoto.db.FaceStore;
import io.xphoto.db.ImageStore;
import io.xphoto.db.SigninFailureStore;
import io.xphoto.db.TotpStore;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.health.OperationsRoutes;
import io.xphoto.images.Image;
import io.xphoto.metrics.Metrics;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.RequestThrottle;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;
import io.xphoto.web.SameOrigin;
import io.xphoto.web.SurfaceRouters;
import io.xphoto.web.SurfaceServices;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The xphoto surface: accounts, photos, the face library and {@code /health}, its errors as
 * {@code {"error": ...}}. Its paths start at the root, so its router is mounted at {@code /}.
 *
 * <p>Its router is built by RouterBuilder from {@link #ROUTED_OPERATIONS} of {@code openapi.yaml}
 * ({@link ContractRoutes}). Hand-mounted on it, still documented there: {@code upload}, {@code registerFaces}
 * and {@code searchFaces}, whose multipart bodies stream through {@link MultipartParser} with the limits enforced
 * as the parts arrive (a RouterBuilder route would need the whole body read first to validate it).
 */
public final class XphotoApi {

  /**
   * The operations of {@code openapi.yaml} whose routes RouterBuilder makes; the operations endpoints
   * ({@link OperationsRoutes}) only where {@link #routedOperations} says.
   */
  public static final Set<String> ROUTED_OPERATIONS = Set.of("signup", "activate", "signin", "signout", "userInfo",
      "signoutAll", "changePassword", "forgotPassword", "resetPasswordPage", "resetPassword", "changeEmail",
      "confirmEmail", "exportAccount", "deleteAccount", "listImages", "deleteImage", "listFaces", "deleteFace",
      "health", "metrics", "healthLive", "healthReady",
      "accountEvents", "adminUsers", "adminDisableUser", "adminEnableUser", "adminSignoutUser", "adminSetRole",
      "adminAudit",
      "setupTotp", "enableTotp", "disableTotp",
      "totpStatus");
  /** The hand-mounted operations with a JSON body, whose contract gives their body schemas. */
  public static final Set<String> HAND_MOUNTED_JSON_OPERATIONS = Set.of("registerFaces", "searchFaces");

  private XphotoApi() {
  }

  /** {@link #ROUTED_OPERATIONS} less the operations endpoints this node does not serve on its main port. */
  public static Set<String> routedOperations(Settings settings) {
    Set<String> routed = new HashSet<>(ROUTED_OPERATIONS);
    routed.removeAll(OperationsRoutes.OPERATIONS);
    routed.addAll(OperationsRoutes.onMainPort(settings));
    return routed;
  }

  /**
   * @param contract            the {@link #routedOperations}
   * @param handMountedContract the {@link #HAND_MOUNTED_JSON_OPERATIONS}, for their JSON body schemas
   * @param forumSessions       the forum's session handler, for the admin API ({@link AdminRoutes})
   */
  public static Router router(Vertx vertx, OpenAPIContract contract, OpenAPIContract handMountedContract,
                              Settings settings, SurfaceServices services, AccountStore store, Tokens tokens,
                              RevokedTokens revoked, ObjectStore objects, ClusterMembers members,
                              Handler<RoutingContext> forumSessions) {
    int maxFiles = settings.integer("upload.max-files");
    MultipartFiles multipart = new MultipartFiles(Image.MAX_BYTES, maxFiles,
        ApiError.of(413, ImageMessages.FILE_TOO_LARGE),
        ApiError.of(413, ImageMessages.tooManyFiles(maxFiles)),
        ApiError.of(400, ImageMessages.NO_FILE));
    ImageUploads uploads = new ImageUploads(vertx, services.inspector(), services.imageChecks(), objects);
    ImageStore images = ImageStore.proxy(vertx);
    ImageRoutes imageRoutes = new ImageRoutes(multipart, uploads, images, objects, Metrics.of(vertx));
    FaceWorkers faceWorkers = new FaceWorkers(vertx, members);
    FaceRoutes faceRoutes = new FaceRoutes(multipart, uploads, images, objects, FaceStore.proxy(vertx), faceWorkers,
        FaceRoutes.jsonBodies(handMountedContract));

    ContractRoutes routes = new ContractRoutes(vertx, contract);
    new AccountRoutes(settings, store, tokens, revoked, services.hashing(), services.signin(), services.audit())
        .mount(routes, services.jsonBody(), services.bearer());
    new AccountSecurityRoutes(store, revoked, services.hashing(), services.signin(), services.audit())
        .mount(routes, services.jsonBody(), services.bearer());
    AccountRecoveryStore recovery = AccountRecoveryStore.proxy(vertx);
    RequestThrottle throttle = new RequestThrottle(settings, SigninFailureStore.proxy(vertx));
    new PasswordResetRoutes(settings, recovery, revoked, throttle, services.audit(), services.hashing())
        .mount(routes, services.jsonBody());
    new EmailChangeRoutes(settings, recovery, throttle, services.signin(), services.audit())
        .mount(routes, services.jsonBody(), services.bearer());
    AuditLog auditLog = AuditLog.proxy(vertx);
    new AccountDataRoutes(AccountData.proxy(vertx), auditLog, objects, services.signin(), revoked, services.audit())
        .mount(routes, services.jsonBody(), services.bearer());
    new AccountEvents(auditLog).mount(routes, services.bearer());
    new AdminRoutes(AdminStore.proxy(vertx), auditLog, revoked, services.audit(),
        new SameOrigin(settings.string("public.url")))
        .mount(routes, forumSessions, services.jsonBody(), services.bearer());
    new TotpRoutes(TotpStore.proxy(vertx), services.totpSecrets(), services.signin(), services.hashing(),
        services.imageChecks(), settings.string("totp.issuer"), services.audit())
        .mount(routes, services.jsonBody(), services.bearer());
    imageRoutes.mount(routes, services.bearer());
    faceRoutes.mount(routes, services.bearer());
    routes.handle("health", ctx -> store.ping().timeout(3, TimeUnit.SECONDS).onComplete(ping ->
        Responses.json(ctx, ping.succeeded() ? 200 : 503,
            new JsonObject().put("status", ping.succeeded() ? "UP" : "DOWN"))));
    OperationsRoutes.mount(routes, OperationsRoutes.onMainPort(settings), vertx, settings, members, faceWorkers);
    Router router = routes.router();
    imageRoutes.mountUpload(router, services.bearer());
    faceRoutes.mountRegistersAndSearches(router, services.bearer(), services.jsonBody());
    return SurfaceRouters.complete(router, UnaryOperator.identity());
  }
}
