package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
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
 * on every request. The forum's Bearer tokens are read and checked here too ({@link #token}, {@link #claimsOf}).
 * The caller's id goes into the context ({@link Caller}), the claims too ({@link #claims}).
 */
public final class BearerAuth implements Handler<RoutingContext> {

  static final String CLAIMS = "claims";
  private static final String PREFIX = "bearer ";
  static final int CACHE_SIZE = 4096;
  private static final String REVOKED = "token revoked";

  private final Tokens tokens;
  private final RevokedTokens revoked;
  private final Map<String, JsonObject> verified = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  public BearerAuth(Tokens tokens, RevokedTokens revoked) {
    this.tokens = tokens;
    this.revoked = revoked;
  }

  public static JsonObject claims(RoutingContext ctx) {
    return ctx.get(CLAIMS);
  }

  /** The token of an {@code Authorization: Bearer <token>} header; null when the request has none. */
  public static String token(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    return header.substring(PREFIX.length()).trim();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String token = token(ctx.request());
    if (token == null) {
      ctx.fail(unauthorized());
      return;
    }
    claimsOf(token).onComplete(result -> {
      if (result.failed()) {
        ctx.fail(unauthorized());
      } else {
        signedIn(ctx, result.result());
        ctx.next();
      }
    });
  }

  /** Records a verified token's account as the caller. */
  static void signedIn(RoutingContext ctx, JsonObject claims) {
    ctx.put(CLAIMS, claims);
    Caller.set(ctx, Long.parseLong(claims.getString("id")));
  }

  /** The claims of a valid, unexpired and unrevoked token; a failed future otherwise. */
  public Future<JsonObject> claimsOf(String token) {
    JsonObject known = verified.get(token);
    if (known != null && known.getLong("exp") <= System.currentTimeMillis() / 1000) {
      verified.remove(token);
      known = null;
    }
    Future<JsonObject> claims = known != null ? Future.succeededFuture(known) : tokens.verify(token).andThen(result -> {
      if (result.succeeded()) {
        verified.put(token, result.result());
      }
    });
    return claims.compose(valid -> revoked.isRevoked(valid.getString("jti"))
        ? Future.failedFuture(REVOKED) : Future.succeededFuture(valid));
  }

  private static ApiError unauthorized() {
    return challenging(ApiError.of(401, WebMessages.UNAUTHORIZED));
  }

  /** A 401 that tells the client to authenticate with a Bearer token. */
  public static ApiError challenging(ApiError unauthorized) {
    return unauthorized.withHeader("WWW-Authenticate", "Bearer");
  }
}
