package io.xphoto.support;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a browser does with the server's own pages: asks for HTML, reads a form, posts it form-urlencoded. */
public final class Browser {

  /** Firefox's Accept header for a page. */
  public static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
  private static final Pattern FORM = Pattern.compile("<form\\s([^>]*)>(.*?)</form>", Pattern.DOTALL);
  private static final Pattern INPUT = Pattern.compile("<input\\s([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)(?:=\"([^\"]*)\")?");

  private final Api api;

  public Browser(Api api) {
    this.api = api;
  }

  /** A form of a page: where and how it is sent, and its fields as the page fills them (type and value). */
  public record Form(String method, URI action, Map<String, Map<String, String>> inputs) {

    /** The fields a user submits: every input's value as the page has it, those given here typed in. */
    public Map<String, String> filledIn(Map<String, String> typed) {
      Map<String, String> fields = new LinkedHashMap<>();
      inputs.forEach((name, attributes) -> fields.put(name, typed.getOrDefault(name, attributes.getOrDefault("value", ""))));
      return fields;
    }
  }

  public Api.Reply open(String url) {
    return api.send(api.request(HttpMethod.GET, path(url), null).putHeader("Accept", ACCEPT), null);
  }

  /** The page's only form, its action resolved against the page's address. */
  public static Form formOf(String pageUrl, String html) {
    Matcher form = FORM.matcher(html);
    if (!form.find()) {
      throw new AssertionError("no form in: " + html);
    }
    Map<String, String> formAttributes = attributes(form.group(1));
    Map<String, Map<String, String>> inputs = new LinkedHashMap<>();
    Matcher input = INPUT.matcher(form.group(2));
    while (input.find()) {
      Map<String, String> attributes = attributes(input.group(1));
      inputs.put(attributes.get("name"), attributes);
    }
    if (form.find()) {
      throw new AssertionError("more than one form in: " + html);
    }
    return new Form(formAttributes.getOrDefault("method", "get").toUpperCase(),
        URI.create(pageUrl).resolve(formAttributes.getOrDefault("action", "")), inputs);
  }

  /** Submits the form as a browser does: form-urlencoded, asking for a page. */
  public Api.Reply submit(Form form, Map<String, String> typed) {
    assertEquals("POST", form.method(), "the form posts");
    String body = form.filledIn(typed).entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest<Buffer> request = api.request(HttpMethod.POST, path(form.action().toString()), null)
        .putHeader("Accept", ACCEPT)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    return Api.join(request.sendBuffer(Buffer.buffer(body)).map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
  }

  /** A form post with exactly these fields (no page read first). */
  public Api.Reply post(String path, MultiMap fields) {
    String body = fields.entries().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
    HttpRequest<Buffer> request = api.request(HttpMethod.POST, path, null)
        .putHeader("Accept", ACCEPT)
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    return Api.join(request.sendBuffer(Buffer.buffer(body)).map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
  }

  /** The text of an element's content or attribute as the page escaped it. */
  public static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static Map<String, String> attributes(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(text);
    while (attribute.find()) {
      String value = attribute.group(2);
      attributes.put(attribute.group(1).toLowerCase(), value == null ? "" : unescape(value));
    }
    return attributes;
  }

  private static String unescape(String value) {
    return value.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  /** The path and query of an absolute URL of the test server (public.url names it as localhost). */
  private static String path(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
