package io.xphoto.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.failed;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in throttling through the HTTP API (docs/API.md, "Sign-in throttling"): an attacker is refused or
 * slowed down, the owner elsewhere still gets in. Every test request comes from 127.0.0.1, a trusted proxy
 * here, so the clients' addresses are given in X-Forwarded-For (each test uses addresses of its own).
 */
@ExtendWith(VertxExtension.class)
class ThrottlingTest {

  private static final JsonObject TOO_MANY = new JsonObject().put("error", "登录失败次数过多，请稍后再试。");
  private static final JsonObject WRONG = new JsonObject().put("error", "用户名或密码错误");
  private static final long SLOWDOWN_MILLIS = 1000;
  private static final Map<String, String> LIMITS = Map.of(
      "throttle.window", "1m",
      "throttle.account-address-failures", "3",
      "throttle.address-failures", "6",
      "throttle.account-slowdown-failures", "4",
      "throttle.account-slowdown-delay", SLOWDOWN_MILLIS + "ms",
      "http.trusted-proxies", "127.0.0.1, ::1",
      "captcha.test-answer", ForumClient.CAPTCHA);
  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private static Vertx clientVertx;
  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    clientVertx = vertx;
    xphoto = TestInstallation.start(vertx, LIMITS);
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void anAttackerAtOneAddressIsRefusedWhileTheOwnerElsewhereSignsInAtOnce() {
    String username = uniqueName("nina");
    xphoto.activeUser(username);
    String attacker = newAddress();
    for (int i = 0; i < 3; i++) {
      assertEquals(401, signin(xphoto.api(), attacker, username, "wrong password " + i).status());
    }
    Api.Reply refused = signin(xphoto.api(), attacker, username, PASSWORD);
    assertEquals(429, refused.status(), "the attacker's address is stopped, even with the right password");
    assertEquals(TOO_MANY, refused.json());
    int retryAfter = Integer.parseInt(refused.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals(429, signin(xphoto.api(), attacker, emailOf(username), PASSWORD).status(), "the email names the same account");

    assertEquals(200, signin(xphoto.api(), newAddress(), username, PASSWORD).status(), "the owner elsewhere gets in");
  }

  @Test
  void parallelGuessesCannotAllPassTheCheckBeforeTheFirstIsAnswered() {
    String username = uniqueName("nora");
    xphoto.activeUser(username);
    String attacker = newAddress();
    String url = "http://127.0.0.1:" + xphoto.server().settings().integer("http.port") + "/signin";
    WebClient parallel = WebClient.create(clientVertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(30));
    List<Future<Integer>> guesses = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      guesses.add(parallel.postAbs(url).putHeader("X-Forwarded-For", attacker)
          .sendBuffer(credentials(username, "guess " + i)).map(HttpResponse::statusCode));
    }
    long answered401 = Api.join(Future.all(guesses)).<Integer>list().stream().filter(status -> status == 401).count();
    parallel.close();
    // each attempt counts from its start; only attempts checked at the very same moment (at most one per
    // database connection) can slip past together
    assertTrue(answered401 >= 3 && answered401 <= 3 + 8, answered401 + " guesses were checked");
  }

  @Test
  void onTheForumTooTheAttackerIsRefusedAndTheOwnerLogsIn() {
    String username = uniqueName("olga");
    xphoto.activeUser(username);
    ForumClient attacker = xphoto.browser().header("X-Forwarded-For", newAddress());
    for (int i = 0; i < 3; i++) {
      assertEquals(failed("用户名或密码错误。"), attacker.login(username, "wrong password " + i).json());
    }
    Api.Reply refused = attacker.login(username, PASSWORD);
    assertEquals(429, refused.status());
    assertEquals(failed("登录失败次数过多，请稍后再试。"), refused.json());
    assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);

