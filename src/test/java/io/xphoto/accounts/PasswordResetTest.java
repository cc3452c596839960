package io.xphoto.accounts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Accounts;
import io.xphoto.support.Api;
import io.xphoto.support.Browser;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password reset by mail (docs/API.md "Password reset"), through the HTTP API, GreenMail and the page's form. */
@ExtendWith(VertxExtension.class)
class PasswordResetTest {

  static final String FORGOT_SENT = "如果该帐号存在并且填写了邮箱，我们已向该邮箱发送了一封重置密码的邮件，请查收。";
  static final String KEY_VALID = "重置链接有效，请设置新密码。";
  static final String RESET_OK = "密码已重置，请使用新密码登录。";
  static final String REFUSED = "重置链接无效或已过期，请重新申请。";
  static final String TOO_MANY = "请求过于频繁，请稍后再试。";
  static final String RESET_SUBJECT = "重置您的 xphoto 密码";
  private static final String NEW_PASSWORD = "new horse <&> 43";

  private static TestInstallation xphoto;
  private static Browser browser;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("throttle.mail-requests", "1000", "throttle.reset-attempts", "1000",
        "http.access-log", "true", "captcha.test-answer", ForumClient.CAPTCHA));
    browser = new Browser(xphoto.api());
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theMailsLinkOpensAFormWhosePostSetsThePasswordOnce() {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    log.start();
    String key;
    try {
      key = resetThroughThePage();
    } finally {
      root.detachAppender(log);
    }
    // the access log saw these requests, and neither the key nor a password
    List<String> lines;
    synchronized (log) {
      lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
    assertTrue(lines.stream().anyMatch(line -> line.contains("/password/reset")), lines.toString());
    for (String line : lines) {
      assertFalse(line.contains(key) || line.contains(NEW_PASSWORD) || line.contains(PASSWORD), line);
    }
  }

  /** The whole flow; the key it used. */
  private String resetThroughThePage() {
    String username = uniqueName("reset");
    String email = emailOf(username);
    String token = xphoto.activeUser(username);
    String secondToken = xphoto.api().signin(username, PASSWORD).json().getString("JWTToken");
    ForumClient forum = xphoto.browser();
    assertEquals(ForumClient.ok("/forum/main"), forum.login(username, PASSWORD).json());
    assertEquals(200, forum.get("/forum/user/info").status());
    assertEquals(200, xphoto.api().get("/userInfo", token).status());

    Api.Reply asked = xphoto.api().post("/password/forgot", new JsonObject().put("username", username));
    assertEquals(200, asked.status());
    assertEquals(new JsonObject().put("success", FORGOT_SENT), asked.json());
    MimeMessage mail = resetMail(email);
    assertEquals(RESET_SUBJECT, Mailbox.subject(mail));
    assertTrue(Mailbox.text(mail).contains("您好，" + username + "："), Mailbox.text(mail));
    assertTrue(Mailbox.text(mail).contains("1 小时内有效"), Mailbox.text(mail));
    String link = Mailbox.link(mail, "/password/reset");
    URI uri = URI.create(link);
    assertEquals(xphoto.server().settings().string("public.url"), uri.getScheme() + "://" + uri.getAuthority());
    assertTrue(uri.getRawQuery().matches("key=[A-Za-z0-9_-]{43}"), link);

    Api.Reply page = browser.open(link);
    assertEquals(200, page.status(), page.toString());
    assertPage(page);
    String html = page.body().toString();
    assertTrue(html.contains("<h1>重置密码</h1>"), html);
    Browser.Form form = Browser.formOf(link, html);
    assertEquals(URI.create(link).resolve("/password/reset"), form.action());
    assertEquals(List.of("key", "password", "repeat_password"), List.copyOf(form.inputs().keySet()));
    assertEquals("hidden", form.inputs().get("key").get("type"));
    assertEquals(uri.getRawQuery().substring(4), form.inputs().get("key").get("value"));
    assertEquals("password", form.inputs().get("password").get("type"));
    assertEquals("password", form.inputs().get("repeat_password").get("type"));

    Api.Reply result = browser.submit(form, Map.of("password", NEW_PASSWORD, "repeat_password", NEW_PASSWORD));
    assertEquals(200, result.status(), result.toString());
    assertPage(result);
    assertTrue(result.body().toString().contains("<p class=\"ok\">" + RESET_OK + "</p>"), result.body().toString());

    assertEquals(401, xphoto.api().signin(username, PASSWORD).status());
    assertEquals(200, xphoto.api().signin(username, NEW_PASSWORD).status());
    // every token and forum session of the account was ended before the answer
    assertError(xphoto.api().get("/userInfo", token), 401, "未登录或登录已过期。");
    assertError(xphoto.api().get("/userInfo", secondToken), 401, "未登录或登录已过期。");
    assertEquals(401, forum.get("/forum/user/info").status());

    // single use: the link and the form refuse it now, as pages and as JSON
    Api.Reply again = browser.open(link);
    assertEquals(422, again.status());
    assertPage(again);
    assertTrue(again.body().toString().contains("<p class=\"error\">" + REFUSED + "</p>"), again.body().toString());
    assertFalse(again.body().toString().contains("<form"));
    Api.Reply resubmitted = browser.submit(form, Map.of("password", "another one 44", "repeat_password", "another one 44"));
    assertEquals(422, resubmitted.status());
    assertTrue(resubmitted.body().toString().contains(REFUSED));
    assertRefused(xphoto.api().post("/password/reset", reset(form.inputs().get("key").get("value"), "another one 44")));
    assertEquals(200, xphoto.api().signin(username, NEW_PASSWORD).status());
    return form.inputs().get("key").get("value");
  }

  @Test
  void apiClientsGetJsonFromTheLink() {
    String username = uniqueName("jsonrs");
    xphoto.activeUser(username);
    xphoto.api().post("/password/forgot", new JsonObject().put("username", emailOf(username).toUpperCase()));
    String link = Mailbox.link(resetMail(emailOf(username)), "/password/reset");
    String path = link.substring(link.indexOf("/password/reset"));
    for (String accept : new String[] {null, "application/json", "*/*", "application/json, text/html;q=0.5",
        "text/html;q=0.8, application/json"}) {
      var request = xphoto.api().request(HttpMethod.GET, path, null);
      if (accept != null) {
        request.putHeader("Accept", accept);
      }
      Api.Reply reply = xphoto.api().send(request, null);
      assertEquals(200, reply.status(), accept);
      assertEquals("application/json; charset=utf-8", reply.header("Content-Type"), accept);
      assertEquals(new JsonObject().put("success", KEY_VALID), reply.json(), accept);
    }
    String key = URI.create(link).getRawQuery().substring(4);
    Api.Reply done = xphoto.api().post("/password/reset", reset(key, NEW_PASSWORD));
    assertEquals(200, done.status());
    assertEquals(new JsonObject().put("success", RESET_OK), done.json());
    assertRefused(xphoto.api().get(path));
    assertEquals(200, xphoto.api().signin(username, NEW_PASSWORD).status());
  }

  @Test
  void aPasswordBreakingARuleIsRefusedAndTheKeyStaysValid() {
    String username = uniqueName("rules");
    xphoto.activeUser(username);
    xphoto.api().post("/password/forgot", new JsonObject().put("username", username));
    String link = Mailbox.link(resetMail(emailOf(username)), "/password/reset");
    String key = URI.create(link).getRawQuery().substring(4);

    assertError(xphoto.api().post("/password/reset", reset(key, "short7!")), 422, "密码长度须为8到64个字符。");
    assertError(xphoto.api().post("/password/reset", reset(key, "x".repeat(65))), 422, "密码长度须为8到64个字符。");
    assertError(xphoto.api().post("/password/reset", reset(key, NEW_PASSWORD).put("repeat_password", "other password")), 422,
        "两次输入的密码不一致。");
    JsonObject noKey = reset(key, NEW_PASSWORD);
    noKey.remove("key");
    assertError(xphoto.api().post("/password/reset", noKey), 422, "缺少参数：key");
    assertError(xphoto.api().post("/password/reset", reset(key, NEW_PASSWORD).put("password", 42)), 422,
        "参数类型错误：password 应为字符串");
    assertError(xphoto.api().postRaw("/password/reset", "{bad"), 400, "请求格式错误，需要 JSON 对象。");
    assertError(xphoto.api().post("/password/reset", reset(key + "\u0000", NEW_PASSWORD)), 422, "请求中含有不允许的字符。");
    assertError(xphoto.api().post("/password/reset", reset("A".repeat(43), NEW_PASSWORD)), 422, REFUSED);

    // a browser's form with a short password gets the form again, with the message, and the key still works
    Api.Reply shortOne = browser.post("/password/reset", MultiMap.caseInsensitiveMultiMap()
        .add("key", key).add("password", "short").add("repeat_password", "short"));
    assertEquals(422, shortOne.status());
    assertPage(shortOne);
    String html = shortOne.body().toString();
    assertTrue(html.contains("<p class=\"error\">密码长度须为8到64个字符。</p>"), html);
    Browser.Form form = Browser.formOf(link, html);
    assertEquals(key, form.inputs().get("key").get("value"));
    Api.Reply done = browser.submit(form, Map.of("password", NEW_PASSWORD, "repeat_password", NEW_PASSWORD));
    assertEquals(200, done.status(), done.toString());
    assertEquals(401, xphoto.api().signin(username, PASSWORD).status());
    assertEquals(200, xphoto.api().signin(username, NEW_PASSWORD).status());
  }

  @Test
  void unknownInactiveAndKnownAccountsGetTheSameAnswerOnlyTheActiveOneAMail() throws Exception {
    String active = uniqueName("known");
    xphoto.activeUser(active);
    String inactive = uniqueName("sleepy");
    assertEquals(200, xphoto.api().post("/signup", signup(inactive, emailOf(inactive), PASSWORD)).status());
    xphoto.mailbox().awaitMessagesTo(emailOf(inactive), 1);
    String unknown = uniqueName("nobody");

    List<Api.Reply> replies = new ArrayList<>();
    for (String identifier : List.of(active, unknown, inactive, emailOf(unknown), "", "   ")) {
      replies.add(xphoto.api().post("/password/forgot", new JsonObject().put("username", identifier)));
    }
    for (Api.Reply reply : replies) {
      assertEquals(200, reply.status(), reply.toString());
      assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
      assertEquals(replies.get(0).body(), reply.body());
    }
    resetMail(emailOf(active));
    Thread.sleep(1500);
    assertEquals(0, xphoto.mailbox().messagesTo(emailOf(unknown)).size());
    assertEquals(1, xphoto.mailbox().messagesTo(emailOf(inactive)).size(), "only the activation mail");

    assertError(xphoto.api().post("/password/forgot", new JsonObject()), 422, "缺少参数：username");
    assertError(xphoto.api().post("/password/forgot", new JsonObject().put("username", 7)), 422, "参数类型错误：username 应为字符串");
  }

  @Test
  void anAccountGetsOneResetMailPerInterval() throws Exception {
    String username = uniqueName("bombed");
    xphoto.activeUser(username);
    for (int i = 0; i < 3; i++) {
      Api.Reply reply = xphoto.api().post("/password/forgot", new JsonObject().put("username", i == 1 ? emailOf(username) : username));
      assertEquals(new JsonObject().put("success", FORGOT_SENT), reply.json());
    }
    resetMail(emailOf(username));
    Thread.sleep(1500);
    assertEquals(1, resetMails(emailOf(username)).size());
  }

  /**
   * The answer does not tell an account that gets a mail from one that does not: the same statements either way,
   * so the times agree (medians, interleaved, each known account getting its first mail).
   */
  @Test
  void aKnownAccountAndAnUnknownOneTakeTheSameTime() {
    List<String> known = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      String username = uniqueName("timed");
      assertEquals(200, xphoto.api().post("/signup", signup(username, emailOf(username), PASSWORD)).status());
      String activation = Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(emailOf(username), 1).get(0));
      assertEquals(200, xphoto.api().getAbsolute(activation).status());
      known.add(username);
    }
    for (int i = 0; i < 20; i++) {
      xphoto.api().post("/password/forgot", new JsonObject().put("username", uniqueName("warmup")));
    }
    List<Long> knownTimes = new ArrayList<>();
    List<Long> unknownTimes = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      if (i % 2 == 0) {
        knownTimes.add(timed(known.get(i)));
        unknownTimes.add(timed(uniqueName("ghost")));
      } else {
        unknownTimes.add(timed(uniqueName("ghost")));
        knownTimes.add(timed(known.get(i)));
      }
    }
    long knownMedian = median(knownTimes);
    long unknownMedian = median(unknownTimes);
    System.out.printf("forgot: known %d us, unknown %d us (medians of %d)%n", knownMedian / 1000, unknownMedian / 1000,
        known.size());
    // far below a password hash (60 ms and more under load): a difference in work would show; the machine's noise
    // (two cores shared with other builds) does not allow a finer bound
    assertTrue(Math.abs(knownMedian - unknownMedian) < 15_000_000L,
        "known " + knownTimes + " unknown " + unknownTimes);
    for (String username : known) {
      resetMail(emailOf(username));
    }
  }

  @Test
  void anExpiredKeyIsRefused(Vertx vertx) throws Exception {
    try (XphotoServer shortLived = TestServer.start(xphoto.mailbox().port(), Map.of("password.reset-ttl", "1s"))) {
      Api shortApi = new Api(vertx, shortLived);
      String username = uniqueName("expiry");
      Accounts.activeUser(shortApi, xphoto.mailbox(), username);
      shortApi.post("/password/forgot", new JsonObject().put("username", username));
      MimeMessage mail = resetMail(emailOf(username));
      assertTrue(Mailbox.text(mail).contains("1 秒内有效"), Mailbox.text(mail));
      String link = Mailbox.link(mail, "/password/reset");
      Thread.sleep(1500);
      String key = URI.create(link).getRawQuery().substring(4);
      assertRefused(shortApi.get(link.substring(link.indexOf("/password/reset"))));
      assertRefused(shortApi.post("/password/reset", reset(key, NEW_PASSWORD)));
      Api.Reply page = new Browser(shortApi).open(link);
      assertEquals(422, page.status());
      assertTrue(page.body().toString().contains(REFUSED));
      assertEquals(200, shortApi.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD))
          .status());
    }
  }

  @Test
  void requestsAndKeyGuessesAreThrottledPerAddress(Vertx vertx) throws Exception {
    try (XphotoServer strict = TestServer.start(xphoto.mailbox().port(),
        Map.of("throttle.mail-requests", "3", "throttle.reset-attempts", "3"))) {
      Api strictApi = new Api(vertx, strict);
      String username = uniqueName("thrott");
      Accounts.activeUser(strictApi, xphoto.mailbox(), username);
      for (int i = 0; i < 3; i++) {
        assertEquals(200, strictApi.post("/password/forgot", new JsonObject().put("username", uniqueName("x"))).status());
      }
      Api.Reply refused = strictApi.post("/password/forgot", new JsonObject().put("username", username));
      assertTooMany(refused);
      Thread.sleep(1000);
      assertTrue(resetMails(emailOf(username)).isEmpty(), "a refused request sends nothing");

      for (int i = 0; i < 2; i++) {
        assertRefused(strictApi.post("/password/reset", reset("A".repeat(43), NEW_PASSWORD)));
      }
      assertRefused(strictApi.get("/password/reset?key=" + "B".repeat(43)));
      assertTooMany(strictApi.post("/password/reset", reset("A".repeat(43), NEW_PASSWORD)));
      // the body's checks (its schema, then the repeat) come before the throttle: answered, and no key tried
      assertError(strictApi.post("/password/reset", reset("A".repeat(43), "short7!")), 422, "密码长度须为8到64个字符。");
      assertError(strictApi.post("/password/reset", reset("A".repeat(43), NEW_PASSWORD).put("repeat_password", "other one")),
          422, "两次输入的密码不一致。");
      assertTooMany(strictApi.get("/password/reset?key=" + "B".repeat(43)));
      Api.Reply page = new Browser(strictApi).open(
          strict.settings().string("public.url") + "/password/reset?key=" + "C".repeat(43));
      assertEquals(429, page.status());
      assertTrue(page.header("Retry-After").matches("[1-9][0-9]*"), page.header("Retry-After"));
      assertTrue(page.body().toString().contains(TOO_MANY));

      // these requests are not failed sign-ins
      assertEquals(200, strictApi.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD))
          .status());
    }
  }

  static void assertPage(Api.Reply reply) {
    assertEquals("text/html; charset=utf-8", reply.header("Content-Type"));
    assertEquals("no-store", reply.header("Cache-Control"));
    assertEquals("no-referrer", reply.header("Referrer-Policy"));
    String html = reply.body().toString();
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<meta charset=\"utf-8\">"), html);
    assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
    assertFalse(html.toLowerCase().contains("<script"), html);
  }

  private static void assertTooMany(Api.Reply reply) {
    assertError(reply, 429, TOO_MANY);
    assertTrue(reply.header("Retry-After").matches("[1-9][0-9]*"), reply.header("Retry-After"));
  }

  private static void assertRefused(Api.Reply reply) {
    assertError(reply, 422, REFUSED);
  }

  static void assertError(Api.Reply reply, int status, String message) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
    assertEquals(new JsonObject().put("error", message), reply.json());
  }

  private long timed(String username) {
    long start = System.nanoTime();
    Api.Reply reply = xphoto.api().post("/password/forgot", new JsonObject().put("username", username));
    long took = System.nanoTime() - start;
    assertEquals(200, reply.status());
    return took;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static JsonObject reset(String key, String password) {
    return new JsonObject().put("key", key).put("password", password).put("repeat_password", password);
  }

  private static MimeMessage resetMail(String email) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      List<MimeMessage> mails = resetMails(email);
      if (!mails.isEmpty()) {
        return mails.get(mails.size() - 1);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("no reset mail to " + email);
  }

  private static List<MimeMessage> resetMails(String email) {
    return xphoto.mailbox().messagesTo(email).stream().filter(m -> RESET_SUBJECT.equals(Mailbox.subject(m))).toList();
  }
}
