package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * Lets a request through when it comes from an account: an {@code Authorization: Bearer} JWT, checked by the
 * one {@link BearerAuth} (valid and not signed out; then the session is not looked at), or else a session
 * that holds an account id; the surface's 401 otherwise. Puts the caller's id in the context ({@link Caller}).
 * One handler rather than Vert.x's {@code ChainAuthHandler}: that chain wants each way in as an
 * {@code AuthenticationProvider} and answers its own 401, where the surfaces answer theirs.
 */
public final class SessionOrBearerAuth implements Handler<RoutingContext> {

  /** The session key holding the logged-in account's id. */
  public static final String SESSION_USER = "userId";

  private final BearerAuth bearer;
  private final Supplier<ApiError> unauthorized;

  public SessionOrBearerAuth(BearerAuth bearer, Supplier<ApiError> unauthorized) {
    this.bearer = bearer;
    this.unauthorized = unauthorized;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = BearerAuth.token(ctx.request());
    if (token != null) {
      bearer.claimsOf(token).onComplete(result -> {
        if (result.failed()) {
          ctx.fail(unauthorized.get());
        } else {
          BearerAuth.signedIn(ctx, result.result());
          ctx.next();
        }
      });
      return;
    }
    Object id = ctx.session() == null ? null : ctx.session().get(SESSION_USER);
    if (!(id instanceof Number number)) {
      ctx.fail(unauthorized.get());
      return;
    }
    Caller.set(ctx, number.longValue());
    ctx.next();
  }
}
