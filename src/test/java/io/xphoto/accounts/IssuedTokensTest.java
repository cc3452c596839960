package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.db.AccountRevocation;
import io.xphoto.db.RevokedToken;
import io.xphoto.db.RevokedTokenStore;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.Sql;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record of issued tokens (V7): what a sign-in writes and when, the sign-in that loses a race with a
 * password change, the forum sessions' accounts, and the database half of an account-wide revocation.
 */
@ExtendWith(VertxExtension.class)
class IssuedTokensTest {

  private static final JsonObject WRONG = new JsonObject().put("error", "用户名或密码错误");
  /** A sign-in to an account that has failed once (from anywhere) waits this long before its check. */
  private static final long SLOWDOWN_MS = 2_000;
  private static final String ADMIN = uniqueName("admin");

  private static TestInstallation xphoto;
  private static DatabaseTarget database;
  private static Sql sql;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    database = TestPostgres.freshDatabase();
    xphoto = TestInstallation.startOn(vertx, database, Map.of(
        "captcha.test-answer", CAPTCHA,
        "throttle.address-failures", "1000",
        "throttle.account-slowdown-failures", "1",
        "throttle.account-slowdown-delay", SLOWDOWN_MS + "ms",
        "db.sweep-interval", "1s",
        "admins", ADMIN));
    sql = new Sql(database);
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  private static List<Map<String, Object>> issued(String jti) {
    return sql.rows("SELECT user_id, EXTRACT(EPOCH FROM issued_at)::bigint AS issued_at, EXTRACT(EPOCH FROM expires_at)::bigint AS expires_at,"
        + " client_address, user_agent FROM issued_tokens WHERE jti = ?", jti);
  }

  private static Api.Reply signin(String username, String password, String userAgent) {
    var request = xphoto.api().request(HttpMethod.POST, "/signin", null);
    if (userAgent != null) {
      request.putHeader("User-Agent", userAgent);
    }
    return xphoto.api().send(request, new JsonObject().put("username", username).put("password", password).toBuffer());
  }

  @Test
  void aSigninRecordsItsTokenWithItsTimesClientAndAgentCutTo256() {
    String username = uniqueName("rec");
    xphoto.activeUser(username);
    String agent = "Mozilla/5.0 " + "é".repeat(300);
    Api.Reply reply = signin(username, PASSWORD, agent);
    assertEquals(200, reply.status(), reply.toString());
    JsonObject claims = Jwts.payload(reply.json().getString("JWTToken"));

    List<Map<String, Object>> rows = issued(claims.getString("jti"));
    assertEquals(1, rows.size());
    Map<String, Object> row = rows.get(0);
    assertEquals(Long.parseLong(claims.getString("id")), row.get("user_id"));
    assertEquals(claims.getLong("iat"), row.get("issued_at"));
    assertEquals(claims.getLong("exp"), row.get("expires_at"));
    assertEquals("127.0.0.1", row.get("client_address"));
    assertEquals(agent.substring(0, 256), row.get("user_agent"));

    Api.Reply curl = signin(username, PASSWORD, "curl/8.5.0");
    assertEquals("curl/8.5.0", issued(Jwts.payload(curl.json().getString("JWTToken")).getString("jti")).get(0).get("user_agent"));
  }

  @Test
  void aSignoutMovesTheTokenFromIssuedToRevoked() {
    String token = xphoto.activeUser(uniqueName("out"));
    String jti = Jwts.payload(token).getString("jti");
    assertEquals(1, issued(jti).size());
    assertEquals(200, xphoto.api().post("/signout", new JsonObject(), token).status());
    assertEquals(0, issued(jti).size());
    assertEquals(1, sql.rows("SELECT 1 FROM revoked_tokens WHERE jti = ?", jti).size());
  }

