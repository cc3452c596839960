package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.ImageStore;
import io.xphoto.metrics.Metrics;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.Responses;

import java.util.List;

/** {@code POST /upload}, {@code GET /images}, {@code DELETE /images?url=}. */
final class ImageRoutes {

  private final MultipartFiles multipart;
  private final ImageUploads uploads;
  private final ImageStore images;
  private final ObjectStore objects;
  private final Metrics metrics;

  ImageRoutes(MultipartFiles multipart, ImageUploads uploads, ImageStore images, ObjectStore objects, Metrics metrics) {
    this.multipart = multipart;
    this.uploads = uploads;
    this.images = images;
    this.objects = objects;
    this.metrics = metrics;
  }

  void mount(ContractRoutes routes, BearerAuth auth) {
    routes.handle("listImages", auth, this::list)
        .handle("deleteImage", auth, routes.validation("deleteImage", ApiError.of(400, ImageMessages.URL_REQUIRED)),
            this::delete);
  }

  /** Hand-mounted, see {@link XphotoApi}: the body streams through the multipart parser. */
  void mountUpload(Router router, BearerAuth auth) {
    router.post("/upload").handler(MultipartFiles::pause).handler(auth).handler(this::upload);
  }

  private void upload(RoutingContext ctx) {
    long owner = Caller.id(ctx);
    multipart.read(ctx)
        .compose(parts -> uploads.inspect(parts.stream().map(MultipartFiles.Part::bytes).toList()))
        .compose(uploads::write)
        .compose(stored -> uploads.recordedOrRemoved(stored,
                images.addImages(owner, stored.stream().map(ImageUploads.Stored::row).toList()))
            .map(added -> {
              stored.forEach(image -> metrics.uploadStored(image.checked().bytes().length));
              return stored.stream().map(ImageUploads.Stored::url).toList();
            }))
        .onSuccess(urls -> Responses.json(ctx, 200, new JsonObject().put("urls", new JsonArray(urls))))
        .onFailure(e -> {
          metrics.uploadRefused(refusal(e));
          ctx.fail(e);
        });
  }

  /** The metrics' reason for a refused upload: a few fixed words. */
  private static String refusal(Throwable failure) {
    if (!(failure instanceof ApiError error)) {
      return "unavailable";
    }
    String message = error.body().getString("error", "");
    return switch (error.status()) {
      case 400 -> message.equals(ImageMessages.NO_FILE) ? "no_file" : "bad_request";
      case 413 -> message.equals(ImageMessages.FILE_TOO_LARGE) ? "file_too_large" : "too_many_files";
      case 415 -> "not_an_image";
      case 422 -> "image_too_large";
      default -> error.status() >= 500 ? "unavailable" : "bad_request";
    };
  }

  private void list(RoutingContext ctx) {
    images.imageKeys(Caller.id(ctx))
        .compose(keys -> {
          if (keys.isEmpty()) {
            throw ApiError.of(404, ImageMessages.noImages(BearerAuth.claims(ctx).getString("id")));
          }
          return objects.urls(keys).recover(e -> Future.failedFuture(ImageUploads.unavailable(e)));
        })
        .onSuccess(urls -> Responses.json(ctx, 200, new JsonObject().put("urls", new JsonArray(urls))))
        .onFailure(ctx::fail);
  }

  /** The row goes first: a failure after it leaves an orphan object for the sweep, never a row without object. */
  private void delete(RoutingContext ctx) {
    String url = ctx.request().getParam("url");
    if (url == null || url.isBlank()) {
      ctx.fail(ApiError.of(400, ImageMessages.URL_REQUIRED));
      return;
    }
    String key = ObjectKeys.fromUrl(url).orElse(null);
    if (key == null) {
      ctx.fail(ApiError.of(404, ImageMessages.NO_SUCH_IMAGE));
      return;
    }
    images.deleteImage(Caller.id(ctx), key)
        .compose(deleted -> {
          if (!deleted) {
            throw ApiError.of(404, ImageMessages.NO_SUCH_IMAGE);
          }
          return uploads.remove(List.of(key)).otherwiseEmpty();
        })
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", ImageMessages.DELETED)))
        .onFailure(ctx::fail);
  }
}
