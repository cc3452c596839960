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

import java.util.UUID;

/**
 * Issues and checks the xphoto JWTs: HS256 with {@code jwt.secret}, claims {@code sub}/{@code id},
 * {@code username}, {@code email}, {@code iat}, {@code exp} and a unique {@code jti} (for sign-out).
 * Tokens with any other algorithm, {@code none} included, are rejected.
 */
public final class Tokens {

  public static final String ALGORITHM = "HS256";

  private final JWTAuth auth;
  private final long ttlSeconds;

  public Tokens(Vertx vertx, Settings settings) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(settings.string("jwt.secret")))
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM)));
    this.ttlSeconds = settings.duration("jwt.ttl").toSeconds();
  }

  public String issue(long userId, String username, String email) {
    JsonObject claims = new JsonObject()
        .put("sub", Long.toString(userId))
        .put("id", Long.toString(userId))
        .put("username", username)
        .put("email", email)
        .put("jti", UUID.randomUUID().toString());
    return auth.generateToken(claims, new JWTOptions().setAlgorithm(ALGORITHM).setExpiresInSeconds((int) ttlSeconds));
  }

  /** The claims of a valid, unexpired token signed with our key; a failed future otherwise. */
  public Future<JsonObject> verify(String token) {
    // the principal lacks the registered claims (iat, exp); the decoded payload is kept whole here
    return auth.authenticate(new TokenCredentials(token)).map(user -> user.attributes().getJsonObject("accessToken"));
  }
}
