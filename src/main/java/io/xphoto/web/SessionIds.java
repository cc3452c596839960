package io.xphoto.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Forum session ids as the database knows them: their SHA-256, so its tables cannot be used to take one over. */
public final class SessionIds {

  private SessionIds() {
  }

  /** The SHA-256 (hex) of a session id; null for null. */
  public static String hash(String sessionId) {
    if (sessionId == null) {
      return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
