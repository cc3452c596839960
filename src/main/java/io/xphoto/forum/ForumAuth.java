package io.xphoto.forum;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.http.ApiError;
import io.xphoto.http.BearerAuth;

/**
 * Lets a forum request through when it comes from an account: an xphoto {@code Authorization: Bearer} JWT
 * (valid and not signed out) or else a session that logged in; 401 otherwise. Puts the caller's id in
 * the context.
 */
final class ForumAuth implements Handler<RoutingContext> {

  static final String USER_ID = "forumUserId";
  /** The session key holding the logged-in account's id. */
  static final String SESSION_USER = "userId";

  private final BearerAuth bearer;

  ForumAuth(BearerAuth bearer) {
    this.bearer = bearer;
  }

  static long userId(RoutingContext ctx) {
    return ctx.<Long>get(USER_ID);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = BearerAuth.token(ctx.request());
    if (token != null) {
      bearer.claimsOf(token).onComplete(result -> {
        if (result.failed()) {
          ctx.fail(unauthorized());
        } else {
          ctx.put(USER_ID, Long.parseLong(result.result().getString("id")));
          ctx.next();
        }
      });
      return;
    }
    Object id = ctx.session() == null ? null : ctx.session().get(SESSION_USER);
    if (!(id instanceof Number number)) {
      ctx.fail(unauthorized());
      return;
    }
    ctx.put(USER_ID, number.longValue());
    ctx.next();
  }

  private static ApiError unauthorized() {
    return ForumError.of(401, ForumMessages.NOT_LOGGED_IN).withHeader("WWW-Authenticate", "Bearer");
  }
}
