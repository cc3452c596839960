package io.xphoto.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.Tokens;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets a request through only with a valid, unrevoked {@code Authorization: Bearer <JWT>}; 401 otherwise.
 *
 * <p>Each instance (one per HTTP verticle, used on its event loop only) remembers the claims of the tokens it
 * has verified, keyed by the whole token text (signature included), up to {@link #CACHE_SIZE} of them, least
 * recently used first out: a client repeating its token skips the signature check and the JSON decoding,
 * which were most of the cost of an authenticated request. The expiry and the revocation are still checked
 * on every request.
 */
final class BearerAuth implements Handler<RoutingContext> {

  static final String CLAIMS = "claims";
  private static final String PREFIX = "bearer ";
  static final int CACHE_SIZE = 4096;

  private final Tokens tokens;
  private final RevokedTokens revoked;
  private final Map<String, JsonObject> verified = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
      return size() > CACHE_SIZE;
    }
  };

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
    String token = header.substring(PREFIX.length()).trim();
    JsonObject known = verified.get(token);
    if (known != null) {
      if (known.getLong("exp") > System.currentTimeMillis() / 1000) {
        letThrough(ctx, known);
        return;
      }
      verified.remove(token);
    }
    tokens.verify(token).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(unauthorized());
      } else {
        if (result.result().getValue("exp") instanceof Number) {
          verified.put(token, result.result());
        }
        letThrough(ctx, result.result());
      }
    });
  }

  private void letThrough(RoutingContext ctx, JsonObject claims) {
    if (revoked.isRevoked(claims.getString("jti"))) {
      ctx.fail(unauthorized());
    } else {
      ctx.put(CLAIMS, claims);
      ctx.next();
    }
  }

  private static ApiError unauthorized() {
    return ApiError.of(401, Messages.UNAUTHORIZED).withHeader("WWW-Authenticate", "Bearer");
  }
}
