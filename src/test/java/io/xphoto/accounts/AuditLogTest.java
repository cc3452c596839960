package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Sql;
import io.xphoto.support.TestTotp;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log through the real HTTP API: one row per event, with the request's id and client address and
 * nothing secret, written in the transaction of its change (a change that fails leaves no event, an event that
 * cannot be written leaves no change), swept after {@code audit.retention}; {@code GET /account/events} and the
 * export's {@code securityEvents} are the same list.
 */
@ExtendWith(VertxExtension.class)
class AuditLogTest {

  private static final String NEW_PASSWORD = "battery staple 43";
  private static final String ADMIN = uniqueName("auditadmin");

  private static TestInstallation xphoto;
  private static Api api;
  private static Sql sql;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    DatabaseTarget database = TestPostgres.freshDatabase();
    sql = new Sql(database);
    xphoto = TestInstallation.startOn(vertx, database, Map.of("db.sweep-interval", "1s",
        "throttle.account-address-failures", "2", "captcha.test-answer", ForumClient.CAPTCHA, "admins", ADMIN));
    api = xphoto.api();
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  /** The account's events as written, oldest first. */
  private static List<Map<String, Object>> events(long userId) {
    return sql.rows("SELECT type, user_id, actor_id, address, request_id, details::text AS details FROM audit_events "
        + "WHERE user_id = ? ORDER BY id", userId);
  }

  private static long idOf(String token) {
    return Long.parseLong(Jwts.payload(token).getString("id"));
  }

  private static long idOfName(String username) {
    return (Long) sql.rows("SELECT id FROM users WHERE username = ?", username).get(0).get("id");
  }

  /** The one event of this type and request, from 127.0.0.1, on the account. */
  private static void assertEvent(long userId, String type, Api.Reply reply) {
    String requestId = reply.header("X-Request-Id");
    assertNotNull(requestId, reply.toString());
    List<Map<String, Object>> rows = sql.rows(
        "SELECT address, actor_id FROM audit_events WHERE user_id = ? AND type = ? AND request_id = ?",
        userId, type, requestId);
    assertEquals(1, rows.size(), type + " of request " + requestId + " in " + events(userId));
    assertEquals("127.0.0.1", rows.get(0).get("address"));
  }

  private static Api.Reply delete(String path, JsonObject body, String token) {
    return api.send(api.request(HttpMethod.DELETE, path, token), Buffer.buffer(body.encode()));
  }

