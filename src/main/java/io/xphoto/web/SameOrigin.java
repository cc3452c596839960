package io.xphoto.web;

import java.net.URI;
import java.util.Locale;

/**
 * Whether a browser's {@code Origin} is this server's: {@code public.url}'s origin, or the request's {@code Host}
 * under {@code public.url}'s scheme (the one browsers use, e.g. https in front of a TLS proxy), so that an origin
 * of the other scheme is another site. Used by every guard of a cookie-authenticated change (the forum, the admin
 * API with a forum session).
 */
public final class SameOrigin {

  private final String publicOrigin;
  private final String publicScheme;

  public SameOrigin(String publicUrl) {
    this.publicOrigin = of(publicUrl);
    this.publicScheme = publicOrigin == null ? "http" : publicOrigin.substring(0, publicOrigin.indexOf("://"));
  }

  /** True when {@code origin} is this server's; "null" (sandboxed or privacy-sensitive contexts) never is. */
  public boolean allows(String origin, String host) {
    String normalized = of(origin);
    if (normalized == null) {
      return false;
    }
    return normalized.equals(publicOrigin)
        || (host != null && normalized.equals(of(publicScheme + "://" + host.trim())));
  }

  /** {@code scheme://host[:port]} in lower case, without a default port; null when not an http(s) URL. */
  public static String of(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url.trim());
      String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
