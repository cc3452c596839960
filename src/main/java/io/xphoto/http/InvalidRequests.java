package io.xphoto.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.xphoto.forum.ForumError;

/**
 * Answers requests that could not be decoded, as Vert.x's default does (414 request line too long, 431
 * headers too large, 400 otherwise, then the connection is closed), but with the surface's error body.
 * A request line too long to read has no path (Netty names it {@code /bad-request}): it gets the xphoto form.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = ApiError.of(414, Messages.URI_TOO_LONG);
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = ApiError.of(431, Messages.HEADERS_TOO_LARGE);
    } else {
      error = ApiError.of(400, Messages.MALFORMED);
    }
    String message = error.body().getString("error");
    JsonObject body = ForumError.isForumPath(request.path()) ? ForumError.failed(message) : error.body();
    request.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", Responses.JSON)
        .putHeader("Connection", "close")
        .end(body.encode());
    request.connection().close();
  }
}
