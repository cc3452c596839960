package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * A surface's failure handler: turns every failed request into a JSON answer: an {@link ApiError} as it says, a
 * status set by Vert.x (body too large, no such route, ...) with its message, anything else as 500 "服务器错误",
 * logged with the request id and never shown to the client. The errors are made in the xphoto form
 * {@code {"error": ...}}; the surface's shape rewrites them into its own.
 */
public final class ErrorResponses implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  /** The largest request body read only to be dropped: a full upload request (20 files of 1 MiB). */
  private static final long DRAIN_LIMIT_BYTES = 21L * 1024 * 1024;

  private final UnaryOperator<ApiError> shape;

  /** @param shape the surface's form of an error, from its xphoto form */
  public ErrorResponses(UnaryOperator<ApiError> shape) {
    this.shape = shape;
  }

  /** The xphoto API's failure handler: errors as they are made. */
  public static ErrorResponses xphotoShaped() {
    return new ErrorResponses(UnaryOperator.identity());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ApiError error = shape.apply(toApiError(ctx));
    error.headers().forEach(ctx.response()::putHeader);
    if (!ctx.request().isEnded()) {
      answerUnreadBody(ctx, error);
      return;
    }
    Responses.json(ctx, error.status(), error.body());
  }

  /**
   * A request refused before its body was read (e.g. an upload without a valid token). A body of a size an
   * upload may have is read and dropped before the answer: a client still sending it would otherwise see
   * the connection reset under it and never read the answer. Past that size: answer and hang up.
   */
  private static void answerUnreadBody(RoutingContext ctx, ApiError error) {
    if (ContentLength.of(ctx.request()) > DRAIN_LIMIT_BYTES) {
      answerAndHangUp(ctx, error);
      return;
    }
    long[] dropped = {0};
    ctx.request()
        .handler(chunk -> {
          dropped[0] += chunk.length();
          if (dropped[0] > DRAIN_LIMIT_BYTES && !ctx.response().ended()) {
            answerAndHangUp(ctx, error);
          }
        })
        .exceptionHandler(e -> ctx.request().connection().close())
        .endHandler(v -> {
          if (!ctx.response().ended()) {
            Responses.json(ctx, error.status(), error.body());
          }
        })
        .resume();
  }

  private static void answerAndHangUp(RoutingContext ctx, ApiError error) {
    ctx.response().putHeader("Connection", "close");
    Responses.json(ctx, error.status(), error.body()).onComplete(done -> ctx.request().connection().close());
  }

  private static ApiError toApiError(RoutingContext ctx) {
    if (ctx.failure() instanceof ApiError apiError) {
      return apiError;
    }
    if (Unavailable.is(ctx.failure())) {
      LOG.warn("request {} {} {}: a service is unavailable: {}", RequestLog.id(ctx), ctx.request().method(),
          ctx.request().path(), ctx.failure().getMessage());
      return Unavailable.error(WebMessages.UNAVAILABLE);
    }
    return switch (ctx.statusCode()) {
      case 400 -> ApiError.of(400, WebMessages.MALFORMED);
      case 404 -> ApiError.of(404, WebMessages.NOT_FOUND);
      case 405 -> ApiError.of(405, WebMessages.METHOD_NOT_ALLOWED);
      case 413 -> ApiError.of(413, WebMessages.BODY_TOO_LARGE);
      default -> {
        LOG.error("request {} {} {} failed", RequestLog.id(ctx), ctx.request().method(), ctx.request().path(),
            ctx.failure());
        yield ApiError.of(500, WebMessages.SERVER_ERROR);
      }
    };
  }
}
