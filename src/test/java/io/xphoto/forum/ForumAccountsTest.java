package io.xphoto.forum;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.failed;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forum template, captcha, registration, login and logout through the HTTP API, on the shared account store. */
@ExtendWith(VertxExtension.class)
class ForumAccountsTest {

  static final String WRONG_CAPTCHA = "验证码错误。";
  static final String WRONG_CREDENTIALS = "用户名或密码错误。";
  static final String ALIAS = "I'm angry";

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "throttle.address-failures", "1000"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static ForumClient browser() {
    return xphoto.browser();
  }

  static String forumName(String prefix) {
    return uniqueName(prefix);
  }

  @Test
  void theTemplateIsTheSeedsSixFieldsWithTheEnforcedRulesThenTheLoginsTotp() {
    Api.Reply reply = xphoto.api().get("/forum/user/template");
    assertEquals(200, reply.status());
    assertTrue(reply.header("Content-Type").startsWith("application/json"));
    JsonArray expected = new JsonArray()
        .add(field("username", "用户名", "3~15个英文字符/数字", "[0-9a-zA-Z._\\-]{3,15}", "must"))
        .add(field("password", "密码", "8~64位字符", ".{8,64}", "must", "password"))
        .add(field("alias", "昵称", "6~20位字符", ".{6,20}", "must"))
        .add(field("email", "邮箱", "输入您的邮箱", "[0-9a-zA-Z._\\-]{1,20}@[0-9a-zA-Z._\\-]{1,20}\\.[0-9a-z]{2,6}", ""))
        .add(field("captcha", "验证码", "输入图中的5位字符", "[0-9a-zA-Z]{5}", "must"))
        .add(field("avatar", "头像", "", "", "notShowInReg", "file"))
        .add(field("totp", "两步验证码", "已开启两步验证时填写：验证器上的6位数字或一个恢复码",
            "[0-9]{6}|[a-zA-Z2-7]{4}(-?[a-zA-Z2-7]{4}){3}", "notShowInReg", "loginOnly"));
    assertEquals(expected, new JsonArray(reply.body()));
  }

  static JsonObject field(String key, String desc, String limit, String regex, String... flags) {
    return new JsonObject().put("key", key).put("desc", desc).put("limit", limit).put("regex", regex)
        .put("flag", new JsonArray(List.of((Object[]) flags)));
  }

  @Test
  void theCaptchaIsAPngBoundToAnHttpOnlyLaxSessionCookie() {
    ForumClient browser = browser();
    Api.Reply reply = browser.get("/forum/user/captcha");
    assertEquals(200, reply.status());
    assertEquals("image/png", reply.header("Content-Type"));
    assertEquals("no-store", reply.header("Cache-Control"));
    BufferedImage image = TestImages.decode(reply.body().getBytes());
    assertNotNull(image);
    assertEquals(150, image.getWidth());
    assertEquals(50, image.getHeight());
    String setCookie = browser.lastSetCookie().toLowerCase();
    assertTrue(setCookie.contains("httponly"), setCookie);
    assertTrue(setCookie.contains("samesite=lax"), setCookie);
    assertFalse(setCookie.contains("secure"), "no Secure flag without TLS: " + setCookie);
    assertTrue(browser.cookie().length() >= 32);
  }

  @Test
  void behindTlsTheCookieIsSecureAndThePublicOriginIsAccepted(Vertx vertx) throws Exception {
    try (XphotoServer tls = TestServer.start(xphoto.mailbox().port(),
        Map.of("captcha.test-answer", CAPTCHA, "public.url", "https://forum.example.org/"))) {
      ForumClient browser = new ForumClient(vertx, tls);
      browser.captcha();
      assertTrue(browser.lastSetCookie().toLowerCase().contains("secure"), browser.lastSetCookie());
      Api.Reply reply = browser.send(HttpMethod.POST, "/forum/user/reg",
          Map.of("Content-Type", "application/json", "Origin", "https://forum.example.org"),
          new JsonObject().put("username", forumName("tls")).put("password", PASSWORD).put("alias", ALIAS)
              .put("captcha", CAPTCHA).toBuffer());
      assertEquals(ok("/forum/main"), reply.json());
      Api.Reply plainHttp = browser.send(HttpMethod.POST, "/forum/user/logout",
          Map.of("Origin", "http://forum.example.org"), null);
      assertEquals(403, plainHttp.status(), "another scheme is another origin");
    }
  }

  @Test
  void withoutTheTestAnswerEveryCaptchaIsANewRandomPicture(Vertx vertx) throws Exception {
    try (XphotoServer real = TestServer.start(xphoto.mailbox().port(), Map.of())) {
      ForumClient browser = new ForumClient(vertx, real);
      byte[] first = browser.captcha();
      byte[] second = browser.captcha();
      assertFalse(java.util.Arrays.equals(first, second));
      assertEquals(150, TestImages.decode(second).getWidth());
      Api.Reply guess = browser.post("/forum/user/reg", new JsonObject().put("username", forumName("bot"))
          .put("password", PASSWORD).put("alias", ALIAS).put("captcha", CAPTCHA));
      assertEquals(failed(WRONG_CAPTCHA), guess.json());
    }
  }

