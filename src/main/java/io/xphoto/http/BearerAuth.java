package io.xphoto.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.Tokens;

/** Lets a request through only with a valid, unrevoked {@code Authorization: Bearer <JWT>}; 401 otherwise. */
final class BearerAuth implements Handler<RoutingContext> {

  static final String CLAIMS = "claims";
  private static final String PREFIX = "bearer ";

  private final Tokens tokens;
  private final RevokedTokens revoked;

  BearerAuth(Tokens tokens, RevokedTokens revoked) {
    this.tokens = tokens;
    this.revoked = revoked;
  }

  static JsonObject claims(RoutingContext ctx) {
    return ctx.get(CLAIMS);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.fail(unauthorized());
      return;
    }
    tokens.verify(header.substring(PREFIX.length()).trim()).onComplete(result -> {
      if (result.failed() || revoked.isRevoked(result.result().getString("jti"))) {
        ctx.fail(unauthorized());
      } else {
        ctx.put(CLAIMS, result.result());
        ctx.next();
      }
    });
  }

  private static ApiError unauthorized() {
    return ApiError.of(401, Messages.UNAUTHORIZED).withHeader("WWW-Authenticate", "Bearer");
  }
}
