package io.xphoto.pages;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * A small page of the server's own: UTF-8, readable on a phone (viewport, inline style), no script. Only
 * {@link Html#escape escaped} text goes in. Sent with {@code Cache-Control: no-store} and
 * {@code Referrer-Policy: no-referrer} (its address may hold a key), and a content security policy that allows
 * its inline style and forms posting back to this server, nothing else.
 */
public final class Page {

  public static final String CONTENT_TYPE = "text/html; charset=utf-8";
  private static final String STYLE = "body{margin:0;padding:1rem;background:#f4f5f7;color:#222;"
      + "font:16px/1.6 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\",sans-serif}"
      + "main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px;"
      + "box-shadow:0 1px 4px rgba(0,0,0,.12)}"
      + "h1{font-size:1.3rem;margin:0 0 1rem}"
      + "label{display:block;margin:1rem 0 .3rem}"
      + "input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #bbb;border-radius:4px}"
      + "button{width:100%;margin-top:1.3rem;padding:.7rem;font-size:1rem;border:0;border-radius:4px;"
      + "background:#2563eb;color:#fff}"
      + ".ok{color:#1a7f37}.error{color:#c62828}.hint{color:#666;font-size:.9rem}";

  private final String title;
  private final StringBuilder content = new StringBuilder();

  public Page(String title) {
    this.title = title;
  }

  /** A paragraph: {@code ok} green, otherwise red. */
  public Page message(String text, boolean ok) {
    content.append("<p class=\"").append(ok ? "ok" : "error").append("\">").append(Html.escape(text)).append("</p>\n");
    return this;
  }

  public Page hint(String text) {
    content.append("<p class=\"hint\">").append(Html.escape(text)).append("</p>\n");
    return this;
  }

  /**
   * The new-password form: posts {@code key}, {@code password} and {@code repeat_password} to {@code action}
   * (form-urlencoded).
   */
  public Page passwordForm(String action, String key, String passwordLabel, String repeatLabel, String button,
                           int minLength) {
    content.append("<form method=\"post\" action=\"").append(Html.escape(action)).append("\">\n")
        .append("<input type=\"hidden\" name=\"key\" value=\"").append(Html.escape(key)).append("\">\n")
        .append(passwordField("password", passwordLabel, minLength))
        .append(passwordField("repeat_password", repeatLabel, minLength))
        .append("<button type=\"submit\">").append(Html.escape(button)).append("</button>\n</form>\n");
    return this;
  }

  /** The length is checked by the server (in characters, where a browser's maxlength counts UTF-16 units). */
  private static String passwordField(String name, String label, int minLength) {
    return "<label for=\"" + name + "\">" + Html.escape(label) + "</label>\n"
        + "<input type=\"password\" id=\"" + name + "\" name=\"" + name + "\" autocomplete=\"new-password\" required"
        + " minlength=\"" + minLength + "\">\n";
  }

  public String html() {
    return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + Html.escape(title) + " - xphoto</title>\n"
        + "<style>" + STYLE + "</style>\n</head>\n<body>\n<main>\n"
        + "<h1>" + Html.escape(title) + "</h1>\n" + content + "</main>\n</body>\n</html>\n";
  }

  public Future<Void> send(RoutingContext ctx, int status) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        .end(html());
  }
}
