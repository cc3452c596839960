package io.xphoto.pages;

import io.vertx.core.http.HttpServerRequest;

import java.util.Locale;

/**
 * Whether a request asks for a page rather than JSON: its {@code Accept} header gives {@code text/html} a higher
 * quality than {@code application/json} (each taken from its most specific matching range). A browser's
 * {@code text/html,...,*}{@code /*;q=0.8} does; no header, {@code *}{@code /*} and {@code application/json} do not, so
 * API clients keep their JSON.
 */
public final class Negotiation {

  private Negotiation() {
  }

  public static boolean prefersHtml(HttpServerRequest request) {
    String accept = request.getHeader("Accept");
    if (accept == null) {
      return false;
    }
    double html = quality(accept, "text", "html");
    return html > 0 && html > quality(accept, "application", "json");
  }

  /** The quality the header gives {@code type/subtype}: that of its most specific matching range, 0 if none. */
  static double quality(String accept, String type, String subtype) {
    int bestSpecificity = -1;
    double quality = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String[] mediaRange = parts[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
      if (mediaRange.length != 2) {
        continue;
      }
      int specificity;
      if (mediaRange[0].equals(type) && mediaRange[1].equals(subtype)) {
        specificity = 2;
      } else if (mediaRange[0].equals(type) && mediaRange[1].equals("*")) {
        specificity = 1;
      } else if (mediaRange[0].equals("*") && mediaRange[1].equals("*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        quality = qualityOf(parts);
      }
    }
    return quality;
  }

  private static double qualityOf(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String[] parameter = parameters[i].trim().split("=", 2);
      if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
        try {
          return Math.max(0, Math.min(1, Double.parseDouble(parameter[1].trim())));
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 1;
  }
}
