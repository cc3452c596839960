package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.FaceStore;
import io.xphoto.db.ImageStore;
import io.xphoto.db.RegisteredFace;
import io.xphoto.faces.FaceChoice;
import io.xphoto.faces.FaceRegistrationResult;
import io.xphoto.faces.FaceSearch;
import io.xphoto.faces.FaceService;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.faces.ImageSource;
import io.xphoto.faces.ImagesToRegister;
import io.xphoto.faces.RecordedFace;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.storage.ObjectStore;
import io.vertx.openapi.contract.OpenAPIContract;
import io.xphoto.web.ApiError;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.BodyValidation;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.Responses;
import io.xphoto.web.Unavailable;
import io.xphoto.web.WebMessages;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The face library: {@code POST /images-db} registers the largest face of each image (multipart files, or
 * JSON URLs of the caller's own images), or the faces its {@code face} parameter chooses, and answers which;
 * {@code POST /images-db/?search} (also {@code /images-db?search} and {@code /images-db/search}) asks whether
 * a probe face is in the library, and answers which face matched which; {@code GET /images-db} lists it;
 * {@code DELETE /images-db/<id>} removes a face. Images registered as files are stored like uploads (and
 * appear in {@code /images}); a URL is only ever resolved to one of the caller's own objects, never fetched.
 */
final class FaceRoutes {

  private final MultipartFiles multipart;
  private final ImageUploads uploads;
  private final ImageStore images;
  private final ObjectStore objects;
  private final FaceStore library;
  private final FaceWorkers faces;
  private final JsonBodies jsonBodies;

  FaceRoutes(MultipartFiles multipart, ImageUploads uploads, ImageStore images, ObjectStore objects,
             FaceStore library, FaceWorkers faces, JsonBodies jsonBodies) {
    this.multipart = multipart;
    this.uploads = uploads;
    this.images = images;
    this.objects = objects;
    this.library = library;
    this.faces = faces;
    this.jsonBodies = jsonBodies;
  }

  /**
   * The JSON bodies of registerFaces and searchFaces, validated with their schemas. One hand-mounted route takes
   * both ({@code POST /images-db?search} is a search), so the handler picks the schema once it knows which.
   */
  record JsonBodies(BodyValidation register, BodyValidation search) {
  }

  static JsonBodies jsonBodies(OpenAPIContract contract) {
    return new JsonBodies(jsonBody(contract, "registerFaces"), jsonBody(contract, "searchFaces"));
  }

  private static BodyValidation jsonBody(OpenAPIContract contract, String operationId) {
    return new BodyValidation(ContractRoutes.jsonBodySchema(contract.operation(operationId)), Map.of(),
        message -> ApiError.of(422, message));
  }

  void mount(ContractRoutes routes, BearerAuth auth) {
    routes.handle("listFaces", auth, this::list)
        .handle("deleteFace", auth, this::delete);
  }

  /** Hand-mounted, see {@link XphotoApi}: registerFaces and searchFaces take streamed files or a JSON body. */
  void mountRegistersAndSearches(Router router, BearerAuth auth, Handler<RoutingContext> jsonBody) {
    for (String path : List.of("/images-db", "/images-db/search")) {
      // Vert.x orders body handlers before auth handlers, so files and JSON take separate routes.
      router.post(path).consumes("multipart/form-data")
          .handler(MultipartFiles::pause).handler(auth).handler(this::fromFiles);
      router.post(path).handler(jsonBody).handler(auth).handler(this::fromJson);
    }
  }

  private static boolean isSearch(RoutingContext ctx) {
    return ctx.request().params().contains("search") || ctx.request().path().endsWith("/search");
  }

  private void fromFiles(RoutingContext ctx) {
    long owner = Caller.id(ctx);
    boolean search = isSearch(ctx);
    FaceChoice choice = search ? null : FaceChoiceParameter.of(ctx);
    multipart.read(ctx)
        .compose(parts -> {
          List<MultipartFiles.Part> files = search ? List.of(probe(parts)) : parts;
          checkChoice(choice, files.size());
          return uploads.inspect(files.stream().map(MultipartFiles.Part::bytes).toList())
              .compose(checked -> search
                  ? search(ctx, owner, () -> faces.search(owner, checked.get(0).image()), true)
                  : registerFiles(ctx, owner, files, checked, choice));
        })
        .onFailure(ctx::fail);
  }

  private void fromJson(RoutingContext ctx) {
    long owner = Caller.id(ctx);
    JsonObject body = JsonBody.object(ctx);
    if (isSearch(ctx)) {
      jsonBodies.search().check(body);
      String url = body.getString("faceFile");
      ownedKeys(owner, List.of(url))
          .compose(keys -> search(ctx, owner, () -> faces.search(owner, ImageSource.stored(keys.get(0))), true))
          .onFailure(ctx::fail);
      return;
    }
    FaceChoice choice = FaceChoiceParameter.of(ctx);
    jsonBodies.register().check(body);
    List<String> urls = urls(body);
    checkChoice(choice, urls.size());
    ownedKeys(owner, urls)
        .compose(keys -> register(owner, new ImagesToRegister()
            .setSources(keys.stream().map(ImageSource::stored).toList()).setFace(choice), urls, choice))
        .onSuccess(recorded -> registered(ctx, recorded, urls))
        .onFailure(ctx::fail);
  }

  /** An index or a box names a face of one image: 422 for several, before anything is stored. */
  private static void checkChoice(FaceChoice choice, int images) {
    if (FaceChoiceParameter.ofOneImage(choice) && images > 1) {
      throw ApiError.of(422, FaceMessages.FACE_CHOICE_OF_ONE_IMAGE);
    }
  }

  /** The files are stored first: the face worker reads them from the store, as it reads those registered by URL. */
  private Future<Void> registerFiles(RoutingContext ctx, long owner, List<MultipartFiles.Part> files,
                                     List<ImageUploads.Checked> checked, FaceChoice choice) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String filename = files.get(i).filename();
      names.add(filename == null || filename.isBlank() ? "file #" + (i + 1) : filename);
    }
    return uploads.write(checked).compose(stored -> {
          ImagesToRegister registration = new ImagesToRegister()
              .setImages(stored.stream().map(ImageUploads.Stored::row).toList())
              .setSources(stored.stream()
                  .map(image -> ImageSource.checked(image.key(), image.checked().image())).toList())
              .setFace(choice);
          return uploads.recordedOrRemoved(stored, register(owner, registration, names, choice))
              .onSuccess(recorded -> registered(ctx, recorded, stored.stream().map(ImageUploads.Stored::url).toList()));
        })
        .mapEmpty();
  }

  /**
   * Has the face worker register the faces chosen of each source, under a new request id (a worker that dies
   * on it is replaced and the registration recorded once); fails with 422 naming the first image without a
   * face, or saying that the face chosen is not among those found.
   */
  private Future<List<RecordedFace>> register(long owner, ImagesToRegister registration, List<String> names,
                                              FaceChoice choice) {
    return faces.register(owner, UUID.randomUUID().toString(), registration)
        .recover(e -> Future.failedFuture(fromFaceService(e)))
        .compose(result -> result.getFaces() != null ? Future.succeededFuture(result.getFaces())
            : Future.failedFuture(refusal(result, names, choice)));
  }

  private static ApiError refusal(FaceRegistrationResult result, List<String> names, FaceChoice choice) {
    if (result.getNoFaceIn() != null) {
      return ApiError.of(422, FaceMessages.noFace(names.get(result.getNoFaceIn())));
    }
    int found = result.getFacesFound();
    return ApiError.of(422, choice.getIndex() != null ? FaceMessages.noFaceAtIndex(choice.getIndex(), found)
        : FaceMessages.noFaceInBox(found));
  }

  /**
   * The search's answer; when it matched, with the library face it matched. If that face was deleted in the
   * meantime, the search is done once again (on the library without it).
   */
  private Future<Void> search(RoutingContext ctx, long owner, Supplier<Future<FaceSearch>> search, boolean again) {
    return search.get()
        .recover(e -> Future.failedFuture(fromFaceService(e)))
        .compose(result -> {
          if (result.getFaces() == 0) {
            return Future.failedFuture(ApiError.of(422, FaceMessages.NO_FACE_IN_PROBE));
          }
          if (!result.isMatched()) {
            return Responses.json(ctx, 404, FaceAnswers.searched(result));
          }
          return library.findFace(owner, result.getFaceId()).compose(face -> {
            if (face == null) {
              return again ? search(ctx, owner, search, false)
                  : Future.failedFuture(Unavailable.error(WebMessages.UNAVAILABLE));
            }
            return objects.urls(List.of(face.getImageKey()))
                .recover(e -> Future.failedFuture(ImageUploads.unavailable(e)))
                .compose(urls -> Responses.json(ctx, 200, FaceAnswers.matched(result, face, urls.get(0))));
          });
        });
  }

  private void list(RoutingContext ctx) {
    library.listFaces(Caller.id(ctx))
        .compose(rows -> objects.urls(rows.stream().map(RegisteredFace::getImageKey).toList())
            .recover(e -> Future.failedFuture(ImageUploads.unavailable(e)))
            .map(urls -> {
              JsonArray listed = new JsonArray();
              for (int i = 0; i < rows.size(); i++) {
                RegisteredFace face = rows.get(i);
                listed.add(new JsonObject().put("id", face.getId()).put("box", new JsonArray(face.getBox()))
                    .put("score", face.getScore()).put("created", face.getCreated().toString())
                    .put("image", urls.get(i)));
              }
              return listed;
            }))
        .onSuccess(listed -> Responses.json(ctx, 200, new JsonObject().put("faces", listed)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long faceId;
    try {
      faceId = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      ctx.fail(ApiError.of(404, FaceMessages.NO_SUCH_FACE));
      return;
    }
    library.deleteFace(Caller.id(ctx), faceId)
        .onSuccess(deleted -> {
          if (deleted) {
            Responses.json(ctx, 200, new JsonObject().put("message", FaceMessages.FACE_DELETED));
          } else {
            ctx.fail(ApiError.of(404, FaceMessages.NO_SUCH_FACE));
          }
        })
        .onFailure(ctx::fail);
  }

  /** The keys of the caller's own images behind these URLs; 422 for the first URL that is not one. */
  private Future<List<String>> ownedKeys(long owner, List<String> urls) {
    List<String> keys = new ArrayList<>();
    for (String url : urls) {
      keys.add(ObjectKeys.fromUrl(url).orElseThrow(() -> ApiError.of(422, FaceMessages.notYours(url))));
    }
    return images.ownedKeys(owner, keys).compose(owned -> {
      Set<String> mine = Set.copyOf(owned);
      for (int i = 0; i < keys.size(); i++) {
        if (!mine.contains(keys.get(i))) {
          return Future.failedFuture(ApiError.of(422, FaceMessages.notYours(urls.get(i))));
        }
      }
      return Future.succeededFuture(keys);
    });
  }

  /** The URLs of a valid body, each once. */
  private static List<String> urls(JsonObject body) {
    if (body.getValue("file") instanceof String url) {
      return List.of(url);
    }
    return List.copyOf(new LinkedHashSet<>(body.getJsonArray("file").stream().map(String.class::cast).toList()));
  }

  private static MultipartFiles.Part probe(List<MultipartFiles.Part> parts) {
    return parts.stream().filter(part -> part.field().equals("faceFile")).findFirst().orElse(parts.get(0));
  }

  private static void registered(RoutingContext ctx, List<RecordedFace> recorded, List<String> urls) {
    Responses.json(ctx, 201, FaceAnswers.registered(recorded, urls));
  }

  /** The worker's refusals of an image, and the object store's 503 passed on by the worker, as the uploads answer them. */
  private static Throwable fromFaceService(Throwable e) {
    if (e instanceof ReplyException failure && failure.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      if (failure.failureCode() == FaceService.NOT_AN_IMAGE) {
        return ApiError.of(415, ImageMessages.NOT_AN_IMAGE);
      }
      if (failure.failureCode() == FaceService.TOO_LARGE) {
        return ApiError.of(422, failure.getMessage());
      }
      if (failure.failureCode() == ObjectStore.UNAVAILABLE
          && String.valueOf(failure.getMessage()).startsWith(ObjectStore.UNAVAILABLE_MESSAGE)) {
        return Unavailable.error(ImageMessages.STORE_UNAVAILABLE);
      }
    }
    return e;
  }
}
