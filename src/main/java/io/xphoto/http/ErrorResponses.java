package io.xphoto.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.forum.ForumError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into a JSON answer: an {@link ApiError} as it says, a status set by Vert.x
 * (body too large, no such route, ...) with its message, anything else as 500 "服务器错误", logged with the
 * request id and never shown to the client.
 */
final class ErrorResponses implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ApiError error = forumShaped(ctx, toApiError(ctx));
    error.headers().forEach(ctx.response()::putHeader);
    if (!ctx.request().isEnded()) {
      // refused before its body was read (e.g. an upload without a valid token): don't read it, hang up
      ctx.response().putHeader("Connection", "close");
      Responses.json(ctx, error.status(), error.body()).onComplete(done -> ctx.request().connection().close());
      return;
    }
    Responses.json(ctx, error.status(), error.body());
  }

  /** The forum answers {@code {"status": "failed", "reason": ...}} where the xphoto API answers {@code {"error": ...}}. */
  private static ApiError forumShaped(RoutingContext ctx, ApiError error) {
    String message = error.body().getString("error");
    if (message == null || !ForumError.isForumPath(ctx.normalizedPath())) {
      return error;
    }
    return new ApiError(error.status(), ForumError.failed(message), error.headers());
  }

  private static ApiError toApiError(RoutingContext ctx) {
    if (ctx.failure() instanceof ApiError apiError) {
      return apiError;
    }
    return switch (ctx.statusCode()) {
      case 400 -> ApiError.of(400, Messages.MALFORMED);
      case 404 -> ApiError.of(404, Messages.NOT_FOUND);
      case 405 -> ApiError.of(405, Messages.METHOD_NOT_ALLOWED);
      case 413 -> ApiError.of(413, Messages.BODY_TOO_LARGE);
      default -> {
        LOG.error("request {} {} {} failed", RequestLog.id(ctx), ctx.request().method(), ctx.request().path(),
            ctx.failure());
        yield ApiError.of(500, Messages.SERVER_ERROR);
      }
    };
  }
}
