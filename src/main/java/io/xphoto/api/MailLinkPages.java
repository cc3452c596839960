package io.xphoto.api;

import io.vertx.ext.web.RoutingContext;
import io.xphoto.pages.Page;
import io.xphoto.web.ApiError;
import io.xphoto.web.Responses;
import io.xphoto.web.Unavailable;
import io.xphoto.web.WebMessages;
import io.vertx.core.json.JsonObject;

/**
 * The answers of the endpoints a mail's link opens ({@code /active_account}, {@code /password/reset},
 * {@code /email/confirm}): JSON as documented, or, to a browser ({@link io.xphoto.pages.Negotiation}), the same
 * outcome as a page, with the same status and headers.
 */
final class MailLinkPages {

  private MailLinkPages() {
  }

  static void success(RoutingContext ctx, boolean page, String title, String message) {
    if (page) {
      new Page(title).message(message, true).send(ctx, 200);
    } else {
      Responses.json(ctx, 200, new JsonObject().put("success", message));
    }
  }

  /** A refusal ({@link ApiError}) or a dependency down (503) as a page; anything else to the failure handler. */
  static void failure(RoutingContext ctx, boolean page, String title, Throwable failure) {
    ApiError error = refusal(failure);
    if (!page || error == null) {
      ctx.fail(failure);
      return;
    }
    error.headers().forEach(ctx.response()::putHeader);
    new Page(title).message(error.body().getString("error"), false).send(ctx, error.status());
  }

  /** The refusal a failure answers as, or null for an unexpected one. */
  static ApiError refusal(Throwable failure) {
    if (failure instanceof ApiError error) {
      return error;
    }
    return Unavailable.is(failure) ? Unavailable.error(WebMessages.UNAVAILABLE) : null;
  }
}
