package io.xphoto.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds JWTs by hand, to present the server with tokens it must refuse. */
public final class Jwts {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Jwts() {
  }

  public static JsonObject payload(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  public static JsonObject header(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  public static String hmac(String algorithm, JsonObject payload, String secret) {
    String javaName = switch (algorithm) {
      case "HS256" -> "HmacSHA256";
      case "HS384" -> "HmacSHA384";
      case "HS512" -> "HmacSHA512";
      default -> throw new IllegalArgumentException(algorithm);
    };
    String signingInput = encode(new JsonObject().put("alg", algorithm).put("typ", "JWT")) + "." + encode(payload);
    try {
      Mac mac = Mac.getInstance(javaName);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaName));
      return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String unsigned(JsonObject payload) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + encode(payload) + ".";
  }

  private static String encode(JsonObject json) {
    return URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
