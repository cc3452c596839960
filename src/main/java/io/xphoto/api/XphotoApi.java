package io.xphoto.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.xphoto.accounts.Tokens;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.FaceStore;
import io.xphoto.db.ImageStore;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.images.Image;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;
import io.xphoto.web.SurfaceRouters;
import io.xphoto.web.SurfaceServices;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The xphoto surface: accounts, photos, the face library and {@code /health}, its errors as
 * {@code {"error": ...}}. Its paths start at the root, so its router is mounted at {@code /}.
 */
public final class XphotoApi {

  private XphotoApi() {
  }

  public static Router router(Vertx vertx, Settings settings, SurfaceServices services, AccountStore store,
                              Tokens tokens, RevokedTokens revoked, ObjectStore objects, ClusterMembers members) {
    Router router = Router.router(vertx);
    new AccountRoutes(settings, store, tokens, revoked, services.hashing(), services.signin())
        .mount(router, services.jsonBody(), services.bearer());
    int maxFiles = settings.integer("upload.max-files");
    MultipartFiles multipart = new MultipartFiles(Image.MAX_BYTES, maxFiles,
        ApiError.of(413, ImageMessages.FILE_TOO_LARGE),
        ApiError.of(413, ImageMessages.tooManyFiles(maxFiles)),
        ApiError.of(400, ImageMessages.NO_FILE));
    ImageUploads uploads = new ImageUploads(vertx, services.inspector(), services.imageChecks(), objects);
    ImageStore images = ImageStore.proxy(vertx);
    new ImageRoutes(multipart, uploads, images, objects).mount(router, services.bearer());
    new FaceRoutes(multipart, uploads, images, objects, FaceStore.proxy(vertx), new FaceWorkers(vertx, members))
        .mount(router, services.bearer(), services.jsonBody());
    router.get("/health").handler(ctx -> store.ping().timeout(3, TimeUnit.SECONDS).onComplete(ping ->
        Responses.json(ctx, ping.succeeded() ? 200 : 503,
            new JsonObject().put("status", ping.succeeded() ? "UP" : "DOWN"))));
    return SurfaceRouters.complete(router, UnaryOperator.identity());
  }
}
