package io.xphoto.database;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.config.Settings;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database dies under a steady stream of requests on both surfaces and comes back by itself: the
 * embedded PostgreSQL is killed (SIGKILL on its postmaster) and restarted by the server's supervisor; an
 * external one is stopped and started again. Each server here has its own PostgreSQL under target/, never
 * the shared test one.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  private static final String UNAVAILABLE = "服务暂时不可用，请稍后再试。";
  /** Every request is answered within this, outage or not. */
  private static final long ANSWER_WITHIN_MS = 5_000;

  private Mailbox mailbox;
  private Path dataDir;

  @BeforeEach
  void setUp() throws Exception {
    mailbox = Mailbox.start();
    dataDir = TestDirectories.create("outage");
  }

  @AfterEach
  void tearDown() throws Exception {
    mailbox.close();
    TestDirectories.delete(dataDir);
  }

  /** What one request of the traffic got. */
  private record Outcome(String kind, boolean needsDatabase, boolean forum, long startNanos, long endNanos,
                         int status, String retryAfter, String body) {

    long millis() {
      return TimeUnit.NANOSECONDS.toMillis(endNanos - startNanos);
    }
  }

  @Test
  void aKilledEmbeddedDatabaseIsRestartedAndNoAnsweredRequestIsLost(Vertx vertx) throws Exception {
    try (XphotoServer server = start(Map.of())) {
      Api api = new Api(vertx, server);
      String signer = uniqueName("sig");
      String signerToken = activeUser(api, mailbox, signer);
      String uploaderToken = activeUser(api, mailbox, uniqueName("upl"));
      String forumUser = uniqueName("frm");
      Api.Reply registered = new ForumClient(vertx, server).register(forumUser, PASSWORD, "Forum Member", null);
      assertEquals(ForumClient.ok("/forum/main"), registered.json(), registered.toString());

      List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
      List<String> uploaded = Collections.synchronizedList(new ArrayList<>());
      List<String> signedUp = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger seeds = new AtomicInteger(1000);
      List<Thread> streams = List.of(
          stream(running, () -> List.of(timed("signin", true, false, () -> api.post("/signin",
              new JsonObject().put("username", signer).put("password", PASSWORD)))), outcomes),
          stream(running, () -> List.of(timed("userInfo", false, false, () -> api.get("/userInfo", signerToken))), outcomes),
          stream(running, () -> {
            Outcome upload = timed("upload", true, false,
                () -> api.upload("/upload", uploaderToken, png(8, 8, seeds.incrementAndGet())));
            if (upload.status() == 200) {
              new JsonObject(upload.body()).getJsonArray("urls").forEach(url -> uploaded.add((String) url));
            }
            return List.of(upload);
          }, outcomes),
          stream(running, () -> {
            String username = uniqueName("new");
            Outcome signup = timed("signup", true, false,
                () -> api.post("/signup", signup(username, emailOf(username), PASSWORD)));
            if (signup.status() == 200) {
              signedUp.add(username);
            }
            return List.of(signup);
          }, outcomes),
          stream(running, () -> forumLogin(new ForumClient(vertx, server), forumUser), outcomes));

      streams.forEach(Thread::start);
      Thread.sleep(1500);
      Path pidFile = dataDir.resolve("postgres/cluster/postmaster.pid");
      long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim());
      assertEquals(server.database().orElseThrow().embedded().orElseThrow().process().pid(), pid);
      long killedAt = System.nanoTime();
      assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());

      long healthDownAt = 0;
      long healthUpAt = 0;
      long deadline = killedAt + TimeUnit.SECONDS.toNanos(60);
      while (healthUpAt == 0 && System.nanoTime() < deadline) {
        Api.Reply health = api.get("/health");
        if (health.status() == 503) {
          assertEquals(new JsonObject().put("status", "DOWN"), health.json());
          healthDownAt = healthDownAt == 0 ? System.nanoTime() : healthDownAt;
        } else if (health.status() == 200 && healthDownAt != 0) {
          healthUpAt = System.nanoTime();
        }
        Thread.sleep(50);
      }
      assertTrue(healthDownAt != 0, "/health reported the database down");
      assertTrue(healthUpAt != 0, "/health reported the database back within 60 s");
      Thread.sleep(2000);
      running.set(false);
      for (Thread stream : streams) {
        stream.join(60_000);
      }

      List<Outcome> all = List.copyOf(outcomes);
      for (Outcome outcome : all) {
        assertTrue(outcome.millis() <= ANSWER_WITHIN_MS, "answered within 5 s: " + outcome);
        if (outcome.status() == 503) {
          assertTrue(outcome.needsDatabase(), "only requests that need the database fail: " + outcome);
          assertEquals("5", outcome.retryAfter(), outcome.toString());
          JsonObject expected = outcome.forum()
              ? ForumClient.failed(UNAVAILABLE) : new JsonObject().put("error", UNAVAILABLE);
          assertEquals(expected, new JsonObject(outcome.body()), outcome.toString());
        } else {
          assertEquals(200, outcome.status(), "200 or 503, nothing else: " + outcome);
        }
      }
      List<Outcome> unavailable = all.stream().filter(o -> o.status() == 503).toList();
      assertTrue(unavailable.stream().anyMatch(o -> !o.forum()), "the xphoto surface saw the outage");
      assertTrue(unavailable.stream().anyMatch(Outcome::forum), "the forum saw the outage");
      long lastUnavailableEnd = unavailable.stream().mapToLong(Outcome::endNanos).max().orElseThrow();
      long firstUnavailableEnd = unavailable.stream().mapToLong(Outcome::endNanos).min().orElseThrow();
      assertTrue(all.stream().filter(o -> o.startNanos() > lastUnavailableEnd).count() > 10, "traffic after the outage");
      Set<String> kindsAfter = new HashSet<>();
      all.stream().filter(o -> o.startNanos() > lastUnavailableEnd).forEach(o -> kindsAfter.add(o.kind()));
      assertTrue(kindsAfter.containsAll(Set.of("signin", "upload", "signup", "forumLogin")), kindsAfter.toString());
      assertTrue(all.stream().filter(o -> o.kind().equals("userInfo"))
          .anyMatch(o -> o.startNanos() > killedAt && o.endNanos() < lastUnavailableEnd),
          "requests that do not need the database were answered during the outage");

      int lost = lostUploads(api, uploaderToken, uploaded) + lostSignups(api, signedUp);
      System.out.printf("database outage: %d requests (%d answered 503), first 503 %d ms after the kill, last 503 %d ms"
              + " after it, /health back after %d ms; %d uploads and %d sign-ups answered 200, %d lost%n",
          all.size(), unavailable.size(), ms(firstUnavailableEnd - killedAt), ms(lastUnavailableEnd - killedAt),
          ms(healthUpAt - killedAt), uploaded.size(), signedUp.size(), lost);
      assertEquals(0, lost, "every upload and sign-up answered 200 is kept");
    }
  }

  @Test
  void anExternalDatabaseThatStopsAndStartsAgainIsReconnected(Vertx vertx) throws Exception {
    Path home = dataDir.resolve("external");
    EmbeddedPostgres external = EmbeddedPostgres.start(home, 0);
    DatabaseTarget target = external.target();
    try (XphotoServer server = start(Map.of("db.url", target.url(), "db.user", target.user(),
        "db.password", target.password()))) {
      assertTrue(server.database().orElseThrow().embedded().isEmpty());
      Api api = new Api(vertx, server);
      String username = uniqueName("ext");
      String token = activeUser(api, mailbox, username);
      String url = api.upload("/upload", token, png(8, 8, 7)).json().getJsonArray("urls").getString(0);
      String forumUser = uniqueName("exf");
      assertEquals(ForumClient.ok("/forum/main"),
          new ForumClient(vertx, server).register(forumUser, PASSWORD, "Forum Member", null).json());
      ForumClient member = new ForumClient(vertx, server);
      assertEquals(ForumClient.ok("/forum/main"), member.login(forumUser, PASSWORD).json());

      external.close();
      assertUnavailable(api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD)), false);
      assertUnavailable(api.get("/images", token), false);
      assertUnavailable(api.upload("/upload", token, png(8, 8, 8)), false);
      assertUnavailable(member.get("/forum/user/info"), true);
      assertEquals(200, member.get("/forum/user/template").status(), "needs no database, session cookie or not");
      assertUnavailable(new ForumClient(vertx, server).get("/forum/user/captcha"), true);
      assertEquals(503, api.get("/health").status());
      assertEquals(200, api.get("/userInfo", token).status(), "answered from the token");
      assertEquals(200, api.getAbsolute(url).status(), "a stored photo is served from the disk");

      external = EmbeddedPostgres.start(home, target.port());
      long restartedAt = System.nanoTime();
      while (api.get("/health").status() != 200) {
        assertTrue(System.nanoTime() - restartedAt < TimeUnit.SECONDS.toNanos(10), "reconnected within 10 s");
        Thread.sleep(50);
      }
      assertEquals(200, api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD)).status());
      assertEquals(List.of(url), api.get("/images", token).json().getJsonArray("urls").getList());
      assertEquals(200, member.get("/forum/user/info").status(), "the forum session outlived the outage");
    } finally {
      external.close();
    }
  }

  /**
   * While something else holds the database's port, the restarts fail (PostgreSQL cannot listen) and are
   * tried again later; requests answer 503 within db.connect-timeout, as the pool's connections reach a
   * socket that never answers; once the port is free, the next attempt brings the database back.
   */
  @Test
  void aRestartThatFailsIsTriedAgainLater(Vertx vertx) throws Exception {
    try (XphotoServer server = start(Map.of("db.embedded-restart-min", "500ms", "db.embedded-restart-max", "2s",
        "db.connect-timeout", "2s"))) {
      Api api = new Api(vertx, server);
      String username = uniqueName("bck");
      activeUser(api, mailbox, username);
      EmbeddedPostgres postgres = server.database().orElseThrow().embedded().orElseThrow();
      ProcessHandle postmaster = postgres.process();
      postmaster.destroyForcibly();
      postmaster.onExit().get(10, TimeUnit.SECONDS);
      try (ServerSocket squatter = new ServerSocket(postgres.target().port(), 50, InetAddress.getLoopbackAddress())) {
        assertTrue(squatter.isBound(), "the database's port is held");
        Thread.sleep(3000); // attempts after 0.5 s, 1 s and 2 s more: at least two fail
        long start = System.nanoTime();
        Api.Reply signin = api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
        assertUnavailable(signin, false);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(ANSWER_WITHIN_MS / 1000), "within the connect timeout");
        assertEquals(503, api.get("/health").status());
      }
      long freedAt = System.nanoTime();
      while (api.get("/health").status() != 200) {
        assertTrue(System.nanoTime() - freedAt < TimeUnit.SECONDS.toNanos(20), "restarted once the port was free");
        Thread.sleep(100);
      }
      assertEquals(200, api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD)).status());
    }
  }

  private XphotoServer start(Map<String, String> overrides) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        "http.port", Integer.toString(Ports.free()),
        "data.dir", dataDir.toString(),
        "jwt.secret", TestServer.JWT_SECRET,
        "smtp.host", "127.0.0.1",
        "smtp.port", Integer.toString(mailbox.port()),
        "mail.poll", "1s",
        "mail.retry-min", "1s",
        "mail.retry-max", "1s",
        "http.access-log", "false",
        "model.dir", TestAssets.models().toString()));
    settings.put("captcha.test-answer", ForumClient.CAPTCHA);
    settings.putAll(overrides);
    return XphotoServer.start(Settings.load(Map.of()).with(settings));
  }

  private static void assertUnavailable(Api.Reply reply, boolean forum) {
    assertEquals(503, reply.status(), reply.toString());
    assertEquals("5", reply.header("Retry-After"));
    assertEquals(forum ? ForumClient.failed(UNAVAILABLE) : new JsonObject().put("error", UNAVAILABLE), reply.json());
  }

  /** A browser's login: a captcha, then the form; then its own profile. */
  private static List<Outcome> forumLogin(ForumClient browser, String username) {
    Outcome captcha = timed("forumCaptcha", true, true, () -> browser.get("/forum/user/captcha"));
    if (captcha.status() != 200) {
      return List.of(captcha);
    }
    Outcome login = timed("forumLogin", true, true, () -> browser.post("/forum/user/login",
        new JsonObject().put("username", username).put("password", PASSWORD).put("captcha", ForumClient.CAPTCHA)));
    if (login.status() != 200) {
      return List.of(captcha, login);
    }
    assertEquals(ForumClient.ok("/forum/main"), new JsonObject(login.body()), login.toString());
    return List.of(captcha, login, timed("forumInfo", true, true, () -> browser.get("/forum/user/info")));
  }

  private static Outcome timed(String kind, boolean needsDatabase, boolean forum, Supplier<Api.Reply> request) {
    long start = System.nanoTime();
    try {
      Api.Reply reply = request.get();
      return new Outcome(kind, needsDatabase, forum, start, System.nanoTime(), reply.status(),
          reply.header("Retry-After"), reply.body() == null ? "" : reply.body().toString());
    } catch (AssertionError noAnswer) {
      return new Outcome(kind, needsDatabase, forum, start, System.nanoTime(), -1, null, String.valueOf(noAnswer));
    }
  }

  private static Thread stream(AtomicBoolean running, Supplier<List<Outcome>> step, List<Outcome> outcomes) {
    return new Thread(() -> {
      while (running.get()) {
        outcomes.addAll(step.get());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "traffic");
  }

  private static int lostUploads(Api api, String token, List<String> uploaded) {
    Api.Reply listing = api.get("/images", token);
    assertEquals(200, listing.status(), listing.toString());
    Set<String> listed = new HashSet<>();
    listing.json().getJsonArray("urls").forEach(url -> listed.add((String) url));
    int lost = 0;
    for (String url : uploaded) {
      if (!listed.contains(url)) {
        lost++;
      }
    }
    return lost;
  }

  /** Every account whose sign-up was answered 200 gets its mail, activates and signs in. */
  private int lostSignups(Api api, List<String> signedUp) {
    int lost = 0;
    for (String username : signedUp) {
      try {
        String link = Mailbox.activationLink(mailbox.awaitMessagesTo(emailOf(username), 1).get(0));
        assertEquals(200, api.getAbsolute(link).status());
        Api.Reply signin = api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
        assertEquals(200, signin.status(), signin.toString());
      } catch (AssertionError e) {
        System.out.println("lost sign-up " + username + ": " + e.getMessage());
        lost++;
      }
    }
    return lost;
  }

  private static long ms(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
