package io.xphoto.forum;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.xphoto.db.ProfileStore;
import io.xphoto.images.Image;
import io.xphoto.images.ImageInspector;
import io.xphoto.images.ImageTooLarge;
import io.xphoto.images.ImageType;
import io.xphoto.images.NotAnImage;
import io.xphoto.storage.ObjectBytes;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.Responses;
import io.xphoto.web.SessionOrBearerAuth;
import io.xphoto.web.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /forum/user/avatar} (the raw image as the body) and {@code GET /image/avatar/<key>}. Avatars
 * are checked like uploads (type by the bytes, pixel-flood limit, metadata stripped) and kept in the object
 * store under a new random key; the account's previous avatar is deleted. Only current avatars are served.
 */
final class AvatarRoutes {

  /** Relative to the forum's mount point. */
  private static final String ROUTE = "/user/avatar";
  static final String PATH = "/forum" + ROUTE;
  static final String URL_PREFIX = "/image/avatar/";
  private static final Logger LOG = LoggerFactory.getLogger(AvatarRoutes.class);

  private final Vertx vertx;
  private final ProfileStore store;
  private final ObjectStore objects;
  private final ImageInspector inspector;
  private final WorkerExecutor workers;

  AvatarRoutes(Vertx vertx, ProfileStore store, ObjectStore objects, ImageInspector inspector,
               WorkerExecutor workers) {
    this.vertx = vertx;
    this.store = store;
    this.objects = objects;
    this.inspector = inspector;
    this.workers = workers;
  }

  /** On the forum's router, after its session handler. */
  void mountUpload(ContractRoutes routes, Handler<RoutingContext> sessions, SessionOrBearerAuth auth) {
    routes.handle("forumUploadAvatar", sessions, BodyHandler.create(false).setBodyLimit(Image.MAX_BYTES), auth,
        this::upload);
  }

  /** On the router mounted at {@link #URL_PREFIX}. */
  void mountServing(Router avatars) {
    avatars.get("/*").handler(this::serve);
  }

  private void upload(RoutingContext ctx) {
    long userId = Caller.id(ctx);
    byte[] bytes = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    workers.executeBlocking(() -> inspect(bytes), false)
        .compose(image -> {
          String key = ObjectKeys.newKey(image.type().extension());
          return ObjectBytes.put(vertx, key, image.type().contentType(), image.bytes())
              .recover(e -> Future.failedFuture(storeFailed(e)))
              .compose(v -> store.replaceAvatar(userId, key)
                  .transform(replaced -> {
                    if (replaced.succeeded() && replaced.result() != null) {
                      return Future.succeededFuture(new Replacement(key, replaced.result().getReplaced()));
                    }
                    if (replaced.succeeded() || !Unavailable.is(replaced.cause())) {
                      remove(key); // with the database unreachable it may be the avatar now: left to the sweep
                    }
                    return Future.failedFuture(replaced.succeeded()
                        ? ForumError.of(401, ForumMessages.NOT_LOGGED_IN) : replaced.cause());
                  }));
        })
        .onSuccess(replacement -> {
          if (replacement.old() != null) {
            remove(replacement.old());
          }
          Responses.json(ctx, 200, new JsonObject().put("status", "ok").put("resaddr", URL_PREFIX + replacement.key()));
        })
        .onFailure(ctx::fail);
  }

  private record Replacement(String key, String old) {
  }

  private Image inspect(byte[] bytes) {
    try {
      return inspector.inspect(bytes);
    } catch (NotAnImage e) {
      throw ForumError.of(415, ForumMessages.AVATAR_NOT_AN_IMAGE);
    } catch (ImageTooLarge e) {
      throw ForumError.of(422, ForumMessages.tooManyPixels(e.getMessage()));
    }
  }

  private static ApiError storeFailed(Throwable cause) {
    LOG.warn("an avatar could not be stored: {}", cause.getMessage());
    return ForumError.reshape(Unavailable.error(ForumMessages.AVATAR_STORE_FAILED));
  }

  /** A failure leaves an orphan object, which the storage verticle's sweep removes. */
  private void remove(String key) {
    objects.delete(key).onFailure(e -> LOG.warn("could not delete avatar object {}: {}", key, e.getMessage()));
  }

  private void serve(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String key = path.startsWith(URL_PREFIX) ? path.substring(URL_PREFIX.length()) : "";
    if (!ObjectKeys.isKey(key)) {
      ctx.fail(ForumError.of(404, ForumMessages.NO_SUCH_AVATAR));
      return;
    }
    String etag = ObjectKeys.etag(key);
    store.isAvatar(key)
        .compose(current -> {
          if (!current) {
            throw ForumError.of(404, ForumMessages.NO_SUCH_AVATAR);
          }
          if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            return Future.succeededFuture((Buffer) null);
          }
          return ObjectBytes.get(vertx, key);
        })
        .onSuccess(bytes -> {
          ctx.response()
              .putHeader("ETag", etag)
              .putHeader("Cache-Control", "public, max-age=" + ObjectKeys.IMMUTABLE_MAX_AGE_SECONDS + ", immutable");
          if (bytes == null) {
            ctx.response().setStatusCode(304).end();
          } else {
            ctx.response().putHeader("Content-Type", ImageType.ofName(key).contentType()).end(bytes);
          }
        })
        .onFailure(ctx::fail);
  }
}