  @Test
  void everyEventOfAnAccountsLifeIsRecordedWithItsRequestAndAddressAndNothingSecret() {
    String username = uniqueName("life");
    String email = emailOf(username);
    Api.Reply signedUp = api.post("/signup", signup(username, email, PASSWORD));
    assertEquals(200, signedUp.status(), signedUp.toString());
    long id = idOfName(username);
    assertEvent(id, "signup", signedUp);
    Api.Reply activated = api.getAbsolute(Mailbox.activationLink(xphoto.mailbox().awaitMessagesTo(email, 1).get(0)));
    assertEquals(200, activated.status());
    assertEvent(id, "activation", activated);

    Api.Reply failed = api.signin(username, "wrong password 1");
    assertEquals(401, failed.status());
    assertEvent(id, "signin_failed", failed);
    assertEquals(401, api.signin(username, "wrong password 2").status());
    Api.Reply throttled = api.signin(username, PASSWORD);
    assertEquals(429, throttled.status(), throttled.toString());
    assertEvent(id, "signin_throttled", throttled);
    sql.execute("DELETE FROM signin_failures");

    Api.Reply signedIn = api.signin(username, PASSWORD);
    assertEquals(200, signedIn.status());
    assertEvent(id, "signin_ok", signedIn);
    String token = signedIn.json().getString("JWTToken");
    String other = api.signin(username, PASSWORD).json().getString("JWTToken");
    Api.Reply signedOut = api.post("/signout", null, other);
    assertEquals(200, signedOut.status());
    assertEvent(id, "signout", signedOut);

    Api.Reply changed = api.post("/password/change", new JsonObject().put("old_password", PASSWORD)
        .put("password", NEW_PASSWORD).put("repeat_password", NEW_PASSWORD), token);
    assertEquals(200, changed.status(), changed.toString());
    assertEvent(id, "password_change", changed);

    assertEquals(200, api.post("/password/forgot", new JsonObject().put("username", username)).status());
    String resetLink = Mailbox.link(xphoto.mailbox().awaitMessagesTo(email, 2).get(1), "/password/reset");
    String key = resetLink.substring(resetLink.indexOf("key=") + 4);
    Api.Reply reset = api.post("/password/reset", new JsonObject().put("key", key).put("password", PASSWORD)
        .put("repeat_password", PASSWORD));
    assertEquals(200, reset.status(), reset.toString());
    assertEvent(id, "password_reset", reset);

    token = api.signin(username, PASSWORD).json().getString("JWTToken");
    String newEmail = "moved." + email;
    assertEquals(200, api.post("/email/change", new JsonObject().put("email", newEmail).put("password", PASSWORD),
        token).status());
    Api.Reply confirmed = api.getAbsolute(
        Mailbox.link(xphoto.mailbox().awaitMessagesTo(newEmail, 1).get(0), "/email/confirm"));
    assertEquals(200, confirmed.status(), confirmed.toString());
    assertEvent(id, "email_change", confirmed);

    Api.Reply everywhere = api.post("/signout/all", null, token);
    assertEquals(200, everywhere.status());
    assertEvent(id, "signout_all", everywhere);

    String all = sql.rows("SELECT string_agg(concat_ws(' ', type, address, request_id, details::text), ' ') AS text "
        + "FROM audit_events WHERE user_id = ?", id).get(0).get("text").toString();
    for (String secret : List.of(PASSWORD, NEW_PASSWORD, key, token, Jwts.payload(token).getString("jti"))) {
      assertFalse(all.contains(secret), "a secret in the audit log");
    }
    assertEquals(List.of("signup", "activation", "signin_failed", "signin_failed", "signin_throttled", "signin_ok",
            "signin_ok", "signout", "password_change", "password_reset", "signin_ok", "email_change", "signout_all"),
        events(id).stream().map(row -> row.get("type")).toList());
  }

  /** The reason of the one {@code signin_failed} event of this request. */
  private static Object failureReason(long userId, Api.Reply reply) {
    assertEvent(userId, "signin_failed", reply);
    return sql.rows("SELECT details->>'reason' AS reason FROM audit_events WHERE user_id = ? AND type = 'signin_failed' "
        + "AND request_id = ?", userId, reply.header("X-Request-Id")).get(0).get("reason");
  }

  private static Api.Reply totpSignin(String username, String password, String totp) {
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    return api.post("/signin", totp == null ? body : body.put("totp", totp));
  }

