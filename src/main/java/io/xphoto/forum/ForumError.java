package io.xphoto.forum;

import io.vertx.core.json.JsonObject;
import io.xphoto.web.ApiError;

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

  /** The forum's form of an error made in the xphoto form ({@code {"error": ...}}); a forum error as it is. */
  public static ApiError reshape(ApiError error) {
    String message = error.body().getString("error");
    return message == null ? error : new ApiError(error.status(), failed(message), error.headers());
  }
}
