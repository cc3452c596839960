package io.xphoto.accounts;

import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The claims a token must carry to be accepted: exactly those {@link Tokens#issue} writes, each of the type
 * it is written with ({@code sub} and {@code id} the same user id in digits, {@code username} and {@code jti}
 * strings, {@code email} a string or null, {@code iat} and {@code exp} whole seconds, {@code nbf} whole
 * seconds if present), {@code iat} and {@code nbf} not in the future and {@code exp} not reached (each by more
 * than {@link #CLOCK_SKEW_SECONDS}: a token issued by another node of a cluster whose clock is a little ahead
 * is still good there). Checked
 * before the JWT library sees the token: it throws on time claims of other types instead of refusing them.
 */
final class TokenClaims {

  /** How far the clocks of a cluster's nodes may disagree. */
  static final int CLOCK_SKEW_SECONDS = 30;

  private static final Set<String> KNOWN = Set.of("sub", "id", "username", "email", "iat", "exp", "nbf", "jti");
  private static final Pattern USER_ID = Pattern.compile("[0-9]{1,18}");

  private TokenClaims() {
  }

  /** The payload of a token of three parts whose claims are acceptable at {@code nowSeconds}; empty otherwise. */
  static Optional<JsonObject> of(String token, long nowSeconds) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return acceptable(claims, nowSeconds) ? Optional.of(claims) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty(); // not base64url, not JSON, not an object
    }
  }

  private static boolean acceptable(JsonObject claims, long now) {
    if (!KNOWN.containsAll(claims.fieldNames())) {
      return false;
    }
    Object id = claims.getValue("id");
    Object email = claims.getValue("email");
    Object nbf = claims.getValue("nbf");
    return id instanceof String userId && USER_ID.matcher(userId).matches() && userId.equals(claims.getValue("sub"))
        && claims.getValue("username") instanceof String
        && claims.getValue("jti") instanceof String jti && !jti.isEmpty()
        && claims.containsKey("email") && (email == null || email instanceof String)
        && isSeconds(claims.getValue("iat")) && claims.getLong("iat") <= now + CLOCK_SKEW_SECONDS
        && isSeconds(claims.getValue("exp")) && claims.getLong("exp") > now
        && (!claims.containsKey("nbf") || isSeconds(nbf) && claims.getLong("nbf") <= now + CLOCK_SKEW_SECONDS);
  }

  private static boolean isSeconds(Object value) {
    return value instanceof Integer || value instanceof Long;
  }
}
