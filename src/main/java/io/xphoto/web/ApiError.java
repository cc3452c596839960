package io.xphoto.web;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/** A failure the client caused, with the status and body it answers; carries no stack trace. */
public final class ApiError extends RuntimeException {

  private final int status;
  private final JsonObject body;
  private final Map<String, String> headers;

  public ApiError(int status, JsonObject body, Map<String, String> headers) {
    super(body.encode(), null, false, false);
    this.status = status;
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  /** An xphoto error: {@code {"error": message}}. */
  public static ApiError of(int status, String message) {
    return new ApiError(status, new JsonObject().put("error", message), Map.of());
  }

  public ApiError withHeader(String name, String value) {
    java.util.HashMap<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new ApiError(status, body, more);
  }

  public int status() {
    return status;
  }

  public JsonObject body() {
    return body;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
