package io.xphoto.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A 256-bit random activation key; the database keeps only its SHA-256. */
public record ActivationKey(String key, String hash) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static ActivationKey generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new ActivationKey(key, hashOf(key));
  }

  public static String hashOf(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "ActivationKey[hash=" + hash + "]";
  }
}
