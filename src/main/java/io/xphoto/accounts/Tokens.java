package io.xphoto.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.xphoto.config.Settings;

import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks the xphoto JWTs: HS256 with {@code jwt.secret}, claims {@code sub}/{@code id},
 * {@code username}, {@code email}, {@code iat}, {@code exp} and a unique {@code jti} (for sign-out).
 * Tokens with any other algorithm, {@code none} included, are rejected.
 */
public final class Tokens {

  public static final String ALGORITHM = "HS256";
  private static final String REFUSED = "token refused";

  private final JWTAuth auth;
  private final long ttlSeconds;

  public Tokens(Vertx vertx, Settings settings) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(settings.string("jwt.secret")))
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setLeeway(TokenClaims.CLOCK_SKEW_SECONDS)));
    this.ttlSeconds = settings.duration("jwt.ttl").toSeconds();
  }

  /** A new token of the account, valid {@code jwt.ttl} from now. */
  public Issued issue(long userId, String username, String email) {
    long now = System.currentTimeMillis() / 1000;
    long expiresAt = now + ttlSeconds;
    String jti = UUID.randomUUID().toString();
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(userId))
        .put("id", Long.toString(userId))
        .put("username", username)
        .put("email", email)
        .put("jti", jti)
        .put("iat", now)
        .put("exp", expiresAt);
    // iat and exp are ours, so that the token recorded at sign-in has exactly the token's times
    String token = auth.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setNoTimestamp(true));
    return new Issued(token, jti, now, expiresAt);
  }

  /**
   * An issued token and what the server records of it.
   *
   * @param token     the JWT, for the client only
   * @param issuedAt  epoch seconds
   * @param expiresAt epoch seconds
   */
  public record Issued(String token, String jti, long issuedAt, long expiresAt) {

    @Override
    public String toString() {
      return "Issued[jti=" + jti + "]";
    }
  }

  /**
   * The claims of a token signed with our key whose claims are those we issue ({@link TokenClaims}), unexpired;
   * a failed future otherwise, never an exception.
   */
  public Future<JsonObject> verify(String token) {
    Optional<JsonObject> claims = TokenClaims.of(token, System.currentTimeMillis() / 1000);
    if (claims.isEmpty()) {
      return Future.failedFuture(REFUSED);
    }
    try {
      return auth.authenticate(new TokenCredentials(token)).map(claims.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(REFUSED);
    }
  }
}
