package io.xphoto.forum;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.AdminCommand;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.failed;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forum profiles (own, others', admins'), the admin role from the config and from the command, sessions
 * across nodes, cross-site protection and throttling shared with /signin.
 */
@ExtendWith(VertxExtension.class)
class ForumProfileTest {

  private static final String ALIAS = "I'm angry";
  private static final String BOSS = uniqueName("boss");
  /** Listed in {@code admins}, registered only after the server started. */
  private static final String LATECOMER = uniqueName("late");
  private static final Map<String, String> CONFIG = Map.of("captcha.test-answer", CAPTCHA,
      "throttle.address-failures", "1000", "throttle.account-address-failures", "3");

  private static Mailbox mailbox;
  private static DatabaseTarget database;
  private static XphotoServer server;
  private static Vertx clientVertx;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    mailbox = Mailbox.start();
    database = TestPostgres.freshDatabase();
    clientVertx = vertx;
    try (XphotoServer first = TestServer.startOn(database, mailbox.port(), CONFIG)) {
      assertEquals(ok("/forum/main"), new ForumClient(vertx, first).register(BOSS, PASSWORD, ALIAS, null).json());
    }
    // admins are granted at start, to accounts that exist by then
    Map<String, String> withAdmin = new HashMap<>(CONFIG);
    withAdmin.put("admins", BOSS + ", nobody-of-that-name, " + LATECOMER.toUpperCase());
    server = TestServer.startOn(database, mailbox.port(), withAdmin);
  }

  @AfterAll
  static void stop() {
    server.close();
    mailbox.close();
  }

  private static ForumClient browser() {
    return new ForumClient(clientVertx, server);
  }

  /** A new forum account, logged in. */
  private static ForumClient member(String prefix) {
    return browser().registered(prefix, ALIAS);
  }

  private static ForumClient boss() {
    ForumClient browser = browser();
    assertEquals(ok("/forum/main"), browser.login(BOSS, PASSWORD).json());
    return browser;
  }

  private static JsonArray users(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.toString());
    return new JsonArray(reply.body());
  }

  @Test
  void othersSeePublicFieldsOnlyAdminsAndTheOwnerSeeAll() {
    ForumClient alice = member("alice");
    JsonObject aliceSelf = alice.me();
    ForumClient bob = member("bob");
    long aliceId = aliceSelf.getLong("userID");

    JsonObject seenByBob = users(bob.get("/forum/user/info?userID=" + aliceId)).getJsonObject(0);
    assertEquals(new JsonObject().put("userID", aliceId).put("username", aliceSelf.getString("username"))
        .put("alias", ALIAS).putNull("avatar"), seenByBob);
    JsonObject byName = users(bob.get("/forum/user/info?username=" + aliceSelf.getString("username").toUpperCase())).getJsonObject(0);
    assertEquals(seenByBob, byName);
    Api.Reply byJsonBody = bob.send(HttpMethod.GET, "/forum/user/info", Map.of("Content-Type", "application/json"),
        new JsonObject().put("userID", aliceId).toBuffer());
    assertEquals(seenByBob, users(byJsonBody).getJsonObject(0));

    assertEquals(aliceSelf, users(alice.get("/forum/user/info?userID=" + aliceId)).getJsonObject(0));
    JsonObject seenByBoss = users(boss().get("/forum/user/info?userID=" + aliceId)).getJsonObject(0);
    assertEquals(aliceSelf, seenByBoss);
    assertEquals("admin", boss().me().getString("role"));
  }

  @Test
  void unknownUsersAre404AndAnonymousCallersAre401() {
    ForumClient alice = member("carol");
    Api.Reply unknown = alice.get("/forum/user/info?userID=987654321");
    assertEquals(404, unknown.status());
    assertEquals(failed("用户不存在。"), unknown.json());
    assertEquals(404, alice.get("/forum/user/info?username=no-such-user").status());
    assertEquals(400, alice.get("/forum/user/info?userID=abc").status());

    ForumClient anonymous = browser();
    for (Api.Reply reply : List.of(anonymous.get("/forum/user/info"),
        anonymous.put("/forum/user/info", new JsonObject().put("alias", "new alias")),
        anonymous.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"), Buffer.buffer(new byte[10])))) {
      assertEquals(401, reply.status(), reply.toString());
      assertEquals(failed("请先登录。"), reply.json());
    }
    Api.Reply badToken = anonymous.send(HttpMethod.GET, "/forum/user/info", Map.of("Authorization", "Bearer nonsense"), null);
    assertEquals(401, badToken.status());
  }

  @Test
  void aMemberUpdatesTheirOwnProfileAllOrNothing() {
    ForumClient dave = member("dave");
    ForumClient erin = member("erin");
    String erinEmail = erin.me().getString("username") + "@qq.com";
    assertEquals(ok("/forum/user/info"), erin.put("/forum/user/info", new JsonObject().put("email", erinEmail)).json());

    String daveEmail = dave.me().getString("username") + "@qq.com";
    Api.Reply updated = dave.put("/forum/user/info", new JsonObject().put("alias", "Hong Kong Reporter").put("email", daveEmail));
    assertEquals(ok("/forum/user/info"), updated.json());
    JsonObject me = dave.me();
    assertEquals("Hong Kong Reporter", me.getString("alias"));
    assertEquals(daveEmail, me.getString("email"));

    Api.Reply taken = dave.put("/forum/user/info", new JsonObject().put("alias", "Another alias").put("email", erinEmail.toUpperCase()
        .replace("QQ.COM", "qq.com")));
    assertEquals(200, taken.status());
    assertEquals(failed("该邮箱已被其他帐号使用。"), taken.json());
    Api.Reply badAlias = dave.put("/forum/user/info", new JsonObject().put("alias", "tiny").put("email", "fresh1@qq.com"));
    assertEquals(failed("昵称须为6~20位字符。"), badAlias.json());
    Api.Reply badEmail = dave.put("/forum/user/info", new JsonObject().put("alias", "Another alias").put("email", "nope"));
    assertEquals(failed("邮箱格式不正确。"), badEmail.json());
    assertEquals(me, dave.me(), "nothing of a refused update was kept");
    assertEquals(ok("/forum/user/info"), dave.put("/forum/user/info", new JsonObject().put("email", "")).json());
    assertNull(dave.me().getValue("email"), "an empty email removes it");
  }

  @Test
  void changingOnesPasswordNeedsTheOldOne() {
    ForumClient frank = member("frank");
    String username = frank.me().getString("username");
    String newPassword = "a brand new secret";
    assertEquals(failed("原密码错误。"), frank.put("/forum/user/info", new JsonObject().put("password", newPassword)).json());
    assertEquals(failed("原密码错误。"), frank.put("/forum/user/info",
        new JsonObject().put("password", newPassword).put("old_password", "not it at all")).json());
    assertEquals(failed("密码须为8~64位字符。"), frank.put("/forum/user/info",
        new JsonObject().put("password", "short").put("old_password", PASSWORD)).json());
    assertEquals(ok("/forum/main"), browser().login(username, PASSWORD).json(), "still the old password");
    assertEquals(ok("/forum/user/info"), frank.put("/forum/user/info",
        new JsonObject().put("password", newPassword).put("old_password", PASSWORD)).json());
    assertEquals(failed("用户名或密码错误。"), browser().login(username, PASSWORD).json());
    assertEquals(ok("/forum/main"), browser().login(username, newPassword).json());
  }

  /** The (account, address) limit is 3 here: the old password is throttled with the logins. */
  @Test
  void theOldPasswordIsThrottledAsALoginIs() {
    ForumClient olga = member("olga");
    String username = olga.me().getString("username");
    for (int i = 0; i < 3; i++) {
      assertEquals(failed("原密码错误。"), olga.put("/forum/user/info",
          new JsonObject().put("password", "a brand new secret").put("old_password", "guess " + i)).json());
    }
    Api.Reply refused = olga.put("/forum/user/info",
        new JsonObject().put("password", "a brand new secret").put("old_password", PASSWORD));
    assertEquals(429, refused.status());
    assertEquals(failed("登录失败次数过多，请稍后再试。"), refused.json());
    assertEquals(failed("登录失败次数过多，请稍后再试。"), browser().login(username, PASSWORD).json(),
        "the guesses count for the login too");
  }

  @Test
  void aMemberCannotUpdateSomeoneElseAnAdminCan() {
    ForumClient grace = member("grace");
    JsonObject graceSelf = grace.me();
    ForumClient heidi = member("heidi");
    long graceId = graceSelf.getLong("userID");

    Api.Reply forbidden = heidi.put("/forum/user/info", new JsonObject().put("userID", graceId).put("alias", "Hijacked alias"));
    assertEquals(403, forbidden.status());
    assertEquals(failed("没有权限查看或修改其他用户的资料。"), forbidden.json());
    assertEquals(403, heidi.put("/forum/user/info",
        new JsonObject().put("username", graceSelf.getString("username")).put("alias", "Hijacked alias")).status());
    assertEquals(ALIAS, grace.me().getString("alias"));
    assertEquals(ok("/forum/user/info"), heidi.put("/forum/user/info",
        new JsonObject().put("username", heidi.me().getString("username")).put("alias", "Naming myself")).json());

    ForumClient boss = boss();
    assertEquals(ok("/forum/user/info"), boss.put("/forum/user/info",
        new JsonObject().put("userID", graceId).put("username", graceSelf.getString("username")).put("alias", "Hong Kong Reporter")
            .put("password", "set by the admin")).json());
    Api.Reply ended = grace.get("/forum/user/info");
    assertEquals(401, ended.status(), "an admin's change of the password ends all of the account's sign-ins: " + ended);
    ForumClient graceAgain = browser();
    assertEquals(ok("/forum/main"), graceAgain.login(graceSelf.getString("username"), "set by the admin").json(),
        "an admin sets another's password without the old one");
    assertEquals("Hong Kong Reporter", graceAgain.me().getString("alias"));
    assertEquals(404, boss.put("/forum/user/info", new JsonObject().put("userID", 987654321).put("alias", "Nobody's alias")).status());
  }

  @Test
  void aListedAdminRegisteredAfterTheStartIsAnAdminAnUnlistedOneIsNot() {
    ForumClient kim = member("kim");
    long kimId = kim.me().getLong("userID");
    JsonObject rename = new JsonObject().put("userID", kimId).put("alias", "Renamed by an admin");
    ForumClient unlisted = member("leo");
    assertEquals(403, unlisted.put("/forum/user/info", rename).status());

    ForumClient latecomer = browser();
    assertEquals(ok("/forum/main"), latecomer.register(LATECOMER, PASSWORD, ALIAS, null).json());
    assertEquals("admin", latecomer.me().getString("role"));
    assertEquals(ok("/forum/user/info"), latecomer.put("/forum/user/info", rename).json());
    assertEquals("Renamed by an admin", kim.me().getString("alias"));
    assertEquals("user", unlisted.me().getString("role"));
  }

  @Test
  void theAdminCommandGrantsAndRevokesOnARunningInstallation() throws Exception {
    ForumClient ivan = member("ivan");
    String ivanName = ivan.me().getString("username");
    ForumClient judy = member("judy");
    long judyId = judy.me().getLong("userID");
    JsonObject rename = new JsonObject().put("userID", judyId).put("alias", "Renamed by ivan");
    assertEquals(403, ivan.put("/forum/user/info", rename).status());
    assertFalse(users(ivan.get("/forum/user/info?userID=" + judyId)).getJsonObject(0).containsKey("email"));

    assertEquals(0, admin("grant", ivanName));
    assertEquals(ok("/forum/user/info"), ivan.put("/forum/user/info", rename).json(), "at once, without a new login");
    assertTrue(users(ivan.get("/forum/user/info?userID=" + judyId)).getJsonObject(0).containsKey("email"));
    assertEquals("admin", ivan.me().getString("role"));

    assertEquals(0, admin("revoke", ivanName.toUpperCase()));
    assertEquals(403, ivan.put("/forum/user/info", rename).status());
    assertEquals(1, admin("grant", "no-such-account"));
    assertEquals(2, admin("promote", ivanName));
  }

  private static int admin(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = AdminCommand.run(server.settings(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
    if (code == 0) {
      assertTrue(out.toString(StandardCharsets.UTF_8).contains(args[1]), out.toString(StandardCharsets.UTF_8));
    }
    return code;
  }

  @Test
  void aSessionMadeOnOneNodeWorksOnAnotherAndALogoutEndsItEverywhere() throws Exception {
    try (XphotoServer other = TestServer.startOn(database, mailbox.port(), CONFIG)) {
      ForumClient onFirst = browser();
      onFirst.captcha();
      ForumClient onSecond = onFirst.on(other);
      String username = uniqueName("kate");
      assertEquals(ok("/forum/main"), onSecond.post("/forum/user/reg", new JsonObject().put("username", username)
          .put("password", PASSWORD).put("alias", ALIAS).put("captcha", CAPTCHA)).json(), "the captcha was made on the other node");
      ForumClient back = onSecond.on(server);
      assertEquals(username, back.me().getString("username"));
      assertEquals(ok("/forum/main"), back.post("/forum/user/logout", new JsonObject()).json());
      ForumClient stale = browser().on(other);
      stale.cookie(onSecond.cookie());
      assertEquals(401, stale.get("/forum/user/info").status());
    }
  }

  @Test
  void aSessionWorksThroughEveryHttpVerticleInstance(Vertx vertx) throws Exception {
    Map<String, String> config = new HashMap<>(CONFIG);
    config.put("http.instances", "3");
    try (XphotoServer multi = TestServer.startOn(database, mailbox.port(), config)) {
      ForumClient browser = new ForumClient(vertx, multi);
      String username = uniqueName("leo");
      assertEquals(ok("/forum/main"), browser.register(username, PASSWORD, ALIAS, null).json());
      // a new connection per request: the server's instances take connections in turn
      for (int i = 0; i < 6; i++) {
        ForumClient fresh = new ForumClient(vertx, multi);
        fresh.cookie(browser.cookie());
        assertEquals(username, fresh.me().getString("username"));
      }
    }
  }

  @Test
  void crossSiteRequestsAreRefused() {
    ForumClient mallory = member("mallory");
    String username = mallory.me().getString("username");
    Api.Reply form = mallory.send(HttpMethod.PUT, "/forum/user/info", Map.of("Content-Type", "application/x-www-form-urlencoded"),
        Buffer.buffer("alias=Hijacked+alias"));
    assertEquals(415, form.status());
    assertEquals(failed("请求须为 JSON（Content-Type: application/json）。"), form.json());
    Api.Reply textPlain = mallory.send(HttpMethod.PUT, "/forum/user/info", Map.of("Content-Type", "text/plain"),
        new JsonObject().put("alias", "Hijacked alias").toBuffer());
    assertEquals(415, textPlain.status());
    Api.Reply otherOrigin = mallory.send(HttpMethod.PUT, "/forum/user/info",
        Map.of("Content-Type", "application/json", "Origin", "https://evil.example"),
        new JsonObject().put("alias", "Hijacked alias").toBuffer());
    assertEquals(403, otherOrigin.status());
    assertEquals(failed("拒绝跨站请求。"), otherOrigin.json());
    assertEquals(403, mallory.send(HttpMethod.POST, "/forum/user/logout", Map.of("Origin", "null"), null).status());
    // every POST/PUT/DELETE under /forum/, before its route is looked for
    assertEquals(403, mallory.send(HttpMethod.DELETE, "/forum/user/info", Map.of("Origin", "null"), null).status());
    assertEquals(403, mallory.send(HttpMethod.POST, "/forum/user/nothing-here", Map.of("Origin", "null"), null).status());
    assertEquals(ALIAS, mallory.me().getString("alias"));

    String port = Integer.toString(server.settings().integer("http.port"));
    Api.Reply sameOrigin = mallory.send(HttpMethod.PUT, "/forum/user/info",
        Map.of("Content-Type", "application/json; charset=utf-8", "Origin", "http://127.0.0.1:" + port),
        new JsonObject().put("alias", "Same origin alias").toBuffer());
    assertEquals(ok("/forum/user/info"), sameOrigin.json());
    Api.Reply publicUrl = mallory.send(HttpMethod.PUT, "/forum/user/info",
        Map.of("Content-Type", "application/json", "Origin", "http://localhost:" + port),
        new JsonObject().put("alias", "Public url alias").toBuffer());
    assertEquals(ok("/forum/user/info"), publicUrl.json());
    Api.Reply logout = mallory.send(HttpMethod.POST, "/forum/user/logout", Map.of(), null);
    assertEquals(200, logout.status(), "a logout without a body needs no content type");
    assertEquals(failed("用户名或密码错误。"), browser().login(username, "nothing like it").json());
  }

  @Test
  void malformedJsonIsA400WithTheForumsBody() {
    ForumClient browser = member("nina");
    Api.Reply reply = browser.send(HttpMethod.PUT, "/forum/user/info", Map.of("Content-Type", "application/json"), Buffer.buffer("{nope"));
    assertEquals(400, reply.status());
    assertEquals("failed", reply.json().getString("status"));
    assertEquals(404, browser.get("/forum/user/nothing-here").status());
    assertEquals("failed", browser.get("/forum/user/nothing-here").json().getString("status"));
  }

  @Test
  void forumAndXphotoSignInsShareTheirThrottle() {
    ForumClient oscar = member("oscar");
    String username = oscar.me().getString("username");
    Api api = new Api(clientVertx, server);
    for (int i = 0; i < 2; i++) {
      assertEquals(failed("用户名或密码错误。"), browser().login(username, "wrong password " + i).json());
    }
    assertEquals(401, api.post("/signin", new JsonObject().put("username", username).put("password", "wrong")).status());
    Api.Reply xphoto = api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
    assertEquals(429, xphoto.status(), "three failures, two of them on the forum");
    Api.Reply forum = browser().login(username, PASSWORD);
    assertEquals(429, forum.status());
    assertEquals(failed("登录失败次数过多，请稍后再试。"), forum.json());
    assertTrue(Integer.parseInt(forum.header("Retry-After")) > 0);
  }
}