  @Test
  void expiredTokensAreSweptAndADeletedAccountTakesItsTokensAndSessions() throws Exception {
    String username = uniqueName("gone");
    String token = xphoto.activeUser(username);
    String jti = Jwts.payload(token).getString("jti");
    sql.execute("UPDATE issued_tokens SET expires_at = now() - INTERVAL '1 second' WHERE jti = ?", jti);
    awaitRows(0, "SELECT 1 FROM issued_tokens WHERE jti = ?", jti);

    String other = xphoto.activeUser(uniqueName("gone"));
    String otherJti = Jwts.payload(other).getString("jti");
    ForumClient browser = new ForumClient(xphoto.server().vertx(), xphoto.server());
    assertEquals(ok("/forum/main"), browser.login(username, PASSWORD).json());
    long userId = Long.parseLong(Jwts.payload(token).getString("id"));
    assertEquals(1, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", userId).size());

    sql.execute("DELETE FROM users WHERE id = ?", userId);
    assertEquals(0, sql.rows("SELECT 1 FROM issued_tokens WHERE user_id = ?", userId).size());
    assertEquals(0, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", userId).size());
    assertEquals(1, issued(otherJti).size(), "another account's token stays");
  }

  private static void awaitRows(int expected, String query, Object... parameters) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (sql.rows(query, parameters).size() != expected) {
      assertTrue(System.nanoTime() < deadline, "still not " + expected + " rows: " + query);
      Thread.sleep(100);
    }
  }

  @Test
  void aForumLoginRecordsItsAccountOnTheSession() {
    String username = uniqueName("sess");
    String token = xphoto.activeUser(username);
    ForumClient browser = new ForumClient(xphoto.server().vertx(), xphoto.server());
    browser.captcha();
    assertEquals(0, sql.rows("SELECT 1 FROM web_sessions WHERE user_id IS NOT NULL AND id_hash = sha256(?::bytea)",
        browser.cookie()).size(), "an anonymous session has no account");
    assertEquals(ok("/forum/main"), browser.login(username, PASSWORD).json());
    List<Map<String, Object>> rows = sql.rows("SELECT user_id FROM web_sessions WHERE id_hash = sha256(?::bytea)",
        browser.cookie());
    assertEquals(List.of(Map.of("user_id", Long.parseLong(Jwts.payload(token).getString("id")))), rows);
  }

  /**
   * The sign-in reads the hash, then waits out the account's slow-down (it failed once) before checking the
   * password: an admin's password change in that wait (no old password, so not slowed down itself) makes
   * its right (old) password too late. No token is recorded, and the answer is the wrong-credentials one.
   */
  @Test
  void aSigninWhosePasswordChangedDuringItsCheckGetsNoToken() throws Exception {
    ForumClient admin = new ForumClient(xphoto.server().vertx(), xphoto.server());
    assertEquals(ok("/forum/main"), admin.register(ADMIN, PASSWORD, "The admin", null).json());
    String username = uniqueName("race");
    String token = xphoto.activeUser(username);
    long userId = Long.parseLong(Jwts.payload(token).getString("id"));
    assertEquals(401, signin(username, "not the password", null).status());

    long started = System.nanoTime();
    var racing = xphoto.api().sendAsync(xphoto.api().request(HttpMethod.POST, "/signin", null),
        new JsonObject().put("username", username).put("password", PASSWORD).toBuffer());
    // the sign-in is now in its slow-down wait, its hash read
    awaitRows(2, "SELECT 1 FROM signin_failures WHERE account = ?", "id:" + userId);
    assertEquals(ok("/forum/user/info"), admin.put("/forum/user/info",
        new JsonObject().put("userID", userId).put("password", "a changed password")).json());
    assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(SLOWDOWN_MS),
        "the change was made while the sign-in waited");

    Api.Reply late = Api.join(racing);
    assertEquals(401, late.status());
    assertEquals(WRONG, late.json());
    assertEquals(0, sql.rows("SELECT 1 FROM issued_tokens WHERE user_id = ?", userId).size(),
        "the first sign-in's token went with the change, the racing one was never recorded");
    assertEquals(200, signin(username, "a changed password", null).status());
  }

  @Test
  void anAccountRevocationMovesEveryTokenButTheKeptOneAndDeletesTheOtherSessions() throws Exception {
    String username = uniqueName("all");
    String kept = xphoto.activeUser(username);
    String first = signin(username, PASSWORD, null).json().getString("JWTToken");
    String second = signin(username, PASSWORD, null).json().getString("JWTToken");
    long userId = Long.parseLong(Jwts.payload(kept).getString("id"));
    ForumClient keptBrowser = new ForumClient(xphoto.server().vertx(), xphoto.server());
    assertEquals(ok("/forum/main"), keptBrowser.login(username, PASSWORD).json());
    ForumClient otherBrowser = new ForumClient(xphoto.server().vertx(), xphoto.server());
    assertEquals(ok("/forum/main"), otherBrowser.login(username, PASSWORD).json());
    String keptHash = io.xphoto.web.SessionIds.hash(keptBrowser.cookie());

    List<RevokedToken> revoked = RevokedTokenStore.proxy(xphoto.server().vertx())
        .revokeAccount(new AccountRevocation().setUserId(userId).setKeptJti(Jwts.payload(kept).getString("jti"))
            .setKeptSessionHash(keptHash))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(java.util.Set.of(Jwts.payload(first).getString("jti"), Jwts.payload(second).getString("jti")),
        revoked.stream().map(RevokedToken::getJti).collect(java.util.stream.Collectors.toSet()));
    revoked.forEach(t -> assertTrue(t.getExpiresAt() > System.currentTimeMillis() / 1000));
    assertEquals(List.of(Map.of("jti", Jwts.payload(kept).getString("jti"))),
        sql.rows("SELECT jti FROM issued_tokens WHERE user_id = ?", userId));
    assertEquals(List.of(Map.of("hex", keptHash)),
        sql.rows("SELECT encode(id_hash, 'hex') AS hex FROM web_sessions WHERE user_id = ?", userId));
    assertEquals(401, otherBrowser.get("/forum/user/info").status());
    assertEquals(200, keptBrowser.get("/forum/user/info").status());
  }
}
