package io.xphoto.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class SignupAndActivationTest {

  private static final String SIGNUP_OK = "欢迎加入 xphoto！我们已给您的注册邮箱发送了一封邮件，请点击里面的链接来激活您的帐号。";
  private static final String REFUSED = "帐号已经是激活状态。";

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of());
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void signupSendsAMailWhoseLinkActivatesOnce() throws Exception {
    String username = uniqueName("Alice");
    String email = emailOf(username);

    Api.Reply reply = xphoto.api().post("/signup", signup(username, email, PASSWORD));
    assertEquals(200, reply.status());
    assertEquals(new JsonObject().put("success", SIGNUP_OK), reply.json());

    MimeMessage mail = xphoto.mailbox().awaitMessagesTo(email, 1).get(0);
    assertEquals("激活您的 xphoto 帐号", Mailbox.subject(mail));
    String link = Mailbox.activationLink(mail);
    URI uri = URI.create(link);
    assertEquals(xphoto.server().settings().string("public.url"), uri.getScheme() + "://" + uri.getAuthority());
    assertEquals("/active_account", uri.getPath());
    assertTrue(uri.getQuery().contains("username=" + username), link);
    assertTrue(uri.getQuery().matches("key=[A-Za-z0-9_-]{43}&username=.*"), link);

    Api.Reply before = signin(username);
    assertEquals(403, before.status());

    Api.Reply activated = xphoto.api().getAbsolute(link);
    assertEquals(200, activated.status());
    assertEquals(new JsonObject().put("success", "帐号已被激活，请登录"), activated.json());

    Api.Reply again = xphoto.api().getAbsolute(link);
    assertEquals(422, again.status());
    assertEquals(new JsonObject().put("error", REFUSED), again.json());

    assertEquals(200, signin(username).status());
  }

  @Test
  void wrongKeyUnknownAccountAndMissingParametersAllGetTheSameAnswer() throws Exception {
    String username = uniqueName("bob");
    xphoto.api().post("/signup", signup(username, emailOf(username), PASSWORD));
    String link = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(emailOf(username), 1).get(0));
    String key = URI.create(link).getQuery().replaceAll("key=([^&]+)&.*", "$1");

    for (String path : List.of(
        "/active_account?key=" + "A".repeat(43) + "&username=" + username,
        "/active_account?key=" + key + "&username=nobody" + username,
        "/active_account?key=" + key,
        "/active_account?username=" + username,
        "/active_account")) {
      Api.Reply reply = xphoto.api().get(path);
      assertEquals(422, reply.status(), path);
      assertEquals(new JsonObject().put("error", REFUSED), reply.json(), path);
    }
    assertEquals(200, xphoto.api().get("/active_account?key=" + key + "&username=" + username.toUpperCase()).status());
  }

  @Test
  void takenUsernameOrEmailIsRefusedCaseInsensitively() throws Exception {
    String username = uniqueName("carol");
    String email = emailOf(username);
    assertEquals(200, xphoto.api().post("/signup", signup(username, email, PASSWORD)).status());
    xphoto.mailbox().awaitMessagesTo(email, 1);

    JsonObject taken = new JsonObject().put("error", "用户名或邮箱已被使用。");
    Api.Reply sameName = xphoto.api().post("/signup", signup(username.toUpperCase(), "other" + email, PASSWORD));
    assertEquals(422, sameName.status());
    assertEquals(taken, sameName.json());
    Api.Reply sameEmail = xphoto.api().post("/signup", signup(uniqueName("dave"), email.toUpperCase(), PASSWORD));
    assertEquals(422, sameEmail.status());
    assertEquals(taken, sameEmail.json());

    Thread.sleep(1500);
    assertEquals(1, xphoto.mailbox().messagesTo(email).size(), "a refused sign-up sends no mail");
    assertEquals(0, xphoto.mailbox().messagesTo("other" + email).size());
  }

  @Test
  void eachBrokenRuleHasItsOwnMessage() {
    String ok = uniqueName("erin");
    assertRefused(signup("abcd", emailOf(ok), PASSWORD), "用户名至少需要5个字符。");
    assertRefused(signup("a".repeat(33), emailOf(ok), PASSWORD), "用户名不能超过32个字符。");
    assertRefused(signup("bad name!", emailOf(ok), PASSWORD), "用户名只能包含字母、数字、“-”和“_”。");
    assertRefused(signup("用户名用户名", emailOf(ok), PASSWORD), "用户名只能包含字母、数字、“-”和“_”。");
    assertRefused(signup(ok, "not-an-email", PASSWORD), "邮箱格式不正确。");
    assertRefused(signup(ok, "a@b", PASSWORD), "邮箱格式不正确。");
    assertRefused(signup(ok, emailOf(ok), "short7!"), "密码长度须为8到64个字符。");
    assertRefused(signup(ok, emailOf(ok), "x".repeat(65)), "密码长度须为8到64个字符。");
    assertRefused(signup(ok, emailOf(ok), PASSWORD).put("repeat_password", PASSWORD + "!"), "两次输入的密码不一致。");
    assertRefused(signup(ok, emailOf(ok), PASSWORD).put("username", null), "缺少参数：username");
    assertRefused(signup(ok, emailOf(ok), PASSWORD).put("email", 42), "参数类型错误：email 应为字符串");
    JsonObject noRepeat = signup(ok, emailOf(ok), PASSWORD);
    noRepeat.remove("repeat_password");
    assertRefused(noRepeat, "缺少参数：repeat_password");
    // none of these created the account
    assertEquals(200, xphoto.api().post("/signup", signup(ok, emailOf(ok), PASSWORD)).status());
  }

  @Test
  void twentyParallelSignupsOfOneNameGiveOneAccount() throws Exception {
    String username = uniqueName("frank");
    List<Future<Api.Reply>> replies = IntStream.range(0, 20)
        .mapToObj(i -> xphoto.api().sendAsync(xphoto.api().request(HttpMethod.POST, "/signup", null),
            signup(username, i + emailOf(username), PASSWORD).toBuffer()))
        .toList();
    Api.join(Future.all(replies));
    List<Integer> statuses = replies.stream().map(f -> f.result().status()).sorted().toList();
    assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
    assertEquals(19, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
  }

  @Test
  void anExpiredActivationKeyIsRefused(Vertx vertx) throws Exception {
    try (XphotoServer shortLived = TestServer.start(xphoto.mailbox().port(), Map.of("activation.ttl", "1s"))) {
      Api shortApi = new Api(vertx, shortLived);
      String username = uniqueName("grace");
      assertEquals(200, shortApi.post("/signup", signup(username, emailOf(username), PASSWORD)).status());
      String link = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(emailOf(username), 1).get(0));
      Thread.sleep(1500);
      Api.Reply reply = shortApi.getAbsolute(link);
      assertEquals(422, reply.status());
      assertEquals(new JsonObject().put("error", REFUSED), reply.json());
    }
  }

  private static void assertRefused(JsonObject body, String message) {
    Api.Reply reply = xphoto.api().post("/signup", body);
    assertEquals(422, reply.status(), body.encode());
    assertEquals(new JsonObject().put("error", message), reply.json(), body.encode());
  }

  private static Api.Reply signin(String username) {
    return xphoto.api().signin(username, PASSWORD);
  }
}
