package io.xphoto.accounts;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Sql;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestTotp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-step verification (TOTP, RFC 6238) through the real HTTP API on a real database: setup, enable, sign-ins on
 * both surfaces with and without the code, the ±1 step window, no replay (in sequence and in parallel), single-use
 * recovery codes, throttled codes, disable; the secret never in a log nor in any answer but setup's. The codes are
 * computed by the test's own RFC 6238 ({@link TestTotp}), checked against the RFC's test vectors.
 */
@ExtendWith(VertxExtension.class)
class TotpTest {

  private static final String CODE_REQUIRED = "此帐号已开启两步验证，请输入两步验证码。";
  private static final String WRONG_CODE = "两步验证码错误或已被使用。";
  private static final String FORUM_CODE_REQUIRED = "此帐号已开启两步验证，请填写两步验证码。";
  private static final String FORUM_WRONG_CODE = "两步验证码错误或已被使用。";
  private static final String RECOVERY_CODE = "[a-z2-7]{4}(-[a-z2-7]{4}){3}";

  private static TestInstallation xphoto;
  private static Sql sql;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    DatabaseTarget database = TestPostgres.freshDatabase();
    sql = new Sql(database);
    // the address limit is shared by every test of the class (all from 127.0.0.1); the per-account one is the default
    xphoto = TestInstallation.startOn(vertx, database, Map.of("captcha.test-answer", CAPTCHA, "http.access-log", "true",
        "throttle.address-failures", "1000"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theTestsTotpGivesRfc6238sTestVectors() {
    byte[] secret = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    // RFC 6238 appendix B, SHA1: Unix time -> 8-digit TOTP
    Map<Long, String> vectors = Map.of(59L, "94287082", 1111111109L, "07081804", 1111111111L, "14050471",
        1234567890L, "89005924", 2000000000L, "69279037", 20000000000L, "65353130");
    vectors.forEach((time, code) -> assertEquals(code, TestTotp.code(secret, time / 30, 8), "T=" + time));
    assertEquals("287082", TestTotp.code(secret, 59 / 30, 6));
    assertArrayEquals("foobar".getBytes(StandardCharsets.US_ASCII), TestTotp.base32Decode("MZXW6YTBOI"));
  }

  @Test
  void setupEnableSignInWithTheCodeOnceEachAndDisable() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(log);
    log.start();
    List<String> secrets = new ArrayList<>();
    List<String> recoveryCodes;
    List<String> answers = new ArrayList<>();
    try {
      recoveryCodes = theWholeFlow(secrets, answers);
    } finally {
      root.detachAppender(log);
    }
    List<String> lines;
    synchronized (log) {
      lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
    assertTrue(lines.stream().anyMatch(line -> line.contains("/totp/enable")), "the access log saw the requests");
    for (String line : lines) {
      for (String secret : secrets) {
        assertFalse(line.contains(secret), line);
      }
      for (String code : recoveryCodes) {
        assertFalse(line.contains(code), line);
      }
    }
    for (String answer : answers) {
      for (String secret : secrets) {
        assertFalse(answer.contains(secret), answer);
      }
    }
  }

  private List<String> theWholeFlow(List<String> secrets, List<String> answers) throws Exception {
    String username = uniqueName("totp");
    String token = xphoto.activeUser(username);
    long userId = Long.parseLong(xphoto.api().get("/userInfo", token).json().getString("id"));

    assertEquals(401, xphoto.api().post("/totp/setup", null).status());
    assertEquals(new JsonObject().put("error", "请先获取两步验证密钥（POST /totp/setup）。"),
        enable(token, "123456").json());

    Setup first = setup(token, username);
    Setup second = setup(token, username);
    secrets.add(first.base32());
    secrets.add(second.base32());
    assertNotEquals(first.base32(), second.base32(), "a new setup makes a new secret");
    // the sealed secret in the database is not the secret
    String sealed = (String) sql.rows("SELECT secret_sealed FROM totp_secrets WHERE user_id = ?", userId)
        .get(0).get("secret_sealed");
    assertFalse(sealed.contains(second.base32()));
    assertFalse(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)
        .contains(new String(second.secret(), StandardCharsets.ISO_8859_1)));
    // a sign-in before enable needs no code
    assertEquals(200, xphoto.api().signin(username, PASSWORD).status());

    TestTotp.awayFromStepEdge(10_000);
    long step = TestTotp.stepNow();
    assertEquals(new JsonObject().put("error", WRONG_CODE), enable(token, code(first, step)).json(),
        "the replaced secret's code");
    Api.Reply outside = enable(token, code(second, step - 2));
    assertEquals(422, outside.status());
    assertEquals(new JsonObject().put("error", WRONG_CODE), outside.json(), "two steps back: outside the window");
    assertEquals(new JsonObject().put("error", "缺少参数：code"),
        xphoto.api().post("/totp/enable", new JsonObject(), token).json());
    Api.Reply enabled = enable(token, code(second, step - 1));
    assertEquals(200, enabled.status(), enabled.toString());
    assertEquals("no-store", enabled.header("Cache-Control"));
    assertEquals("两步验证已开启。请妥善保存恢复码：每个恢复码只能使用一次。", enabled.json().getString("success"));
    List<String> recovery = enabled.json().getJsonArray("recoveryCodes").stream().map(String.class::cast).toList();
    assertEquals(10, recovery.size());
    assertEquals(10, new HashSet<>(recovery).size());
    recovery.forEach(code -> assertTrue(code.matches(RECOVERY_CODE), code));
    assertEquals(new JsonObject().put("error", "两步验证已开启；如需更换密钥，请先关闭两步验证。"),
        xphoto.api().post("/totp/setup", null, token).json());
    assertEquals(409, enable(token, code(second, step)).status());

    // the password first: only the right one learns that a code is needed
    assertEquals(new JsonObject().put("error", "用户名或密码错误"), signin(username, "wrong password", null).json());
    assertEquals(new JsonObject().put("error", "用户名或密码错误"),
        signin(username, "wrong password", code(second, step)).json());
    Api.Reply required = signin(username, PASSWORD, null);
    assertEquals(401, required.status());
    assertEquals(new JsonObject().put("error", CODE_REQUIRED).put("totp", "required"), required.json());
    // enable spent its code's step
    assertWrongCode(signin(username, PASSWORD, code(second, step - 1)));

    // (up to 5 failures in a row from this address before a success clears them: the per-account limit)
    Api.Reply signedIn = signin(username, PASSWORD, code(second, step));
    assertEquals(200, signedIn.status(), signedIn.toString());
    String newToken = signedIn.json().getString("JWTToken");
    answers.add(signedIn.body().toString());
    assertEquals(new JsonObject().put("error", CODE_REQUIRED).put("totp", "required"),
        signin(username, PASSWORD, "").json());
    assertWrongCode(signin(username, PASSWORD, code(second, step)));
    assertEquals(200, signin(username, PASSWORD, code(second, step + 1)).status(), "one step ahead: in the window");
    // two steps ahead of the server's clock (read again: the sign-ins above take a while on a loaded machine)
    TestTotp.awayFromStepEdge(3_000);
    assertWrongCode(signin(username, PASSWORD, code(second, TestTotp.stepNow() + 2)));
    assertWrongCode(signin(username, PASSWORD, "12345"));

    // recovery codes: each once; dashes and case do not matter
    assertEquals(200, signin(username, PASSWORD, recovery.get(0)).status());
    assertWrongCode(signin(username, PASSWORD, recovery.get(0)));
    assertEquals(200, signin(username, PASSWORD, recovery.get(1).replace("-", "").toUpperCase(Locale.ROOT)).status());
    assertWrongCode(signin(username, PASSWORD, "aaaa-bbbb-cccc-dddd"));

    Api.Reply userInfo = xphoto.api().get("/userInfo", newToken);
    assertEquals(200, userInfo.status());
    answers.add(userInfo.body().toString());
    Api.Reply export = xphoto.api().get("/account/export", newToken);
    assertEquals(200, export.status());
    answers.add(export.body().toString());

    assertEquals(new JsonObject().put("error", "密码错误，两步验证未关闭。"),
        disable(newToken, "wrong password", recovery.get(2)).json());
    Api.Reply wrongCode = disable(newToken, PASSWORD, "000000");
    assertEquals(403, wrongCode.status());
    assertEquals(new JsonObject().put("error", "两步验证码错误或已被使用，两步验证未关闭。"), wrongCode.json());
    assertEquals(403, disable(newToken, PASSWORD, recovery.get(0)).status(), "a used recovery code");
    Api.Reply disabled = disable(newToken, PASSWORD, recovery.get(2));
    assertEquals(200, disabled.status(), disabled.toString());
    assertEquals(new JsonObject().put("success", "两步验证已关闭。"), disabled.json());
    assertEquals(0, sql.rows("SELECT 1 FROM totp_secrets WHERE user_id = ?", userId).size());
    assertEquals(0, sql.rows("SELECT 1 FROM totp_recovery_codes WHERE user_id = ?", userId).size());
    assertEquals(new JsonObject().put("error", "两步验证未开启。"), disable(newToken, PASSWORD, recovery.get(3)).json());
    assertEquals(200, xphoto.api().signin(username, PASSWORD).status(), "the password alone again");
    return recovery;
  }

  @Test
  void failedCodesAreThrottledAsFailedPasswords() {
    String username = uniqueName("totpguess");
    Setup setup = enabledAccount(username);
    TestTotp.awayFromStepEdge(8_000);
    long step = TestTotp.stepNow();
    String wrong = code(setup, step).equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 5; i++) {
      assertWrongCode(signin(username, PASSWORD, wrong));
    }
    Api.Reply refused = signin(username, PASSWORD, code(setup, step));
    assertEquals(429, refused.status(), refused.toString());
    assertEquals(new JsonObject().put("error", "登录失败次数过多，请稍后再试。"), refused.json());
    assertTrue(refused.header("Retry-After").matches("[1-9][0-9]*"));
  }