    ForumClient owner = xphoto.browser().header("X-Forwarded-For", newAddress());
    assertEquals(ok("/forum/main"), owner.login(username, PASSWORD).json());
    assertEquals(username, owner.me().getString("username"));
  }

  @Test
  void attackersAtManyAddressesSlowTheOwnerDownButNeverKeepHerOut() {
    String username = uniqueName("paula");
    xphoto.activeUser(username);
    for (int i = 0; i < 6; i++) {
      assertEquals(401, signin(xphoto.api(), newAddress(), username, "guess " + i).status());
    }

    long start = System.nanoTime();
    Api.Reply wrong = signin(xphoto.api(), newAddress(), username, "guess again");
    assertEquals(WRONG, wrong.json(), "another attacker is slowed down, not told anything new");
    assertTrue(millisSince(start) >= SLOWDOWN_MILLIS, "slowed down: " + millisSince(start) + " ms");

    start = System.nanoTime();
    assertEquals(200, signin(xphoto.api(), newAddress(), username, PASSWORD).status(), "the owner gets in");
    long took = millisSince(start);
    assertTrue(took >= SLOWDOWN_MILLIS && took < SLOWDOWN_MILLIS + 4000, "slowed down, within seconds: " + took + " ms");

    ForumClient forum = xphoto.browser().header("X-Forwarded-For", newAddress());
    assertEquals(ok("/forum/main"), forum.login(username, PASSWORD).json(), "on the forum too");
  }

  @Test
  void oneAddressTryingManyAccountsIsStopped() {
    String username = uniqueName("quinn");
    xphoto.activeUser(username);
    String attacker = newAddress();
    for (int i = 0; i < 6; i++) {
      assertEquals(401, signin(xphoto.api(), attacker, uniqueName("ghost"), "whatever1").status());
    }
    Api.Reply refused = signin(xphoto.api(), attacker, uniqueName("ghost"), "whatever1");
    assertEquals(429, refused.status());
    assertEquals(TOO_MANY, refused.json());
    assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
    assertEquals(429, signin(xphoto.api(), attacker, username, PASSWORD).status(), "that address is stopped for every account");
    assertEquals(200, signin(xphoto.api(), newAddress(), username, PASSWORD).status(), "other addresses are not");
  }

  @Test
  void aSuccessfulSigninClearsThatAddresssFailures() {
    String username = uniqueName("oscar");
    xphoto.activeUser(username);
    String owner = newAddress();
    for (int round = 0; round < 2; round++) {
      assertEquals(401, signin(xphoto.api(), owner, username, "wrong password").status());
      assertEquals(401, signin(xphoto.api(), owner, username, "wrong password").status());
      assertEquals(200, signin(xphoto.api(), owner, username, PASSWORD).status());
    }
  }

  @Test
  void theClientIsTheRightmostAddressThatIsNotATrustedProxy() {
    String username = uniqueName("rita");
    xphoto.activeUser(username);
    String attacker = newAddress();
    for (int i = 0; i < 3; i++) {
      // what the attacker writes itself, left of what the proxies add, changes nothing
      String chain = newAddress() + ", " + attacker + ", 127.0.0.1";
      assertEquals(401, signin(xphoto.api(), chain, username, "wrong password").status());
    }
    assertEquals(429, signin(xphoto.api(), newAddress() + "," + attacker, username, PASSWORD).status());
    assertEquals(200, signin(xphoto.api(), attacker + ", " + newAddress(), username, PASSWORD).status(),
        "the address the last proxy saw is the client");
  }

  @Test
  void theForwardingHeaderOfAnUntrustedPeerIsIgnored(Vertx vertx) throws Exception {
    Map<String, String> config = new HashMap<>(LIMITS);
    config.put("http.trusted-proxies", "10.0.0.0/8");
    config.put("throttle.window", "5s");
    try (XphotoServer untrusting = TestServer.start(xphoto.mailbox().port(), config)) {
      Api direct = new Api(vertx, untrusting);
      String username = uniqueName("sam");
      activeUser(direct, xphoto.mailbox(), username);
      for (int i = 0; i < 3; i++) {
        assertEquals(401, signin(direct, newAddress(), username, "wrong password").status());
      }
      Api.Reply refused = signin(direct, newAddress(), username, PASSWORD);
      assertEquals(429, refused.status(), "a made-up X-Forwarded-For does not dodge the limit");

      Thread.sleep(Integer.parseInt(refused.header("Retry-After")) * 1000L + 200);
      assertEquals(200, signin(direct, null, username, PASSWORD).status(), "free again once the window has passed");
    }
  }

  @Test
  void theForwardedHeaderOfRfc7239IsReadWhenConfigured(Vertx vertx) throws Exception {
    Map<String, String> config = new HashMap<>(LIMITS);
    config.put("http.forwarded-header", "forwarded");
    try (XphotoServer behindProxy = TestServer.start(xphoto.mailbox().port(), config)) {
      Api proxied = new Api(vertx, behindProxy);
      String username = uniqueName("tom");
      activeUser(proxied, xphoto.mailbox(), username);
      int block = ADDRESSES.incrementAndGet();
      for (int i = 1; i <= 3; i++) {
        // one IPv6 subscriber: every address of its /64 counts as one
        String hop = "for=\"[2001:db8:" + block + "::" + i + "]:4711\";proto=https";
        assertEquals(401, forwarded(proxied, "for=" + newAddress() + ", " + hop, username, "wrong password").status());
      }
      assertEquals(429, forwarded(proxied, "for=\"[2001:db8:" + block + "::99]\"", username, PASSWORD).status());
      assertEquals(200, forwarded(proxied, "for=" + newAddress() + ";by=127.0.0.1", username, PASSWORD).status());
    }
  }

  @Test
  void failuresCountOnEveryNode(Vertx vertx) throws Exception {
    DatabaseTarget database = TestPostgres.freshDatabase();
    try (XphotoServer one = TestServer.startOn(database, xphoto.mailbox().port(), LIMITS);
         XphotoServer other = TestServer.startOn(database, xphoto.mailbox().port(), LIMITS)) {
      Api first = new Api(vertx, one);
      Api second = new Api(vertx, other);
      String username = uniqueName("ursula");
      activeUser(first, xphoto.mailbox(), username);
      String attacker = newAddress();
      assertEquals(401, signin(first, attacker, username, "wrong password").status());
      assertEquals(401, signin(second, attacker, username, "wrong password").status());
      assertEquals(401, signin(first, attacker, username, "wrong password").status());
      assertEquals(429, signin(second, attacker, username, PASSWORD).status());
    }
  }

  /** A documentation address (TEST-NET-2/3) no other test uses. */
  private static String newAddress() {
    int n = ADDRESSES.incrementAndGet();
    return (n < 250 ? "198.51.100." : "203.0.113.") + (n % 250 + 1);
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** A sign-in relayed by the trusted proxy at 127.0.0.1 for {@code forwardedFor} (direct when null). */
  private static Api.Reply signin(Api api, String forwardedFor, String username, String password) {
    var request = api.request(HttpMethod.POST, "/signin", null);
    if (forwardedFor != null) {
      request.putHeader("X-Forwarded-For", forwardedFor);
    }
    return api.send(request, credentials(username, password));
  }

  private static Api.Reply forwarded(Api api, String forwarded, String username, String password) {
    return api.send(api.request(HttpMethod.POST, "/signin", null).putHeader("Forwarded", forwarded),
        credentials(username, password));
  }

  private static Buffer credentials(String username, String password) {
    return new JsonObject().put("username", username).put("password", password).toBuffer();
  }
}
