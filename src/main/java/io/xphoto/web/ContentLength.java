package io.xphoto.web;

import io.vertx.core.http.HttpServerRequest;

import java.util.regex.Pattern;

/** The body length a request declares in its Content-Length header. */
public final class ContentLength {

  private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

  private ContentLength() {
  }

  /** The declared length, or -1 when the header is absent or not a plain number. */
  public static long of(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (length == null) {
      return -1;
    }
    String trimmed = length.trim();
    return DIGITS.matcher(trimmed).matches() ? Long.parseLong(trimmed) : -1;
  }
}