  @Test
  void totpOnAndOffAndRecoveryCodesAreRecordedInTheirTransactionsWithoutTheSecretOrACode() {
    String username = uniqueName("totpaudit");
    String token = xphoto.activeUser(username);
    long id = idOf(token);
    Api.Reply setUp = api.post("/totp/setup", null, token);
    assertEquals(200, setUp.status(), setUp.toString());
    String base32 = setUp.json().getString("secret");
    byte[] secret = TestTotp.base32Decode(base32);
    assertEquals(0, sql.rows("SELECT 1 FROM audit_events WHERE user_id = ? AND type LIKE 'totp%'", id).size(),
        "a secret set up changes nothing yet");

    TestTotp.awayFromStepEdge(8_000);
    String code = TestTotp.code(secret, TestTotp.stepNow(), 6);
    // the event cannot be written: TOTP stays off
    sql.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_totp_on CHECK (type <> 'totp_enabled') NOT VALID");
    try {
      Api.Reply refused = api.post("/totp/enable", new JsonObject().put("code", code), token);
      assertEquals(500, refused.status(), refused.toString());
    } finally {
      sql.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_totp_on");
    }
    assertEquals(0, sql.rows("SELECT 1 FROM totp_secrets WHERE user_id = ? AND enabled_at IS NOT NULL", id).size());
    assertEquals(200, api.signin(username, PASSWORD).status(), "no code asked for");
    Api.Reply enabled = api.post("/totp/enable", new JsonObject().put("code", code), token);
    assertEquals(200, enabled.status(), enabled.toString());
    assertEvent(id, "totp_enabled", enabled);
    List<String> recovery = enabled.json().getJsonArray("recoveryCodes").stream().map(String.class::cast).toList();

    Api.Reply required = totpSignin(username, PASSWORD, null);
    assertEquals(401, required.status(), required.toString());
    assertEquals("totp_required", failureReason(id, required));
    Api.Reply wrong = totpSignin(username, PASSWORD, code);
    assertEquals(401, wrong.status(), wrong.toString());
    assertEquals("wrong_totp", failureReason(id, wrong));
    sql.execute("DELETE FROM signin_failures");

    // a recovery code whose event cannot be written is not spent
    sql.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_recovery CHECK (type <> 'totp_recovery_code_used') NOT VALID");
    try {
      assertEquals(500, totpSignin(username, PASSWORD, recovery.get(0)).status());
    } finally {
      sql.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_recovery");
    }
    assertEquals(10, sql.rows("SELECT 1 FROM totp_recovery_codes WHERE user_id = ?", id).size());
    sql.execute("DELETE FROM signin_failures");
    Api.Reply recovered = totpSignin(username, PASSWORD, recovery.get(0));
    assertEquals(200, recovered.status(), recovered.toString());
    assertEvent(id, "totp_recovery_code_used", recovered);
    assertEvent(id, "signin_ok", recovered);

    // a disabled account is refused with the password, before a code is asked for or spent
    String admin = xphoto.activeUser(ADMIN);
    assertEquals(200, api.post("/admin/users/" + id + "/disable", null, admin).status());
    Api.Reply disabledAccount = totpSignin(username, PASSWORD, null);
    assertEquals(403, disabledAccount.status(), disabledAccount.toString());
    assertEquals("disabled", failureReason(id, disabledAccount));
    Api.Reply disabledWithCode = totpSignin(username, PASSWORD, recovery.get(2));
    assertEquals(403, disabledWithCode.status(), disabledWithCode.toString());
    assertEquals(9, sql.rows("SELECT 1 FROM totp_recovery_codes WHERE user_id = ?", id).size(), "no code spent");
    assertEquals(200, api.post("/admin/users/" + id + "/enable", null, admin).status());
    sql.execute("DELETE FROM signin_failures");
    Api.Reply again = totpSignin(username, PASSWORD, recovery.get(2));
    assertEquals(200, again.status(), again.toString());
    String newToken = again.json().getString("JWTToken");

    Api.Reply disabled = api.post("/totp/disable", new JsonObject().put("password", PASSWORD)
        .put("code", recovery.get(1)), newToken);
    assertEquals(200, disabled.status(), disabled.toString());
    assertEvent(id, "totp_recovery_code_used", disabled);
    assertEvent(id, "totp_disabled", disabled);
    assertEquals(1, sql.rows("SELECT 1 FROM audit_events WHERE user_id = ? AND type = 'totp_disabled'", id).size());

    String all = sql.rows("SELECT string_agg(concat_ws(' ', type, address, request_id, details::text), ' ') AS text "
        + "FROM audit_events WHERE user_id = ?", id).get(0).get("text").toString().toLowerCase(java.util.Locale.ROOT);
    List<String> secrets = new java.util.ArrayList<>(List.of(base32.toLowerCase(java.util.Locale.ROOT), code,
        PASSWORD, token, newToken));
    recovery.forEach(recoveryCode -> {
      secrets.add(recoveryCode);
      secrets.add(recoveryCode.replace("-", ""));
    });
    for (String secretText : secrets) {
      assertFalse(all.contains(secretText), "a secret in the audit log");
    }
    Api.Reply listed = api.get("/admin/audit?type=totp_recovery_code_used&user=" + id, admin);
    assertEquals(200, listed.status(), listed.toString());
    JsonArray used = listed.json().getJsonArray("events");
    assertEquals(3, used.size(), used.encode());
    for (Object event : used) {
      assertEquals("127.0.0.1", ((JsonObject) event).getString("address"));
      assertNotNull(((JsonObject) event).getString("requestId"));
    }
  }

