package io.xphoto.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.xphoto.XphotoServer;
import io.xphoto.forum.ForumRoutes;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A blocking forum client that keeps the session cookie like a browser would, on one server; {@link #on}
 * carries the same cookie to another server (another node of the same installation).
 */
public final class ForumClient {

  /** The captcha answer of test servers (captcha.test-answer). */
  public static final String CAPTCHA = "AbC12";

  private final WebClient client;
  private final String base;
  private final Map<String, String> headers = new HashMap<>();
  private String cookie;
  private String lastSetCookie;

  public ForumClient(Vertx vertx, XphotoServer server) {
    this(WebClient.create(vertx), server, null);
  }

  /** A browser talking to the server on this local port (one in another process: {@link ServerProcess}). */
  public ForumClient(Vertx vertx, int port) {
    this(WebClient.create(vertx), port, null);
  }

  private ForumClient(WebClient client, XphotoServer server, String cookie) {
    this(client, server.settings().integer("http.port"), cookie);
  }

  private ForumClient(WebClient client, int port, String cookie) {
    this.client = client;
    this.base = "http://127.0.0.1:" + port;
    this.cookie = cookie;
  }

  /** The same browser talking to another server. */
  public ForumClient on(XphotoServer other) {
    return new ForumClient(client, other, cookie);
  }

  /** Sends this header with every request from now on (e.g. the X-Forwarded-For a proxy would add). */
  public ForumClient header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public String cookie() {
    return cookie;
  }

  public void cookie(String value) {
    cookie = value;
  }

  /** The whole Set-Cookie header of the session cookie in the last answer that set it. */
  public String lastSetCookie() {
    return lastSetCookie;
  }

  public Api.Reply get(String path) {
    return send(HttpMethod.GET, path, Map.of(), null);
  }

  public Api.Reply post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, Map.of("Content-Type", "application/json"), body.toBuffer());
  }

  public Api.Reply put(String path, JsonObject body) {
    return send(HttpMethod.PUT, path, Map.of("Content-Type", "application/json"), body.toBuffer());
  }

  public Api.Reply send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    HttpRequest<Buffer> request = client.requestAbs(method, base + path);
    this.headers.forEach(request::putHeader);
    headers.forEach(request::putHeader);
    if (cookie != null) {
      request.putHeader("Cookie", ForumRoutes.SESSION_COOKIE + "=" + cookie);
    }
    Api.Reply reply = Api.join((body == null ? request.send() : request.sendBuffer(body))
        .map(r -> {
          r.cookies().stream().filter(c -> c.startsWith(ForumRoutes.SESSION_COOKIE + "=")).findFirst().ifPresent(c -> {
            lastSetCookie = c;
            String value = c.substring(ForumRoutes.SESSION_COOKIE.length() + 1).split(";", 2)[0];
            cookie = value.isEmpty() || c.toLowerCase().contains("max-age=0") ? null : value;
          });
          return new Api.Reply(r.statusCode(), r.headers(), r.body());
        }));
    return reply;
  }

  /** Fetches a captcha for this session (its answer is {@link #CAPTCHA} on test servers). */
  public byte[] captcha() {
    Api.Reply reply = get("/forum/user/captcha");
    assertEquals(200, reply.status(), reply.toString());
    return reply.body().getBytes();
  }

  public Api.Reply login(String username, String password) {
    captcha();
    return post("/forum/user/login", new JsonObject().put("username", username).put("password", password).put("captcha", CAPTCHA));
  }

  public Api.Reply register(String username, String password, String alias, String email) {
    captcha();
    JsonObject body = new JsonObject().put("username", username).put("password", password).put("alias", alias)
        .put("captcha", CAPTCHA);
    if (email != null) {
      body.put("email", email);
    }
    return post("/forum/user/reg", body);
  }

  /** Registers a new account (a unique name from {@code prefix}, {@link Accounts#PASSWORD}); stays logged in as it. */
  public ForumClient registered(String prefix, String alias) {
    assertEquals(ok("/forum/main"), register(Accounts.uniqueName(prefix), Accounts.PASSWORD, alias, null).json());
    return this;
  }

  public JsonObject me() {
    Api.Reply reply = get("/forum/user/info");
    assertEquals(200, reply.status(), reply.toString());
    JsonArray users = new JsonArray(reply.body());
    assertEquals(1, users.size());
    return users.getJsonObject(0);
  }

  public static JsonObject ok(String go) {
    return new JsonObject().put("status", "ok").put("go", go);
  }

  public static JsonObject failed(String reason) {
    return new JsonObject().put("status", "failed").put("reason", reason);
  }
}
