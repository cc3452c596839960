package io.xphoto.storage;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Object keys: 128 random bits in hex and the type's extension, nothing taken from the client. A key is
 * also the last path segment of every URL the server hands out, which is how a URL is traced back to it.
 */
public final class ObjectKeys {

  /** Object names are random and never reused: an object's bytes never change, a cache may keep them a year. */
  public static final long IMMUTABLE_MAX_AGE_SECONDS = 365L * 24 * 3600;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{32}\\.(png|jpg)");

  private ObjectKeys() {
  }

  public static String newKey(String extension) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes) + "." + extension;
  }

  /** An object's strong ETag: its name never names other bytes. */
  public static String etag(String key) {
    return "\"" + key + "\"";
  }

  public static boolean isKey(String candidate) {
    return candidate != null && KEY.matcher(candidate).matches();
  }

  /** The key a URL of ours points at (local, public bucket or presigned), if it has the form of one. */
  public static Optional<String> fromUrl(String url) {
    try {
      String path = URI.create(url.trim()).getPath();
      if (path == null) {
        return Optional.empty();
      }
      String last = path.substring(path.lastIndexOf('/') + 1);
      return isKey(last) ? Optional.of(last) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
