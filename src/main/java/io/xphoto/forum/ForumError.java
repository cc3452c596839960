package io.xphoto.forum;

import io.vertx.core.json.JsonObject;
import io.xphoto.http.ApiError;

import java.util.Map;

/** Forum failures: {@code {"status": "failed", "reason": ...}} with an HTTP status. */
public final class ForumError {

  private ForumError() {
  }

  public static ApiError of(int status, String reason) {
    return new ApiError(status, failed(reason), Map.of());
  }

  public static JsonObject failed(String reason) {
    return new JsonObject().put("status", "failed").put("reason", reason);
  }

  /** Whether a path belongs to the forum surface, whose failures take the forum's form. */
  public static boolean isForumPath(String path) {
    return path != null && (path.startsWith("/forum/") || path.startsWith(AvatarRoutes.URL_PREFIX));
  }
}
