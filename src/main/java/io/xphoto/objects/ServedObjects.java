package io.xphoto.objects;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import io.xphoto.images.ImageType;
import io.xphoto.storage.LocalDiskBackend;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.web.SurfaceRouters;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The stored photos under {@link #MOUNT} when they are on the local disk (an S3 store serves its own URLs):
 * GET/HEAD with ranges, strong ETags and a year's caching; errors in the xphoto form.
 */
public final class ServedObjects {

  public static final String MOUNT = LocalDiskBackend.URL_PREFIX + "*";

  private ServedObjects() {
  }

  /** The router for {@link #MOUNT}, serving the files of the data dir's object directory. */
  public static Router router(Vertx vertx, Path dataDir) {
    Path directory = LocalDiskBackend.directory(dataDir).toAbsolutePath();
    Router router = Router.router(vertx);
    router.get("/*").handler(ServedObjects::tagImmutableObject)
        .handler(StaticHandler.create(FileSystemAccess.ROOT, directory.toString())
            .setDirectoryListing(false)
            .setIncludeHidden(false)
            .setCachingEnabled(true)
            .setMaxAgeSeconds(ObjectKeys.IMMUTABLE_MAX_AGE_SECONDS));
    return SurfaceRouters.complete(router, UnaryOperator.identity());
  }

  /**
   * An object's name is its strong ETag, and its extension names its type (which StaticHandler, answering a
   * HEAD, does not send).
   */
  private static void tagImmutableObject(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    ctx.addHeadersEndHandler(v -> {
      int status = ctx.response().getStatusCode();
      if (ObjectKeys.isKey(name) && (status == 200 || status == 206 || status == 304)) {
        ctx.response().putHeader("ETag", ObjectKeys.etag(name));
      }
      if (ObjectKeys.isKey(name) && (status == 200 || status == 206)) {
        ctx.response().putHeader("Content-Type", ImageType.ofName(name).contentType());
      }
    });
    ctx.next();
  }
}
