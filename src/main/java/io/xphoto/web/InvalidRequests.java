package io.xphoto.web;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Answers requests that could not be decoded, as Vert.x's default does (414 request line too long, 431
 * headers too large, 400 otherwise, then the connection is closed), but with the surface's error body.
 * These requests never reach a router, so the surface is told by the path's owner (the server that mounts the
 * surfaces). A request line too long to read has no path (Netty names it {@code /bad-request}): it gets the
 * xphoto form.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {

  private final Function<String, UnaryOperator<ApiError>> shapeOfPath;

  /** @param shapeOfPath the error shape of the surface a request path belongs to */
  public InvalidRequests(Function<String, UnaryOperator<ApiError>> shapeOfPath) {
    this.shapeOfPath = shapeOfPath;
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiError error;
    if (cause instanceof TooLongHttpLineException) {
      error = ApiError.of(414, WebMessages.URI_TOO_LONG);
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = ApiError.of(431, WebMessages.HEADERS_TOO_LARGE);
    } else {
      error = ApiError.of(400, WebMessages.MALFORMED);
    }
    ApiError shaped = shapeOfPath.apply(request.path()).apply(error);
    request.response()
        .setStatusCode(shaped.status())
        .putHeader("Content-Type", Responses.JSON)
        .putHeader("Connection", "close")
        .end(shaped.body().encode());
    request.connection().close();
  }
}
