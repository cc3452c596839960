package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /password/change} on one node: its checks in order, throttling, and what it changes. */
@ExtendWith(VertxExtension.class)
class PasswordChangeTest {

  private static final String NEW_PASSWORD = "battery staple 43";
  private static final String UNAUTHORIZED = "{\"error\":\"未登录或登录已过期。\"}";
  private static final String WRONG_OLD = "{\"error\":\"原密码错误。\"}";

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // every test signs in from 127.0.0.1: only the (account, address) limit is left at its default (5)
    xphoto = TestInstallation.start(vertx, Map.of("throttle.address-failures", "1000"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static JsonObject change(String old, String password, String repeat) {
    return new JsonObject().put("old_password", old).put("password", password).put("repeat_password", repeat);
  }

  private static void assertAnswer(int status, String body, Api.Reply reply) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(body, reply.body().toString());
  }

  @Test
  void eachRefusalAnswersItsDocumentedBodyAndChangesNothing() {
    String username = uniqueName("refuse");
    String token = xphoto.activeUser(username);
    assertAnswer(401, UNAUTHORIZED, xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD)));
    assertAnswer(401, UNAUTHORIZED, xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), "not.a.token"));
    assertAnswer(400, "{\"error\":\"请求格式错误，需要 JSON 对象。\"}",
        xphoto.api().send(xphoto.api().request(HttpMethod.POST, "/password/change", token), Buffer.buffer("{bad")));
    assertAnswer(422, "{\"error\":\"缺少参数：old_password\"}",
        xphoto.api().post("/password/change", new JsonObject().put("password", NEW_PASSWORD).put("repeat_password", NEW_PASSWORD), token));
    assertAnswer(422, "{\"error\":\"缺少参数：repeat_password\"}",
        xphoto.api().post("/password/change", new JsonObject().put("old_password", PASSWORD).put("password", NEW_PASSWORD), token));
    assertAnswer(422, "{\"error\":\"参数类型错误：password 应为字符串\"}",
        xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD).put("password", 12345678), token));
    assertAnswer(422, "{\"error\":\"密码长度须为8到64个字符。\"}", xphoto.api().post("/password/change", change(PASSWORD, "short", "short"), token));
    assertAnswer(422, "{\"error\":\"密码长度须为8到64个字符。\"}",
        xphoto.api().post("/password/change", change(PASSWORD, "x".repeat(65), "x".repeat(65)), token));
    assertAnswer(422, "{\"error\":\"两次输入的密码不一致。\"}",
        xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "!"), token));
    // the rules come before the old password: a wrong old one is not even looked at
    assertAnswer(422, "{\"error\":\"两次输入的密码不一致。\"}",
        xphoto.api().post("/password/change", change("not the password", NEW_PASSWORD, "other"), token));
    assertAnswer(422, WRONG_OLD, xphoto.api().post("/password/change", change("not the password", NEW_PASSWORD, NEW_PASSWORD), token));

    assertEquals(200, xphoto.api().get("/userInfo", token).status(), "the token still works");
    assertEquals(200, xphoto.api().signin(username, PASSWORD).status(), "the password is unchanged");
    assertEquals(401, xphoto.api().signin(username, NEW_PASSWORD).status());
  }

  @Test
  void theOldPasswordIsThrottledAsASigninIs() {
    String username = uniqueName("guess");
    String token = xphoto.activeUser(username);
    for (int i = 0; i < 5; i++) {
      assertAnswer(422, WRONG_OLD, xphoto.api().post("/password/change", change("guess number " + i, NEW_PASSWORD, NEW_PASSWORD), token));
    }
    Api.Reply refused = xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), token);
    assertAnswer(429, "{\"error\":\"登录失败次数过多，请稍后再试。\"}", refused);
    assertNotNull(refused.header("Retry-After"));
    assertTrue(Integer.parseInt(refused.header("Retry-After")) > 0);
    Api.Reply signin = xphoto.api().signin(username, PASSWORD);
    assertEquals(429, signin.status(), "the guesses count for /signin too: " + signin);
  }

  @Test
  void aWrongOldPasswordCountsTowardsTheSigninLimit() {
    String username = uniqueName("mixed");
    String token = xphoto.activeUser(username);
    for (int i = 0; i < 4; i++) {
      assertEquals(401, xphoto.api().signin(username, "wrong " + i).status());
    }
    assertAnswer(422, WRONG_OLD, xphoto.api().post("/password/change", change("wrong again", NEW_PASSWORD, NEW_PASSWORD), token));
    assertEquals(429, xphoto.api().signin(username, PASSWORD).status(), "five failures, four of them sign-ins");
  }

  @Test
  void theNewPasswordSignsInTheCallingTokenStaysTheOthersAreRefused() {
    String username = uniqueName("change");
    String caller = xphoto.activeUser(username);
    String other = xphoto.api().signin(username, PASSWORD).json().getString("JWTToken");

    Api.Reply changed = xphoto.api().post("/password/change", change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), caller);
    assertAnswer(200, "{\"success\":\"密码已修改，其他设备上的登录已失效。\"}", changed);

    assertEquals(200, xphoto.api().get("/userInfo", caller).status());
    assertAnswer(401, UNAUTHORIZED, xphoto.api().get("/userInfo", other));
    assertAnswer(401, "{\"error\":\"用户名或密码错误\"}", xphoto.api().signin(username, PASSWORD));
    Api.Reply signin = xphoto.api().signin(username, NEW_PASSWORD);
    assertEquals(200, signin.status());
    assertEquals(200, xphoto.api().get("/userInfo", signin.json().getString("JWTToken")).status());

    // the old password is no longer the old password
    assertAnswer(422, WRONG_OLD, xphoto.api().post("/password/change", change(PASSWORD, "a third password", "a third password"), caller));
    assertAnswer(200, "{\"success\":\"密码已修改，其他设备上的登录已失效。\"}",
        xphoto.api().post("/password/change", change(NEW_PASSWORD, PASSWORD, PASSWORD), caller));
  }
}