  @Test
  void registrationCreatesAnActiveAccountAndLogsIn() {
    String username = forumName("reg");
    ForumClient browser = browser();
    Api.Reply reply = browser.register(username, PASSWORD, ALIAS, username + "@qq.com");
    assertEquals(200, reply.status());
    assertEquals(ok("/forum/main"), reply.json());
    JsonObject me = browser.me();
    assertEquals(username, me.getString("username"));
    assertEquals(ALIAS, me.getString("alias"));
    assertEquals(username + "@qq.com", me.getString("email"));
    assertEquals("user", me.getString("role"));
    assertNull(me.getValue("avatar"));
    assertNotNull(me.getString("created"));
    assertTrue(me.getLong("userID") > 0);
  }

  @Test
  void registrationWithoutEmailWorksAndEveryBrokenRuleNamesItsField() {
    String username = forumName("rules");
    ForumClient browser = browser();
    Object[][] cases = {
        {"ab", PASSWORD, ALIAS, null, "用户名须为3~15个英文字符/数字。"},
        {"abcdefghijklmnop", PASSWORD, ALIAS, null, "用户名须为3~15个英文字符/数字。"},
        {"bad name", PASSWORD, ALIAS, null, "用户名须为3~15个英文字符/数字。"},
        {null, PASSWORD, ALIAS, null, "用户名须为3~15个英文字符/数字。"},
        {username, "short", ALIAS, null, "密码须为8~64位字符。"},
        {username, "x".repeat(65), ALIAS, null, "密码须为8~64位字符。"},
        {username, null, ALIAS, null, "密码须为8~64位字符。"},
        {username, PASSWORD, "tiny", null, "昵称须为6~20位字符。"},
        {username, PASSWORD, "x".repeat(21), null, "昵称须为6~20位字符。"},
        {username, PASSWORD, null, null, "昵称须为6~20位字符。"},
        {username, PASSWORD, ALIAS, "not-an-email", "邮箱格式不正确。"},
        {username, PASSWORD, ALIAS, "UPPER@example.ORG", "邮箱格式不正确。"},
        {username, PASSWORD, ALIAS, 12345, "邮箱格式不正确。"},
    };
    for (Object[] c : cases) {
      browser.captcha();
      JsonObject body = new JsonObject().put("captcha", CAPTCHA);
      putIf(body, "username", c[0]);
      putIf(body, "password", c[1]);
      putIf(body, "alias", c[2]);
      putIf(body, "email", c[3]);
      Api.Reply reply = browser.post("/forum/user/reg", body);
      assertEquals(200, reply.status(), body.encode());
      assertEquals(failed((String) c[4]), reply.json(), body.encode());
    }
    browser.captcha();
    Api.Reply wrongType = browser.post("/forum/user/reg", new JsonObject().put("username", 12345)
        .put("password", PASSWORD).put("alias", ALIAS).put("captcha", CAPTCHA));
    assertEquals(failed("用户名须为3~15个英文字符/数字。"), wrongType.json());
    assertEquals(401, browser.get("/forum/user/info").status(), "no failed registration logs in");
    assertEquals(failed(WRONG_CREDENTIALS), browser.login(username, PASSWORD).json(), "nothing was created");

    assertEquals(ok("/forum/main"), browser.register(username, PASSWORD, ALIAS, null).json());
    assertNull(browser.me().getValue("email"));
  }

  private static void putIf(JsonObject body, String key, Object value) {
    if (value != null) {
      body.put(key, value);
    }
  }

  @Test
  void aTakenUsernameOrEmailIsRefusedWhateverTheCase() {
    String username = forumName("taken");
    String email = username + "@qq.com";
    assertEquals(ok("/forum/main"), browser().register(username, PASSWORD, ALIAS, email).json());
    Api.Reply sameName = browser().register(username.toUpperCase(), PASSWORD, ALIAS, null);
    assertEquals(failed("用户名或邮箱已被使用。"), sameName.json());
    Api.Reply sameEmail = browser().register(forumName("other"), PASSWORD, ALIAS, email.toUpperCase().replace("QQ.COM", "qq.com"));
    assertEquals(failed("用户名或邮箱已被使用。"), sameEmail.json());
  }

  @Test
  void registrationNeedsTheSessionsCaptcha() {
    ForumClient browser = browser();
    JsonObject body = new JsonObject().put("username", forumName("cap")).put("password", PASSWORD).put("alias", ALIAS)
        .put("captcha", CAPTCHA);
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/reg", body).json(), "no captcha fetched");
    browser.captcha();
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/reg", body.copy().put("captcha", "zzzzz")).json());
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/reg", body).json(), "the wrong answer used it up");
    ForumClient other = browser();
    other.captcha();
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/reg", body).json(), "another session's captcha does not count");
  }