  @Test
  void theForumsRegistrationLoginProfileChangesAndLogoutAreRecordedToo() {
    ForumClient browser = xphoto.browser();
    String username = uniqueName("flife");
    Api.Reply registered = browser.register(username, PASSWORD, "Forum life", null);
    assertEquals(ForumClient.ok("/forum/main"), registered.json());
    long id = idOfName(username);
    assertEvent(id, "signup", registered);
    Api.Reply changed = browser.put("/forum/user/info", new JsonObject().put("old_password", PASSWORD)
        .put("password", NEW_PASSWORD).put("email", emailOf(username)));
    assertEquals(200, changed.status(), changed.toString());
    assertEvent(id, "password_change", changed);
    assertEvent(id, "email_change", changed);
    // a logout whose event cannot be written keeps the session (one transaction)
    sql.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_logout CHECK (type <> 'signout') NOT VALID");
    try {
      assertEquals(500, browser.post("/forum/user/logout", new JsonObject()).status());
    } finally {
      sql.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_logout");
    }
    assertEquals(1, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", id).size(), "the session is kept");
    Api.Reply loggedOut = browser.post("/forum/user/logout", new JsonObject());
    assertEquals(200, loggedOut.status());
    assertEvent(id, "signout", loggedOut);
    assertEquals(0, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", id).size());
    Api.Reply wrong = browser.login(username, PASSWORD);
    assertEquals(ForumClient.failed("用户名或密码错误。"), wrong.json());
    assertEvent(id, "signin_failed", wrong);
    Api.Reply loggedIn = browser.login(username, NEW_PASSWORD);
    assertEquals(ForumClient.ok("/forum/main"), loggedIn.json());
    assertEvent(id, "signin_ok", loggedIn);
  }

  @Test
  void theOwnEventsAreTheLastFiftyNewestFirstAndTheExportCarriesTheSameList() {
    String token = xphoto.activeUser(uniqueName("recent"));
    long id = idOf(token);
    String bystander = xphoto.activeUser(uniqueName("bystander"));
    for (int i = 0; i < 55; i++) {
      assertEquals(401, api.signin(Jwts.payload(token).getString("username"), "wrong " + i).status());
      sql.execute("DELETE FROM signin_failures");
    }
    Api.Reply reply = api.get("/account/events", token);
    assertEquals(200, reply.status(), reply.toString());
    JsonArray events = reply.json().getJsonArray("events");
    assertEquals(50, events.size());
    JsonObject newest = events.getJsonObject(0);
    assertEquals("signin_failed", newest.getString("type"));
    assertEquals("127.0.0.1", newest.getString("address"));
    assertFalse(newest.getBoolean("byAdmin"));
    assertEquals("signin_failed", events.getJsonObject(49).getString("type"),
        "the sign-up, activation and sign-in are older than the last 50");
    List<Object> ids = sql.rows("SELECT request_id FROM audit_events WHERE user_id = ? ORDER BY at DESC, id DESC "
        + "LIMIT 50", id).stream().map(row -> row.get("request_id")).toList();
    assertEquals(ids, events.stream().map(e -> ((JsonObject) e).getString("requestId")).toList());

    Api.Reply export = api.get("/account/export", token);
    assertEquals(200, export.status());
    assertEquals(events, export.json().getJsonArray("securityEvents"));
    assertTrue(api.get("/account/events", bystander).json().getJsonArray("events").stream()
        .noneMatch(e -> ids.contains(((JsonObject) e).getString("requestId"))), "only one's own events");
    assertEquals(401, api.get("/account/events").status());
  }

  @Test
  void aChangeThatFailsLeavesNoEventAndAnEventThatCannotBeWrittenLeavesNoChange() {
    String username = uniqueName("atomic");
    String token = xphoto.activeUser(username);
    long id = idOf(token);
    String other = api.signin(username, PASSWORD).json().getString("JWTToken");
    // the event cannot be written: the password stays, the other token too
    sql.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_password_change CHECK (type <> 'password_change') NOT VALID");
    try {
      Api.Reply refused = api.post("/password/change", new JsonObject().put("old_password", PASSWORD)
          .put("password", NEW_PASSWORD).put("repeat_password", NEW_PASSWORD), token);
      assertEquals(500, refused.status(), refused.toString());
    } finally {
      sql.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_password_change");
    }
    assertEquals(200, api.signin(username, PASSWORD).status(), "the password did not change");
    assertEquals(401, api.signin(username, NEW_PASSWORD).status());
    assertEquals(200, api.get("/userInfo", other).status(), "nothing was revoked");
    assertEquals(0, sql.rows("SELECT 1 FROM audit_events WHERE user_id = ? AND type = 'password_change'", id).size());

    // the change fails (the account is gone meanwhile... here: a constraint refuses the new address): no event
    sql.execute("ALTER TABLE users ADD CONSTRAINT test_refuses_moves CHECK (email NOT LIKE 'moved.%') NOT VALID");
    try {
      String newEmail = "moved." + emailOf(username);
      assertEquals(200, api.post("/email/change", new JsonObject().put("email", newEmail).put("password", PASSWORD),
          token).status());
      Api.Reply refused = api.getAbsolute(
          Mailbox.link(xphoto.mailbox().awaitMessagesTo(newEmail, 1).get(0), "/email/confirm"));
      assertEquals(500, refused.status(), refused.toString());
    } finally {
      sql.execute("ALTER TABLE users DROP CONSTRAINT test_refuses_moves");
    }
    assertEquals(emailOf(username), sql.rows("SELECT email FROM users WHERE id = ?", id).get(0).get("email"));
    assertEquals(0, sql.rows("SELECT 1 FROM audit_events WHERE user_id = ? AND type = 'email_change'", id).size());

    // a sign-out whose event cannot be written keeps the token valid
    sql.execute("ALTER TABLE audit_events ADD CONSTRAINT test_refuses_signout CHECK (type <> 'signout') NOT VALID");
    try {
      assertEquals(500, api.post("/signout", null, other).status());
    } finally {
      sql.execute("ALTER TABLE audit_events DROP CONSTRAINT test_refuses_signout");
    }
    assertEquals(200, api.get("/userInfo", other).status(), "the token was not revoked");
  }

  @Test
  void deletingAnAccountKeepsOnlyTheRecordOfItsDeletion() {
    String username = uniqueName("gone");
    String token = xphoto.activeUser(username);
    long id = idOf(token);
    assertTrue(events(id).size() >= 3);
    Api.Reply deleted = delete("/account", new JsonObject().put("password", PASSWORD), token);
    assertEquals(200, deleted.status(), deleted.toString());
    List<Map<String, Object>> left = events(id);
    assertEquals(1, left.size(), left.toString());
    assertEvent(id, "account_deleted", deleted);
  }

  @Test
  void eventsOlderThanTheRetentionAreSwept() throws InterruptedException {
    String token = xphoto.activeUser(uniqueName("old"));
    long id = idOf(token);
    sql.execute("UPDATE audit_events SET at = now() - INTERVAL '91 days' WHERE user_id = ? AND type = 'signup'", id);
    sql.execute("UPDATE audit_events SET at = now() - INTERVAL '89 days' WHERE user_id = ? AND type = 'activation'", id);
    long deadline = System.currentTimeMillis() + 15_000;
    while (!sql.rows("SELECT 1 FROM audit_events WHERE user_id = ? AND type = 'signup'", id).isEmpty()
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(List.of("activation", "signin_ok"), events(id).stream().map(row -> row.get("type")).toList(),
        "the 91-day-old event is swept (audit.retention 90d), the 89-day-old one kept");
  }
}
