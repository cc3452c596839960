package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Accounts;
import io.xphoto.support.Api;
import io.xphoto.support.Browser;
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

import static io.xphoto.accounts.PasswordResetTest.assertError;
import static io.xphoto.accounts.PasswordResetTest.assertPage;
import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Email change (docs/API.md "Email change"), through the HTTP API and GreenMail. */
@ExtendWith(VertxExtension.class)
class EmailChangeTest {

  static final String SENT = "确认邮件已发送到新邮箱，请点击里面的链接完成更换。";
  static final String CONFIRMED = "新邮箱已确认，帐号的邮箱已更换。";
  static final String REFUSED = "确认链接无效或已过期。";
  static final String TAKEN = "用户名或邮箱已被使用。";
  static final String WRONG_PASSWORD = "密码错误。";
  static final String CONFIRM_SUBJECT = "确认您的 xphoto 新邮箱";
  static final String NOTICE_SUBJECT = "您的 xphoto 帐号正在更换邮箱";

  private static TestInstallation xphoto;
  private static Browser browser;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("throttle.mail-requests", "1000"));
    browser = new Browser(xphoto.api());
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theNewAddressIsTheAccountsOnlyOnceConfirmed() {
    String username = uniqueName("mover");
    String oldEmail = emailOf(username);
    // not containing the old address: the mailbox finds mails by a substring of the recipient
    String newEmail = username.toLowerCase() + "@new.example.net";
    String token = xphoto.activeUser(username);

    Api.Reply asked = change(token, newEmail, PASSWORD);
    assertEquals(200, asked.status(), asked.toString());
    assertEquals(new JsonObject().put("success", SENT), asked.json());

    MimeMessage confirmation = xphoto.mailbox().awaitMessagesTo(newEmail, 1).get(0);
    assertEquals(CONFIRM_SUBJECT, Mailbox.subject(confirmation));
    assertTrue(Mailbox.text(confirmation).contains("48 小时内有效"), Mailbox.text(confirmation));
    String link = Mailbox.link(confirmation, "/email/confirm");
    URI uri = URI.create(link);
    assertEquals(xphoto.server().settings().string("public.url"), uri.getScheme() + "://" + uri.getAuthority());
    assertTrue(uri.getRawQuery().matches("key=[A-Za-z0-9_-]{43}"), link);
    String key = uri.getRawQuery().substring(4);

    MimeMessage notice = xphoto.mailbox().awaitMessagesTo(oldEmail, 2).stream()
        .filter(m -> NOTICE_SUBJECT.equals(Mailbox.subject(m))).findFirst().orElseThrow();
    String noticeText = Mailbox.text(notice);
    assertTrue(noticeText.contains(newEmail), noticeText);
    assertFalse(noticeText.contains("http"), "no link in the notice: " + noticeText);
    assertFalse(noticeText.contains(key), noticeText);

    // nothing changed yet
    assertEquals(200, signin(oldEmail).status());
    assertEquals(401, signin(newEmail).status());

    Api.Reply confirmed = xphoto.api().getAbsolute(link);
    assertEquals(200, confirmed.status(), confirmed.toString());
    assertEquals("application/json; charset=utf-8", confirmed.header("Content-Type"));
    assertEquals(new JsonObject().put("success", CONFIRMED), confirmed.json());
    assertEquals(401, signin(oldEmail).status());
    assertEquals(200, signin(newEmail).status());

    assertError(xphoto.api().getAbsolute(link), 422, REFUSED);
    // the account's address is the new one for everything, e.g. a reset mail goes there
    xphoto.api().post("/password/forgot", new JsonObject().put("username", username));
    MimeMessage reset = xphoto.mailbox().awaitMessagesTo(newEmail, 2).get(1);
    assertEquals(PasswordResetTest.RESET_SUBJECT, Mailbox.subject(reset));
  }

  @Test
  void aBrowserGetsPagesForTheLink() {
    String username = uniqueName("pager");
    String newEmail = "page." + emailOf(username);
    String token = xphoto.activeUser(username);
    assertEquals(200, change(token, newEmail, PASSWORD).status());
    String link = Mailbox.link(xphoto.mailbox().awaitMessagesTo(newEmail, 1).get(0), "/email/confirm");

    Api.Reply page = browser.open(link);
    assertEquals(200, page.status());
    assertPage(page);
    assertTrue(page.body().toString().contains("<h1>确认新邮箱</h1>"), page.body().toString());
    assertTrue(page.body().toString().contains("<p class=\"ok\">" + CONFIRMED + "</p>"), page.body().toString());
    Api.Reply again = browser.open(link);
    assertEquals(422, again.status());
    assertPage(again);
    assertTrue(again.body().toString().contains("<p class=\"error\">" + REFUSED + "</p>"), again.body().toString());
    Api.Reply noKey = browser.open(xphoto.server().settings().string("public.url") + "/email/confirm");
    assertEquals(422, noKey.status());
    assertTrue(noKey.body().toString().contains(REFUSED));
    assertError(xphoto.api().get("/email/confirm"), 422, REFUSED);
    assertError(xphoto.api().get("/email/confirm?key=" + "A".repeat(43)), 422, REFUSED);
  }

  @Test
  void anAddressTakenByAnotherAccountIsRefusedAtTheRequestAndAtTheConfirmation() throws Exception {
    String username = uniqueName("taker");
    String token = xphoto.activeUser(username);
    String other = uniqueName("owner");
    xphoto.activeUser(other);

    assertError(change(token, emailOf(other).toUpperCase(), PASSWORD), 422, TAKEN);

    String wanted = "wanted." + emailOf(username);
    assertEquals(200, change(token, wanted, PASSWORD).status());
    String link = Mailbox.link(xphoto.mailbox().awaitMessagesTo(wanted, 1).get(0), "/email/confirm");
    // someone signs up with that address before the link is followed
    String late = uniqueName("late");
    assertEquals(200, xphoto.api().post("/signup", signup(late, wanted.toUpperCase(), PASSWORD)).status());
    assertError(xphoto.api().getAbsolute(link), 422, TAKEN);
    Api.Reply page = browser.open(link);
    assertEquals(422, page.status());
    assertTrue(page.body().toString().contains("<p class=\"error\">" + TAKEN + "</p>"), page.body().toString());
    assertEquals(200, signin(emailOf(username)).status(), "the address did not change");
    Thread.sleep(1000);
    assertEquals(1, xphoto.mailbox().messagesTo(emailOf(other)).size(), "the activation mail and nothing else: "
        + xphoto.mailbox().messagesTo(emailOf(other)).stream().map(Mailbox::subject).toList());
  }

  @Test
  void theAddressAndThePasswordAreChecked() throws Exception {
    String username = uniqueName("checks");
    String token = xphoto.activeUser(username);
    String target = "checked." + emailOf(username);
    assertError(change(token, "not-an-email", PASSWORD), 422, "邮箱格式不正确。");
    assertError(change(token, "a@b", PASSWORD), 422, "邮箱格式不正确。");
    assertError(xphoto.api().post("/email/change", new JsonObject().put("email", target), token), 422, "缺少参数：password");
    assertError(xphoto.api().post("/email/change", new JsonObject().put("email", 5).put("password", PASSWORD), token), 422,
        "参数类型错误：email 应为字符串");
    assertError(xphoto.api().postRaw("/email/change", "{bad"), 401, "未登录或登录已过期。");
    assertError(change(null, target, PASSWORD), 401, "未登录或登录已过期。");
    assertError(change(token, target, "wrong password"), 422, WRONG_PASSWORD);
    Thread.sleep(1000);
    assertTrue(xphoto.mailbox().messagesTo(target).isEmpty(), "no refused request sent a mail");
    assertEquals(1, xphoto.mailbox().messagesTo(emailOf(username)).size(), "only the activation mail");
  }

  @Test
  void wrongPasswordsCountAsFailedSignins() {
    String username = uniqueName("guessr");
    String token = xphoto.activeUser(username);
    for (int i = 0; i < 5; i++) {
      assertError(change(token, "guess." + emailOf(username), "wrong password " + i), 422, WRONG_PASSWORD);
    }
    Api.Reply throttled = change(token, "guess." + emailOf(username), PASSWORD);
    assertError(throttled, 429, "登录失败次数过多，请稍后再试。");
    assertTrue(throttled.header("Retry-After").matches("[1-9][0-9]*"));
    assertError(signin(username), 429, "登录失败次数过多，请稍后再试。");
  }

  @Test
  void anExpiredLinkIsRefusedAndRequestsAreThrottledPerAddress(Vertx vertx) throws Exception {
    try (XphotoServer strict = TestServer.start(xphoto.mailbox().port(),
        Map.of("email.confirm-ttl", "1s", "throttle.mail-requests", "2"))) {
      Api strictApi = new Api(vertx, strict);
      String username = uniqueName("expire");
      String token = Accounts.activeUser(strictApi, xphoto.mailbox(), username);
      String newEmail = "late." + emailOf(username);
      assertEquals(200, strictApi.post("/email/change",
          new JsonObject().put("email", newEmail).put("password", PASSWORD), token).status());
      MimeMessage mail = xphoto.mailbox().awaitMessagesTo(newEmail, 1).get(0);
      assertTrue(Mailbox.text(mail).contains("1 秒内有效"), Mailbox.text(mail));
      Thread.sleep(1500);
      assertError(strictApi.getAbsolute(Mailbox.link(mail, "/email/confirm")), 422, REFUSED);

      assertEquals(200, strictApi.post("/email/change",
          new JsonObject().put("email", "second." + newEmail).put("password", PASSWORD), token).status());
      Api.Reply refused = strictApi.post("/email/change",
          new JsonObject().put("email", "third." + newEmail).put("password", PASSWORD), token);
      assertError(refused, 429, PasswordResetTest.TOO_MANY);
      assertTrue(refused.header("Retry-After").matches("[1-9][0-9]*"));
      Thread.sleep(1000);
      assertEquals(List.of(), xphoto.mailbox().messagesTo("third." + newEmail));
    }
  }

  private static Api.Reply change(String token, String email, String password) {
    return xphoto.api().post("/email/change", new JsonObject().put("email", email).put("password", password), token);
  }

  private static Api.Reply signin(String identifier) {
    return xphoto.api().signin(identifier, PASSWORD);
  }
}