  @Test
  void loginTakesThePlainPasswordOrItsTripleMd5AndRotatesTheSessionId() {
    String username = forumName("login");
    assertEquals(ok("/forum/main"), browser().register(username, PASSWORD, ALIAS, null).json());

    ForumClient plain = browser();
    plain.captcha();
    String anonymous = plain.cookie();
    Api.Reply reply = plain.post("/forum/user/login",
        new JsonObject().put("username", username).put("password", PASSWORD).put("captcha", CAPTCHA));
    assertEquals(ok("/forum/main"), reply.json());
    assertNotEquals(anonymous, plain.cookie(), "a new session id at login");
    assertEquals(username, plain.me().getString("username"));
    ForumClient fixated = browser();
    fixated.cookie(anonymous);
    assertEquals(401, fixated.get("/forum/user/info").status(), "the pre-login id is worth nothing");

    ForumClient hashed = browser();
    assertEquals(ok("/forum/main"), hashed.login(username.toUpperCase(), PasswordHasher.tripleMd5(PASSWORD)).json());
    assertEquals(username, hashed.me().getString("username"));
  }

  @Test
  void theCaptchaIsCaseInsensitiveAndSingleUse() {
    String username = forumName("single");
    assertEquals(ok("/forum/main"), browser().register(username, PASSWORD, ALIAS, null).json());
    ForumClient browser = browser();
    browser.captcha();
    JsonObject wrongPassword = new JsonObject().put("username", username).put("password", "wrong password").put("captcha", "aBc12");
    assertEquals(failed(WRONG_CREDENTIALS), browser.post("/forum/user/login", wrongPassword).json(), "right captcha, any case");
    JsonObject right = wrongPassword.copy().put("password", PASSWORD);
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/login", right).json(), "used once already");
    browser.captcha();
    assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/login", right.copy().put("captcha", "AbC13")).json());
    browser.captcha();
    assertEquals(ok("/forum/main"), browser.post("/forum/user/login", right.copy().put("captcha", "ABC12")).json());
  }

  @Test
  void anExpiredCaptchaIsRefused(Vertx vertx) throws Exception {
    try (XphotoServer quick = TestServer.start(xphoto.mailbox().port(), Map.of("captcha.test-answer", CAPTCHA, "captcha.ttl", "1s"))) {
      ForumClient browser = new ForumClient(vertx, quick);
      String username = forumName("expiry");
      assertEquals(ok("/forum/main"), browser.register(username, PASSWORD, ALIAS, null).json());
      browser.captcha();
      Thread.sleep(1500);
      assertEquals(failed(WRONG_CAPTCHA), browser.post("/forum/user/login",
          new JsonObject().put("username", username).put("password", PASSWORD).put("captcha", CAPTCHA)).json());
      assertEquals(ok("/forum/main"), browser.login(username, PASSWORD).json(), "a fresh one works");
    }
  }

  @Test
  void aForumAccountSignsInOnXphotoAndAnXphotoAccountLogsInOnTheForum() {
    String forumUser = forumName("both");
    assertEquals(ok("/forum/main"), browser().register(forumUser, PASSWORD, ALIAS, forumUser + "@qq.com").json());
    Api.Reply signin = xphoto.api().post("/signin", new JsonObject().put("username", forumUser).put("password", PASSWORD));
    assertEquals(200, signin.status(), signin.toString());
    String token = signin.json().getString("JWTToken");
    assertEquals(forumUser, xphoto.api().get("/userInfo", token).json().getString("username"));
    Api.Reply withToken = xphoto.api().get("/forum/user/info", token);
    assertEquals(200, withToken.status(), "forum endpoints take the xphoto token too");
    assertEquals(forumUser, new JsonArray(withToken.body()).getJsonObject(0).getString("username"));

    String xphotoUser = uniqueName("photo");
    xphoto.activeUser(xphotoUser);
    ForumClient browser = browser();
    assertEquals(ok("/forum/main"), browser.login(xphotoUser, PASSWORD).json());
    assertEquals(xphotoUser, browser.me().getString("username"));
    ForumClient byEmail = browser();
    assertEquals(ok("/forum/main"), byEmail.login(xphotoUser.toLowerCase() + "@example.org", PasswordHasher.tripleMd5(PASSWORD)).json());
  }

  @Test
  void anInactiveXphotoAccountCannotLogInOnTheForum() {
    String username = uniqueName("inactive");
    assertEquals(200, xphoto.api().post("/signup", signup(username, username + "@example.org", PASSWORD)).status());
    assertEquals(failed("此帐号还没有被激活，请先点击激活邮件里的链接。"), browser().login(username, PASSWORD).json());
    assertEquals(failed(WRONG_CREDENTIALS), browser().login(username, "not the password").json());
  }

  @Test
  void logoutEndsTheSession() {
    String username = forumName("bye");
    ForumClient browser = browser();
    assertEquals(ok("/forum/main"), browser.register(username, PASSWORD, ALIAS, null).json());
    String loggedIn = browser.cookie();
    Api.Reply reply = browser.post("/forum/user/logout", new JsonObject());
    assertEquals(200, reply.status());
    assertEquals("ok", reply.json().getString("status"));
    assertNull(browser.cookie(), "the cookie is cleared");
    ForumClient replay = browser();
    replay.cookie(loggedIn);
    Api.Reply info = replay.get("/forum/user/info");
    assertEquals(401, info.status());
    assertEquals(failed("请先登录。"), info.json());
  }
}
