package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Jwts;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@ExtendWith(VertxExtension.class)
class SigninTest {

  private static final JsonObject WRONG = new JsonObject().put("error", "用户名或密码错误");
  private static final JsonObject UNAUTHORIZED = new JsonObject().put("error", "未登录或登录已过期。");

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    // the address limit is raised here: every test signs in from 127.0.0.1 (ThrottlingTest checks it)
    xphoto = TestInstallation.start(vertx, Map.of("throttle.address-failures", "1000"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void signinByUsernameOrEmailGivesAJwtThatUserInfoReads() throws Exception {
    String username = uniqueName("Henry");
    xphoto.activeUser(username);
    for (JsonObject credentials : List.of(
        new JsonObject().put("username", username.toLowerCase()).put("password", PASSWORD),
        new JsonObject().put("username", emailOf(username).toUpperCase()).put("password", PASSWORD),
        new JsonObject().put("email", emailOf(username)).put("password", PASSWORD))) {
      Api.Reply reply = xphoto.api().post("/signin", credentials);
      assertEquals(200, reply.status(), credentials.encode());
      assertEquals("登录成功！", reply.json().getString("success"));
      String token = reply.json().getString("JWTToken");

      assertEquals("HS256", Jwts.header(token).getString("alg"));
      JsonObject claims = Jwts.payload(token);
      assertEquals(username, claims.getString("username"));
      assertEquals(claims.getString("sub"), claims.getString("id"));
      assertEquals(7 * 24 * 3600, claims.getLong("exp") - claims.getLong("iat"));
      assertNotNull(claims.getString("jti"));

      Api.Reply info = xphoto.api().get("/userInfo", token);
      assertEquals(200, info.status());
      assertEquals(new JsonObject()
          .put("id", claims.getString("id"))
          .put("username", username)
          .put("email", emailOf(username))
          .put("iat", claims.getLong("iat")), info.json());
    }
  }

  @Test
  void wrongPasswordAndUnknownAccountGetTheSameAnswer() throws Exception {
    String username = uniqueName("irene");
    xphoto.activeUser(username);
    for (JsonObject credentials : List.of(
        new JsonObject().put("username", username).put("password", PASSWORD + "x"),
        new JsonObject().put("username", "nobody" + username).put("password", PASSWORD))) {
      Api.Reply reply = xphoto.api().post("/signin", credentials);
      assertEquals(401, reply.status());
      assertEquals(WRONG, reply.json());
    }
  }

  @Test
  void anInactiveAccountIsToldWhereTheLinkWentAndGetsANewMailAtMostEveryFiveMinutes() throws Exception {
    String username = uniqueName("jack");
    String email = emailOf(username);
    assertEquals(200, xphoto.api().post("/signup", signup(username, email, PASSWORD)).status());
    String firstLink = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(email, 1).get(0));

    JsonObject expected = new JsonObject().put("error", "此帐号还没有被激活，激活链接已发送到 " + email + " 邮箱，请查收。");
    Api.Reply first = xphoto.api().signin(username, PASSWORD);
    assertEquals(403, first.status());
    assertEquals(expected, first.json());
    Api.Reply second = xphoto.api().signin(username, PASSWORD);
    assertEquals(403, second.status());
    assertEquals(expected, second.json());
    Thread.sleep(2000);
    assertEquals(1, xphoto.mailbox().messagesTo(email).size(), "within 5 minutes of the sign-up mail, no new mail");

    Api.Reply wrongPassword = xphoto.api().signin(username, "not the password");
    assertEquals(401, wrongPassword.status(), "an inactive account does not reveal its email to a wrong password");
    assertEquals(200, xphoto.api().getAbsolute(firstLink).status());
  }

  @Test
  void aResentMailCarriesAFreshWorkingLink(Vertx vertx) throws Exception {
    try (XphotoServer quick = TestServer.start(xphoto.mailbox().port(), Map.of("activation.resend-interval", "1s"))) {
      Api quickApi = new Api(vertx, quick);
      String username = uniqueName("kate");
      String email = emailOf(username);
      assertEquals(200, quickApi.post("/signup", signup(username, email, PASSWORD)).status());
      xphoto.mailbox().awaitMessagesTo(email, 1);
      Thread.sleep(1100);
      assertEquals(403, quickApi.signin(username, PASSWORD).status());
      String resent = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(email, 2).get(1));
      assertEquals(200, quickApi.getAbsolute(resent).status());
      assertEquals(200, quickApi.signin(username, PASSWORD).status());
    }
  }

  @Test
  void badTokensAreRefused() throws Exception {
    String username = uniqueName("liam");
    String token = xphoto.activeUser(username);
    JsonObject claims = Jwts.payload(token);
    long now = System.currentTimeMillis() / 1000;

    List<String> headers = new ArrayList<>(List.of(
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer not.a.jwt",
        "Bearer " + token.substring(0, token.length() - 2),
        "Bearer " + Jwts.unsigned(claims),
        "Bearer " + Jwts.hmac("HS512", claims, TestServer.JWT_SECRET),
        "Bearer " + Jwts.hmac("HS256", claims, TestServer.JWT_SECRET + "-wrong"),
        "Bearer " + Jwts.hmac("HS256", claims.copy().put("iat", now - 100).put("exp", now - 10), TestServer.JWT_SECRET)));
    String[] parts = token.split("\\.");
    String tamperedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.copy().put("username", "admin").encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    headers.add("Bearer " + parts[0] + "." + tamperedPayload + "." + parts[2]);

    for (String header : headers) {
      var request = xphoto.api().request(io.vertx.core.http.HttpMethod.GET, "/userInfo", null);
      if (!header.isEmpty()) {
        request.putHeader("Authorization", header);
      }
      Api.Reply reply = xphoto.api().send(request, null);
      assertEquals(401, reply.status(), header);
      assertEquals(UNAUTHORIZED, reply.json(), header);
      assertEquals("Bearer", reply.header("WWW-Authenticate"), header);
    }
    // the same forgery signed with the right key and algorithm passes: the refusals above are not an accident
    assertEquals(200, xphoto.api().get("/userInfo", Jwts.hmac("HS256", claims, TestServer.JWT_SECRET)).status());
  }

  @Test
  void signoutRevokesThatTokenOnly() throws Exception {
    String username = uniqueName("mona");
    String token = xphoto.activeUser(username);
    String other = xphoto.api().signin(username, PASSWORD).json().getString("JWTToken");
    assertNotEquals(token, other);

    Api.Reply out = xphoto.api().post("/signout", null, token);
    assertEquals(200, out.status());
    assertEquals(new JsonObject().put("success", "已退出登录。"), out.json());

    assertEquals(401, xphoto.api().get("/userInfo", token).status());
    assertEquals(UNAUTHORIZED, xphoto.api().post("/signout", null, token).json());
    assertEquals(200, xphoto.api().get("/userInfo", other).status());
  }
}
