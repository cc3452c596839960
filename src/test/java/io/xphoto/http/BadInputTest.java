package io.xphoto.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input of every kind answers a 4xx in the surface's error body, never a 500 (issue 11). */
@ExtendWith(VertxExtension.class)
class BadInputTest {

  private static final String NUL_REFUSED = "请求中含有不允许的字符。";
  private static final JsonObject UNAUTHORIZED = new JsonObject().put("error", "未登录或登录已过期。");

  private static TestInstallation xphoto;
  private static Vertx clientVertx;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "throttle.address-failures", "1000"));
    clientVertx = vertx;
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static ForumClient member() {
    return xphoto.browser().registered("bad", "Bad input");
  }

  private static void assertRefusedXphoto(Api.Reply reply, String what) {
    assertEquals(422, reply.status(), what + ": " + reply);
    assertEquals(new JsonObject().put("error", NUL_REFUSED), reply.json(), what);
    assertTrue(reply.header("Content-Type").startsWith("application/json"), what);
  }

  private static void assertRefusedForum(Api.Reply reply, String what) {
    assertEquals(422, reply.status(), what + ": " + reply);
    assertEquals(failed(NUL_REFUSED), reply.json(), what);
  }

  @Test
  void nulInAJsonBodyIsRefusedOnTheXphotoSurface() {
    String name = uniqueName("nul");
    Map<String, JsonObject> bodies = new LinkedHashMap<>();
    bodies.put("/signin username", new JsonObject().put("username", "a\u0000b").put("password", PASSWORD));
    bodies.put("/signin email", new JsonObject().put("email", "a\u0000b@example.org").put("password", PASSWORD));
    bodies.put("/signin password", new JsonObject().put("username", name).put("password", "pass\u0000word"));
    bodies.put("/signup email", signup(name, "n\u0000ul@example.org", PASSWORD));
    bodies.put("/signup nested", signup(name, name + "@example.org", PASSWORD)
        .put("extra", new JsonObject().put("list", new JsonArray().add(1).add("x\u0000"))));
    bodies.put("/signup key", signup(name, name + "@example.org", PASSWORD).put("k\u0000ey", "value"));
    bodies.forEach((what, body) -> assertRefusedXphoto(xphoto.api().post(what.substring(0, what.indexOf(' ')), body), what));
    assertEquals(401, xphoto.api().post("/signin", new JsonObject().put("username", name).put("password", PASSWORD)).status(),
        "nothing was created by the refused sign-ups: " + name);
  }

  @Test
  void nulInAQueryParameterIsRefusedOnEveryEndpoint() {
    assertRefusedXphoto(xphoto.api().get("/active_account?key=abc%00&username=someone"), "key");
    assertRefusedXphoto(xphoto.api().get("/active_account?key=abc&username=some%00one"), "username");
    assertRefusedXphoto(xphoto.api().get("/active_account?key=abc&user%00name=x&username=someone"), "a parameter's name");
    Api.Reply badEscape = xphoto.api().get("/active_account?key=%zz&username=someone");
    assertEquals(400, badEscape.status(), badEscape.toString());
    assertEquals(new JsonObject().put("error", "查询参数编码错误。"), badEscape.json());
    Api.Reply forumBadEscape = xphoto.api().get("/forum/user/info?username=%zz");
    assertEquals(400, forumBadEscape.status(), forumBadEscape.toString());
    assertEquals(failed("查询参数编码错误。"), forumBadEscape.json());
    Api.Reply cutUtf8 = xphoto.api().get("/active_account?key=abc&username=%e4%b8");
    assertEquals(422, cutUtf8.status(), "a cut UTF-8 sequence decodes to U+FFFD: " + cutUtf8);
    String token = xphoto.activeUser(uniqueName("nulq"));
    assertRefusedXphoto(xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images?url=http://x/%00", token), null), "DELETE /images");
    ForumClient browser = member();
    assertRefusedForum(browser.get("/forum/user/info?username=a%00b"), "GET /forum/user/info");
    assertRefusedForum(browser.get("/forum/user/info?userID=1%00"), "GET /forum/user/info userID");
    assertEquals(200, browser.get("/forum/user/info").status());
  }

  @Test
  void nulInAJsonBodyIsRefusedOnTheForum() {
    ForumClient visitor = xphoto.browser();
    visitor.captcha();
    assertRefusedForum(visitor.post("/forum/user/login",
        new JsonObject().put("username", "a\u0000b").put("password", PASSWORD).put("captcha", CAPTCHA)), "login");
    visitor.captcha();
    assertRefusedForum(visitor.post("/forum/user/reg", new JsonObject().put("username", uniqueName("nulr"))
        .put("password", PASSWORD).put("alias", "ali\u0000as").put("captcha", CAPTCHA)), "reg");
    ForumClient browser = member();
    assertRefusedForum(browser.put("/forum/user/info", new JsonObject().put("alias", "ali\u0000as")), "PUT info");
    assertRefusedForum(browser.send(HttpMethod.GET, "/forum/user/info", Map.of("Content-Type", "application/json"),
        new JsonObject().put("username", "a\u0000b").toBuffer()), "GET info with a body");
    assertEquals("Bad input", browser.me().getString("alias"));
  }

  @Test
  void tokensSignedWithTheKeyButWithOtherClaimsAre401() {
    String token = xphoto.activeUser(uniqueName("claims"));
    JsonObject claims = Jwts.payload(token);
    long now = System.currentTimeMillis() / 1000;
    Map<String, Consumer<JsonObject>> variants = new LinkedHashMap<>();
    for (String time : List.of("exp", "iat", "nbf")) {
      variants.put(time + " a string", c -> c.put(time, Long.toString(now + 3600)));
      variants.put(time + " a boolean", c -> c.put(time, true));
      variants.put(time + " an object", c -> c.put(time, new JsonObject().put("seconds", now)));
      variants.put(time + " a fraction", c -> c.put(time, now + 0.5));
      variants.put(time + " null", c -> c.putNull(time));
    }
    for (String claim : List.of("sub", "id", "username", "email", "iat", "exp", "jti")) {
      variants.put("no " + claim, c -> c.remove(claim));
    }
    for (String text : List.of("sub", "id", "username", "email", "jti")) {
      variants.put(text + " a number", c -> c.put(text, 42));
      variants.put(text + " an array", c -> c.put(text, new JsonArray().add("x")));
    }
    variants.put("id not digits", c -> c.put("id", "abc").put("sub", "abc"));
    variants.put("sub not the id", c -> c.put("sub", c.getString("id") + "1"));
    variants.put("jti empty", c -> c.put("jti", ""));
    variants.put("iat in the future", c -> c.put("iat", now + 3600));
    variants.put("nbf in the future", c -> c.put("nbf", now + 3600));
    variants.put("expired", c -> c.put("exp", now - 1));
    variants.put("a claim never issued", c -> c.put("permissions", "admin"));

    for (var variant : variants.entrySet()) {
      JsonObject forged = claims.copy();
      variant.getValue().accept(forged);
      String bad = Jwts.hmac("HS256", forged, TestServer.JWT_SECRET);
      String what = variant.getKey();
      for (var request : List.of(xphoto.api().request(HttpMethod.GET, "/userInfo", bad), xphoto.api().request(HttpMethod.POST, "/signout", bad))) {
        Api.Reply reply = xphoto.api().send(request, null);
        assertEquals(401, reply.status(), what + ": " + reply);
        assertEquals(UNAUTHORIZED, reply.json(), what);
        assertEquals("Bearer", reply.header("WWW-Authenticate"), what);
      }
      Api.Reply forum = xphoto.api().get("/forum/user/info", bad);
      assertEquals(401, forum.status(), what + " on the forum: " + forum);
      assertEquals(failed("请先登录。"), forum.json(), what);
    }
    // the same claims re-signed, with an nbf that has passed, are accepted: the refusals above are the claims'
    assertEquals(200, xphoto.api().get("/userInfo", Jwts.hmac("HS256", claims, TestServer.JWT_SECRET)).status());
    assertEquals(200, xphoto.api().get("/userInfo", Jwts.hmac("HS256", claims.copy().put("nbf", now - 10), TestServer.JWT_SECRET)).status());
    assertEquals(200, xphoto.api().get("/forum/user/info", Jwts.hmac("HS256", claims, TestServer.JWT_SECRET)).status());
    // a node whose clock is a few seconds ahead issued it: within the allowed skew
    assertEquals(200, xphoto.api().get("/userInfo", Jwts.hmac("HS256", claims.copy().put("iat", now + 10).put("nbf", now + 10),
        TestServer.JWT_SECRET)).status());
  }

  @Test
  void aTokenOfAnAccountWithoutEmailIsAccepted() {
    ForumClient browser = member();
    String username = browser.me().getString("username");
    String token = xphoto.api().post("/signin", new JsonObject().put("username", username).put("password", PASSWORD))
        .json().getString("JWTToken");
    assertNull(Jwts.payload(token).getValue("email"));
    Api.Reply info = xphoto.api().get("/userInfo", token);
    assertEquals(200, info.status(), info.toString());
    assertEquals(username, info.json().getString("username"));
  }

  @Test
  void unknownPathsAndMethodsAnswerInTheirSurfacesForm() {
    Map<String, Api.Reply> forum = new LinkedHashMap<>();
    forum.put("404 " + "/forum/no/such/route", xphoto.api().get("/forum/no/such/route"));
    forum.put("405 " + "/forum/user/login", xphoto.api().get("/forum/user/login"));
    forum.put("405 " + "/image/avatar/x.png", xphoto.api().send(xphoto.api().request(HttpMethod.POST, "/image/avatar/x.png", null), null));
    forum.forEach((what, reply) -> {
      int status = Integer.parseInt(what.substring(0, 3));
      assertEquals(status, reply.status(), what + ": " + reply);
      assertEquals(failed(status == 404 ? "接口不存在。" : "不支持该请求方法。"), reply.json(), what);
    });
    Api.Reply object = xphoto.api().get("/objects/0123456789abcdef0123456789abcdef.png");
    assertEquals(404, object.status(), object.toString());
    assertEquals(new JsonObject().put("error", "接口不存在。"), object.json());
    Api.Reply objectMethod = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/objects/0123456789abcdef0123456789abcdef.png", null), null);
    assertEquals(405, objectMethod.status(), objectMethod.toString());
    assertEquals(new JsonObject().put("error", "不支持该请求方法。"), objectMethod.json());
  }

  @Test
  void tooLongARequestLineIs414WithAnErrorBody() {
    Api.Reply reply = xphoto.api().get("/userInfo?q=" + "x".repeat(10_000));
    assertEquals(414, reply.status());
    assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
    assertEquals(new JsonObject().put("error", "请求地址过长。"), reply.json());
  }

  @Test
  void tooLargeHeadersAre431WithTheSurfacesErrorBody() {
    String big = "y".repeat(10_000);
    Api.Reply reply = xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/userInfo", null).putHeader("X-Big", big), null);
    assertEquals(431, reply.status());
    assertTrue(reply.header("Content-Type").startsWith("application/json"), reply.header("Content-Type"));
    assertEquals(new JsonObject().put("error", "请求头过大。"), reply.json());
    Api.Reply forum = xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/forum/user/info", null).putHeader("X-Big", big), null);
    assertEquals(431, forum.status());
    assertEquals(failed("请求头过大。"), forum.json());
    assertEquals(200, xphoto.api().get("/forum/user/template").status(), "the server still answers");
  }

  @Test
  void headIsAnsweredWhereverGetIs() {
    String token = xphoto.activeUser(uniqueName("head"));
    String url = xphoto.api().upload("/upload", token, TestImages.png(24, 24, 1)).json().getJsonArray("urls").getString(0);
    String object = URI.create(url).getPath();
    ForumClient browser = member();
    String avatar = browser.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/jpeg"),
        Buffer.buffer(TestImages.jpeg(24, 24, 2))).json().getString("resaddr");
    assertNotNull(avatar);
    for (String path : List.of(object, avatar, "/userInfo", "/images", "/forum/user/template", "/health")) {
      Api.Reply get = xphoto.api().get(path, token);
      Api.Reply head = xphoto.api().send(xphoto.api().request(HttpMethod.HEAD, path, token), null);
      assertEquals(200, get.status(), path + ": " + get);
      assertEquals(200, head.status(), path + ": " + head);
      assertEquals(Integer.toString(get.body().length()), head.header("Content-Length"), path);
      assertEquals(get.header("Content-Length"), head.header("Content-Length"), path);
      assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
      assertEquals(get.header("ETag"), head.header("ETag"), path);
      assertEquals(get.header("Cache-Control"), head.header("Cache-Control"), path);
      assertTrue(head.body() == null || head.body().length() == 0, path);
    }
    Api.Reply missing = xphoto.api().send(xphoto.api().request(HttpMethod.HEAD, "/no/such/route", null), null);
    assertEquals(404, missing.status());
    assertEquals(405, xphoto.api().send(xphoto.api().request(HttpMethod.HEAD, "/signin", null), null).status(), "HEAD only where GET");
  }

  @Test
  void servedObjectsAndAvatarsAreNotSniffed() {
    String token = xphoto.activeUser(uniqueName("sniff"));
    String url = xphoto.api().upload("/upload", token, TestImages.png(16, 16, 3)).json().getJsonArray("urls").getString(0);
    ForumClient browser = member();
    String avatar = browser.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"),
        Buffer.buffer(TestImages.png(16, 16, 4))).json().getString("resaddr");
    for (Api.Reply served : List.of(xphoto.api().get(URI.create(url).getPath()), xphoto.api().get(avatar))) {
      assertEquals(200, served.status());
      assertEquals("nosniff", served.header("X-Content-Type-Options"));
    }
  }

  @Test
  void anOriginOfTheOtherSchemeIsAnotherSite() throws Exception {
    String port = Integer.toString(xphoto.server().settings().integer("http.port"));
    ForumClient browser = member();
    Api.Reply https = logout(browser, "https://127.0.0.1:" + port);
    assertEquals(403, https.status(), "https origin, http server: " + https);
    assertEquals(failed("拒绝跨站请求。"), https.json());
    assertEquals(200, logout(browser, "http://127.0.0.1:" + port).status());

    try (XphotoServer tls = TestServer.start(xphoto.mailbox().port(),
        Map.of("captcha.test-answer", CAPTCHA, "public.url", "https://forum.example.org/"))) {
      ForumClient behindTls = new ForumClient(clientVertx, tls);
      String tlsPort = Integer.toString(tls.settings().integer("http.port"));
      assertEquals(403, logout(behindTls, "http://127.0.0.1:" + tlsPort).status(), "http origin, https public url");
      assertEquals(200, logout(behindTls, "https://127.0.0.1:" + tlsPort).status());
      assertEquals(200, logout(behindTls, "https://forum.example.org:443").status(), "443 is https's own port");
      assertEquals(403, logout(behindTls, "https://forum.example.org:80").status());
      assertEquals(403, logout(behindTls, "http://forum.example.org:443").status());
      assertEquals(200, behindTls.send(HttpMethod.POST, "/forum/user/logout",
          Map.of("Origin", "https://proxy.example", "Host", "proxy.example:443"), null).status(), "Host with https's port");
      assertEquals(403, behindTls.send(HttpMethod.POST, "/forum/user/logout",
          Map.of("Origin", "https://proxy.example", "Host", "proxy.example:80"), null).status(), "Host with http's port");
    }
  }

  private static Api.Reply logout(ForumClient browser, String origin) {
    return browser.send(HttpMethod.POST, "/forum/user/logout", Map.of("Origin", origin), null);
  }
}
