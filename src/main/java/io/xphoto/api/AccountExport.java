package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.AccountData;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.AuditLog;
import io.xphoto.db.ExportedFace;
import io.xphoto.db.ExportedImage;
import io.xphoto.db.ExportedProfile;
import io.xphoto.db.ExportedSession;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Responses;
import io.xphoto.web.WebMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Writes an account's export as it is read: the images and faces in pages of {@link #PAGE} (a library of 100k
 * faces with embeddings is some 280 MB of JSON), each page written before the next is asked for, waiting for the
 * connection to drain when the client reads slower. A failure once the answer has started resets the stream,
 * so that a client never takes a cut export for a whole one.
 */
final class AccountExport {

  private static final Logger LOG = LoggerFactory.getLogger(AccountExport.class);
  static final int PAGE = 500;
  /** Where the forum serves avatars (forum.AvatarRoutes). */
  private static final String AVATAR_PATH = "/image/avatar/";

  private final AccountData data;
  private final AuditLog log;
  private final ObjectStore objects;

  AccountExport(AccountData data, AuditLog log, ObjectStore objects) {
    this.data = data;
    this.log = log;
    this.objects = objects;
  }

  void send(RoutingContext ctx, long userId, boolean embeddings, boolean headOnly) {
    data.exportProfile(userId).compose(profile -> {
          if (profile == null) { // deleted since the token was issued
            return Future.failedFuture(BearerAuth.challenging(ApiError.of(401, WebMessages.UNAUTHORIZED)));
          }
          return Future.all(data.exportSessions(userId), log.accountEvents(userId, AccountEvents.LAST)).map(both -> new JsonObject()
              .put("exported", Instant.now().toString())
              .put("profile", profile(profile))
              .put("sessions", json(both.<List<ExportedSession>>resultAt(0), AccountExport::session))
              .put("securityEvents", json(both.<List<AuditEvent>>resultAt(1), AccountEvents::view)));
        })
        .onFailure(ctx::fail)
        .onSuccess(head -> {
          HttpServerResponse response = ctx.response().setStatusCode(200)
              .putHeader("Content-Type", Responses.JSON)
              .putHeader("Content-Disposition", "attachment; filename=\"" + fileName(head) + "\"")
              .putHeader("Cache-Control", "no-store");
          if (headOnly) {
            response.end();
            return;
          }
          response.setChunked(true);
          String start = head.encode();
          // the profile, sessions and events, then the streamed arrays, closing the object
          write(response, start.substring(0, start.length() - 1) + ",\"images\":[")
              .compose(v -> images(response, userId, 0, true))
              .compose(v -> write(response, "],\"faces\":["))
              .compose(v -> faces(response, userId, embeddings, 0, true))
              .compose(v -> response.end("]}"))
              .onFailure(e -> {
                LOG.warn("account export cut off: {}", e.getMessage());
                response.reset();
              });
        });
  }

  private static String fileName(JsonObject head) {
    return "xphoto-export-" + head.getJsonObject("profile").getString("username") + ".json";
  }

  private Future<Void> images(HttpServerResponse response, long userId, long afterId, boolean first) {
    return data.exportImages(userId, afterId, PAGE).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      return objects.urls(page.stream().map(ExportedImage::getKey).toList())
          .compose(urls -> {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < page.size(); i++) {
              if (!first || i > 0) {
                chunk.append(',');
              }
              chunk.append(image(page.get(i), urls.get(i)).encode());
            }
            return write(response, chunk.toString());
          })
          .compose(v -> page.size() < PAGE ? Future.succeededFuture()
              : images(response, userId, page.get(page.size() - 1).getId(), false));
    });
  }

  private Future<Void> faces(HttpServerResponse response, long userId, boolean embeddings, long afterId, boolean first) {
    return data.exportFaces(userId, afterId, PAGE, embeddings).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      return objects.urls(page.stream().map(ExportedFace::getImageKey).toList())
          .compose(urls -> {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < page.size(); i++) {
              if (!first || i > 0) {
                chunk.append(',');
              }
              chunk.append(face(page.get(i), urls.get(i)).encode());
            }
            return write(response, chunk.toString());
          })
          .compose(v -> page.size() < PAGE ? Future.succeededFuture()
              : faces(response, userId, embeddings, page.get(page.size() - 1).getId(), false));
    });
  }

  /** Writes a chunk; completes at once, or once the connection has drained when its write queue is full. */
  private static Future<Void> write(HttpServerResponse response, String chunk) {
    response.write(chunk);
    if (!response.writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    response.drainHandler(v -> drained.tryComplete());
    response.exceptionHandler(drained::tryFail);
    response.closeHandler(v -> drained.tryFail("the client went away"));
    return drained.future();
  }

  private static JsonObject profile(ExportedProfile profile) {
    return new JsonObject()
        .put("id", profile.getId())
        .put("username", profile.getUsername())
        .put("email", profile.getEmail())
        .put("alias", profile.getAlias())
        .put("role", profile.getRole())
        .put("active", profile.isActive())
        .put("created", profile.getCreated())
        .put("avatar", profile.getAvatarKey() == null ? null : AVATAR_PATH + profile.getAvatarKey());
  }

  private static JsonObject image(ExportedImage image, String url) {
    return new JsonObject()
        .put("url", url)
        .put("contentType", image.getContentType())
        .put("bytes", image.getBytes())
        .put("width", image.getWidth())
        .put("height", image.getHeight())
        .put("sha256", image.getSha256())
        .put("created", image.getCreated());
  }

  private static JsonObject face(ExportedFace face, String url) {
    JsonObject json = new JsonObject()
        .put("id", face.getId())
        .put("image", url)
        .put("box", face.getBox())
        .put("score", face.getScore())
        .put("created", face.getCreated());
    if (face.getEmbedding() != null) {
      json.put("embedding", Base64.getEncoder().encodeToString(face.getEmbedding().getBytes()));
    }
    return json;
  }

  private static JsonObject session(ExportedSession session) {
    return new JsonObject()
        .put("kind", session.getKind())
        .put("created", session.getCreated())
        .put("expires", session.getExpires())
        .put("lastAccess", session.getLastAccess())
        .put("address", session.getAddress())
        .put("userAgent", session.getUserAgent());
  }

  private static <T> JsonArray json(List<T> items, Function<T, JsonObject> item) {
    return new JsonArray(items.stream().map(item).toList());
  }
}