  @Test
  void ofParallelSignInsWithOneCodeExactlyOneSucceeds() {
    String username = uniqueName("totprace");
    Setup setup = enabledAccount(username);
    TestTotp.awayFromStepEdge(8_000);
    String code = code(setup, TestTotp.stepNow() + 1);
    List<Future<Api.Reply>> replies = IntStream.range(0, 4)
        .mapToObj(i -> xphoto.api().sendAsync(xphoto.api().request(HttpMethod.POST, "/signin", null),
            new JsonObject().put("username", username).put("password", PASSWORD).put("totp", code).toBuffer()))
        .toList();
    List<Integer> statuses = replies.stream().map(reply -> Api.join(reply).status()).sorted().toList();
    assertEquals(List.of(200, 401, 401, 401), statuses);
  }

  @Test
  void theForumsLoginAsksForTheCodeAndTakesIt() {
    String username = uniqueName("totpforum");
    Setup setup = enabledAccount(username);
    JsonArray template = new JsonArray(xphoto.api().get("/forum/user/template").body());
    JsonObject field = template.getJsonObject(template.size() - 1);
    assertEquals("totp", field.getString("key"));
    assertEquals(new JsonArray().add("notShowInReg").add("loginOnly"), field.getJsonArray("flag"));

    ForumClient browser = xphoto.browser();
    assertEquals(ForumClient.failed("用户名或密码错误。"), browser.login(username, "wrong password").json());
    Api.Reply required = browser.login(username, PASSWORD);
    assertEquals(200, required.status());
    assertEquals(ForumClient.failed(FORUM_CODE_REQUIRED), required.json());
    assertEquals(401, browser.get("/forum/user/info").status());
    TestTotp.awayFromStepEdge(5_000);
    long step = TestTotp.stepNow();
    assertEquals(ForumClient.failed(FORUM_WRONG_CODE), forumLogin(browser, username, code(setup, step - 2)).json());
    assertEquals(ForumClient.ok("/forum/main"), forumLogin(browser, username, code(setup, step)).json());
    assertEquals(username, browser.me().getString("username"));
    ForumClient other = xphoto.browser();
    assertEquals(ForumClient.failed(FORUM_WRONG_CODE), forumLogin(other, username, code(setup, step)).json(),
        "the code signed in once: not again");
    // the triple-MD5 form of the password with a recovery code
    other.captcha();
    assertEquals(ForumClient.ok("/forum/main"), other.post("/forum/user/login", loginBody(username,
        md5Thrice(PASSWORD), setup.recoveryCodes().get(0))).json());
  }

