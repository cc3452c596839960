package io.xphoto.http;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Browser;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.failed;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JSON bodies validated with their schemas from openapi.yaml (web.BodyValidation): which failure answers when
 * several fields are wrong, patterns matched whole, and limits that follow the configuration.
 */
@ExtendWith(VertxExtension.class)
class BodyValidationTest {

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "throttle.address-failures", "1000"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static void assertRefused(Api.Reply reply, String message) {
    assertEquals(422, reply.status(), reply.toString());
    assertEquals(new JsonObject().put("error", message), reply.json());
  }

  @Test
  void everyFieldsPresenceAndTypeComeBeforeAnyFieldsRules() {
    assertRefused(xphoto.api().post("/signup", new JsonObject().put("username", "abc").put("email", 5)
        .put("password", PASSWORD).put("repeat_password", PASSWORD)), "参数类型错误：email 应为字符串");
    assertRefused(xphoto.api().post("/signup", new JsonObject().put("username", "abc").put("email", "x")
        .put("password", "short")), "缺少参数：repeat_password");
    assertRefused(xphoto.api().post("/signup", new JsonObject().put("username", "abc").put("email", "x")
        .put("password", "short").put("repeat_password", "other")), "用户名至少需要5个字符。");
    assertRefused(xphoto.api().post("/signup", new JsonObject().put("username", "alice_" + "x".repeat(30)).put("email", "x")
        .put("password", "short").put("repeat_password", "other")), "用户名不能超过32个字符。");
    assertRefused(xphoto.api().post("/signup", signup(uniqueName("v"), "no-at-sign", "short")), "邮箱格式不正确。");
    assertRefused(xphoto.api().post("/signup", signup(uniqueName("v"), "a@example.org", "short")), "密码长度须为8到64个字符。");
    assertRefused(xphoto.api().post("/signup", new JsonObject().put("username", null).put("email", "a@example.org")
        .put("password", PASSWORD).put("repeat_password", PASSWORD)), "缺少参数：username");
  }

  @Test
  void aPatternMatchesTheWholeValueALineBreakAtTheEndIncluded() {
    assertRefused(xphoto.api().post("/signup", signup(uniqueName("nl") + "\n", "nl@example.org", PASSWORD)),
        "用户名只能包含字母、数字、“-”和“_”。");
  }

  @Test
  void theEmailIsCheckedTrimmedAsItIsStored() {
    String name = uniqueName("trim");
    Api.Reply reply = xphoto.api().post("/signup", signup(name, "  " + name + "@example.org\t", PASSWORD));
    assertEquals(200, reply.status(), reply.toString());
    assertRefused(xphoto.api().post("/signup", signup(uniqueName("trim"), " a b@example.org ", PASSWORD)), "邮箱格式不正确。");
  }

  @Test
  void signinTakesTheEmailWhenTheUsernameIsAbsentOrNull() {
    assertRefused(xphoto.api().post("/signin", new JsonObject().put("username", null).put("password", PASSWORD)),
        "缺少参数：email");
    assertRefused(xphoto.api().post("/signin", new JsonObject()), "缺少参数：email");
    assertRefused(xphoto.api().post("/signin", new JsonObject().put("username", 7)), "参数类型错误：username 应为字符串");
    assertRefused(xphoto.api().post("/signin", new JsonObject().put("email", "a@example.org").put("password", null)),
        "缺少参数：password");
    assertEquals(401, xphoto.api().post("/signin", new JsonObject().put("username", null)
        .put("email", uniqueName("none") + "@example.org").put("password", PASSWORD)).status());
  }

  @Test
  void theFaceFormsJsonBodiesAreValidatedAfterTheToken() {
    assertEquals(401, xphoto.api().post("/images-db", new JsonObject()).status(), "the token first");
    String token = xphoto.activeUser(uniqueName("faces"));
    String fileList = "file must be a URL or a list of URLs of your images";
    assertRefused(xphoto.api().post("/images-db", new JsonObject(), token), "缺少参数：file");
    assertRefused(xphoto.api().post("/images-db", new JsonObject().putNull("file"), token), "缺少参数：file");
    assertRefused(xphoto.api().post("/images-db", new JsonObject().put("file", new JsonArray()), token), fileList);
    assertRefused(xphoto.api().post("/images-db", new JsonObject().put("file", new JsonArray().add("a").add(3)), token), fileList);
    assertRefused(xphoto.api().post("/images-db", new JsonObject().put("file", 3), token), fileList);
    assertRefused(xphoto.api().post("/images-db?search", new JsonObject().put("file", "x"), token), "缺少参数：faceFile");
    assertRefused(xphoto.api().post("/images-db/search", new JsonObject().put("faceFile", 3), token),
        "参数类型错误：faceFile 应为字符串");
  }