  private static Api.Reply forumLogin(ForumClient browser, String username, String totp) {
    browser.captcha();
    return browser.post("/forum/user/login", loginBody(username, PASSWORD, totp));
  }

  private static JsonObject loginBody(String username, String password, String totp) {
    return new JsonObject().put("username", username).put("password", password).put("captcha", CAPTCHA)
        .put("totp", totp);
  }

  private static String md5Thrice(String password) {
    try {
      String text = password;
      for (int i = 0; i < 3; i++) {
        text = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
      }
      return text;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A secret as setup answered it, decoded, and the recovery codes once enabled. */
  private record Setup(String base32, byte[] secret, List<String> recoveryCodes) {
  }

  /** A new active account with TOTP on (enabled with the code of the step before the current one). */
  private static Setup enabledAccount(String username) {
    String token = xphoto.activeUser(username);
    Setup setup = setup(token, username);
    TestTotp.awayFromStepEdge(3_000);
    Api.Reply enabled = enable(token, code(setup, TestTotp.stepNow() - 1));
    assertEquals(200, enabled.status(), enabled.toString());
    return new Setup(setup.base32(), setup.secret(),
        enabled.json().getJsonArray("recoveryCodes").stream().map(String.class::cast).toList());
  }

  /** POST /totp/setup, its answer checked: the secret, its URI and the QR code of the URI. */
  private static Setup setup(String token, String username) {
    Api.Reply reply = xphoto.api().post("/totp/setup", null, token);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals("no-store", reply.header("Cache-Control"));
    JsonObject answer = reply.json();
    String base32 = answer.getString("secret");
    assertTrue(base32.matches("[A-Z2-7]{32}"), base32);
    byte[] secret = TestTotp.base32Decode(base32);
    assertEquals(20, secret.length, "160 bits");
    String uri = answer.getString("uri");
    URI parsed = URI.create(uri);
    assertEquals("otpauth", parsed.getScheme());
    assertEquals("totp", parsed.getHost());
    assertEquals("/xphoto:" + username, URLDecoder.decode(parsed.getRawPath(), StandardCharsets.UTF_8));
    assertTrue(parsed.getQuery().contains("secret=" + base32), uri);
    assertTrue(parsed.getQuery().contains("issuer=xphoto"), uri);
    assertTrue(parsed.getQuery().contains("digits=6") && parsed.getQuery().contains("period=30"), uri);
    String qr = answer.getString("qrCode");
    assertTrue(qr.startsWith("data:image/png;base64,"), qr);
    assertEquals(uri, decodeQr(Base64.getDecoder().decode(qr.substring(qr.indexOf(',') + 1))));
    return new Setup(base32, secret, List.of());
  }

  /** The text of the QR code in the PNG, read with ZXing's decoder. */
  private static String decodeQr(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
          new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    } catch (Exception e) {
      throw new AssertionError("not a readable QR code", e);
    }
  }

  private static String code(Setup setup, long step) {
    return TestTotp.code(setup.secret(), step, 6);
  }

  private static Api.Reply enable(String token, String code) {
    return xphoto.api().post("/totp/enable", new JsonObject().put("code", code), token);
  }

  private static Api.Reply disable(String token, String password, String code) {
    return xphoto.api().post("/totp/disable", new JsonObject().put("password", password).put("code", code), token);
  }

  private static Api.Reply signin(String username, String password, String totp) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (totp != null) {
      body.put("totp", totp);
    }
    return xphoto.api().post("/signin", body);
  }

  private static void assertWrongCode(Api.Reply reply) {
    assertEquals(401, reply.status(), reply.toString());
    assertEquals(new JsonObject().put("error", WRONG_CODE).put("totp", "invalid"), reply.json());
  }
}