  @Test
  void theForumRegistrationTakesTheCaptchaThenAnswersTheFirstBadFieldInTheTemplatesOrder(Vertx vertx) {
    ForumClient browser = xphoto.browser();
    browser.captcha();
    JsonObject body = new JsonObject().put("username", "x").put("password", 12345678).put("captcha", CAPTCHA);
    assertEquals(failed("用户名须为3~15个英文字符/数字。"), browser.post("/forum/user/reg", body).json());
    assertEquals(failed("验证码错误。"), browser.post("/forum/user/reg", body).json(), "the captcha was used up");
    browser.captcha();
    assertEquals(failed("密码须为8~64位字符。"),
        browser.post("/forum/user/reg", body.copy().put("username", uniqueName("f"))).json());
    browser.captcha();
    assertEquals(failed("昵称须为6~20位字符。"), browser.post("/forum/user/reg", new JsonObject()
        .put("username", uniqueName("f")).put("password", PASSWORD).put("alias", "line\nbreak")
        .put("captcha", CAPTCHA)).json());
    browser.captcha();
    assertEquals(failed("邮箱格式不正确。"), browser.post("/forum/user/reg", new JsonObject()
        .put("username", uniqueName("f")).put("password", PASSWORD).put("alias", "An alias")
        .put("email", "a@b.cc\n").put("captcha", CAPTCHA)).json());
  }

  @Test
  void configuredLimitsAreTheOnesCheckedAndNamed(Vertx vertx) throws Exception {
    try (XphotoServer strict = TestServer.start(xphoto.mailbox().port(), Map.of("captcha.test-answer", CAPTCHA,
        "password.min-length", "12", "password.max-length", "40", "forum.username-min", "6",
        "forum.alias-max", "8", "forum.email-regex", "[a-z0-9]+@example\\.org"))) {
      Api strictApi = new Api(vertx, strict);
      assertRefused(strictApi.post("/signup", signup(uniqueName("cfg"), "cfg@example.org", "elevenchars")),
          "密码长度须为12到40个字符。");
      String token = activeUser(strictApi, xphoto.mailbox(), uniqueName("cfg"));
      assertRefused(strictApi.post("/password/change", new JsonObject().put("old_password", PASSWORD)
          .put("password", "elevenchars").put("repeat_password", "elevenchars"), token), "密码长度须为12到40个字符。");
      JsonObject reset = new JsonObject().put("key", "A".repeat(43)).put("password", "x".repeat(41))
          .put("repeat_password", "x".repeat(41));
      assertRefused(strictApi.post("/password/reset", reset), "密码长度须为12到40个字符。");
      // the reset page's form: the configured minimum as its minlength, and the message when it is broken
      Api.Reply form = new Browser(strictApi).post("/password/reset", MultiMap.caseInsensitiveMultiMap()
          .add("key", "A".repeat(43)).add("password", "elevenchars").add("repeat_password", "elevenchars"));
      assertEquals(422, form.status(), form.toString());
      String html = form.body().toString();
      assertTrue(html.contains("minlength=\"12\"") && html.contains("密码长度须为12到40个字符。"), html);
      ForumClient browser = new ForumClient(vertx, strict);
      JsonArray template = new JsonArray(browser.get("/forum/user/template").body());
      assertEquals("[0-9a-zA-Z._\\-]{6,15}", template.getJsonObject(0).getString("regex"), "as the template shows");
      browser.captcha();
      assertEquals(failed("用户名须为6~15个英文字符/数字。"), browser.post("/forum/user/reg", new JsonObject()
          .put("username", "abcde").put("password", PASSWORD).put("alias", "An alias").put("captcha", CAPTCHA)).json());
      browser.captcha();
      String name = uniqueName("cfg");
      assertEquals(failed("昵称须为6~8位字符。"), browser.post("/forum/user/reg", new JsonObject()
          .put("username", name).put("password", "twelve chars").put("alias", "Nine char").put("captcha", CAPTCHA)).json());
      browser.captcha();
      assertEquals(failed("邮箱格式不正确。"), browser.post("/forum/user/reg", new JsonObject()
          .put("username", name).put("password", "twelve chars").put("alias", "Eight ch").put("email", "a_1@example.org")
          .put("captcha", CAPTCHA)).json());
      browser.captcha();
      assertEquals(ok("/forum/main"), browser.post("/forum/user/reg", new JsonObject()
          .put("username", name).put("password", "twelve chars").put("alias", "Eight ch").put("email", name + "@example.org")
          .put("captcha", CAPTCHA)).json());
    }
  }
}
