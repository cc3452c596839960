package io.xphoto.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.Sql;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API through real HTTP on two HTTP nodes of one cluster (A also runs the database, B only HTTP): each
 * route, admins only (401 / 403 in the xphoto body, for Bearer tokens and forum sessions alike), a disabling
 * answered by A in force on B when the answer arrives, and the audit rows of every admin action.
 */
@ExtendWith(VertxExtension.class)
class AdminApiTest {

  private static final JsonObject UNAUTHORIZED = new JsonObject().put("error", "未登录或登录已过期。");
  private static final JsonObject FORBIDDEN = new JsonObject().put("error", "需要管理员权限。");
  private static final JsonObject NO_SUCH_USER = new JsonObject().put("error", "用户不存在。");
  private static final String ADMIN = uniqueName("chief");

  private static Mailbox mailbox;
  private static XphotoServer nodeA;
  private static XphotoServer nodeB;
  private static Api apiA;
  private static Api apiB;
  private static Sql sql;
  private static String admin;
  private static long adminId;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    mailbox = Mailbox.start();
    DatabaseTarget database = TestPostgres.freshDatabase();
    sql = new Sql(database);
    int[] hazelcastPorts = {Ports.free(), Ports.free()};
    String members = "127.0.0.1:" + hazelcastPorts[0] + ",127.0.0.1:" + hazelcastPorts[1];
    int portA = Ports.free();
    Map<String, String> shared = Map.of("cluster.members", members,
        "data.dir", TestDirectories.createForTheRun("admin-api").toString(),
        "public.url", "http://127.0.0.1:" + portA, "captcha.test-answer", CAPTCHA,
        "throttle.address-failures", "1000", "admins", ADMIN);
    Map<String, String> a = node("db,storage,mail,http", hazelcastPorts[0], shared);
    a.put("http.port", Integer.toString(portA));
    nodeA = TestServer.startOn(database, mailbox.port(), a);
    nodeB = TestServer.startOn(database, mailbox.port(), node("http", hazelcastPorts[1], shared));
    apiA = new Api(vertx, nodeA);
    apiB = new Api(vertx, nodeB);
    admin = activeUser(apiA, mailbox, ADMIN);
    adminId = idOf(admin);
  }

  private static Map<String, String> node(String roles, int hazelcastPort, Map<String, String> shared) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("node.roles", roles);
    settings.put("cluster.enabled", "true");
    settings.put("cluster.name", "xphoto-admin-" + ProcessHandle.current().pid());
    settings.put("cluster.port", Integer.toString(hazelcastPort));
    return settings;
  }

  @AfterAll
  static void stop() {
    nodeB.close();
    nodeA.close();
    mailbox.close();
  }

  private static long idOf(String token) {
    return Long.parseLong(Jwts.payload(token).getString("id"));
  }

  private static ForumClient loggedIn(XphotoServer node, String username) {
    ForumClient browser = new ForumClient(node.vertx(), node);
    assertEquals(ok("/forum/main"), browser.login(username, PASSWORD).json());
    return browser;
  }

  private static void assertAnswer(Api.Reply reply, int status, JsonObject body) {
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(body, reply.json());
  }

  private static JsonObject success(String message) {
    return new JsonObject().put("success", message);
  }

  /** The one audit row of this request. */
  private static Map<String, Object> auditRow(Api.Reply reply) {
    List<Map<String, Object>> rows = sql.rows("SELECT type, user_id, actor_id, address, details::text AS details "
        + "FROM audit_events WHERE request_id = ?", reply.header("X-Request-Id"));
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static void assertAdminAction(Api.Reply reply, String type, long userId) {
    Map<String, Object> row = auditRow(reply);
    assertEquals(type, row.get("type"));
    assertEquals(userId, row.get("user_id"));
    assertEquals(adminId, row.get("actor_id"), "the acting admin");
    assertEquals("127.0.0.1", row.get("address"));
  }

  @Test
  void onlyAdminsGetInAnsweringInTheXphotoBodyWhicheverWayTheyCame() {
    String user = uniqueName("plain");
    String token = activeUser(apiA, mailbox, user);
    ForumClient userBrowser = loggedIn(nodeB, user);
    ForumClient anonymous = new ForumClient(nodeB.vertx(), nodeB);
    List<String> gets = List.of("/admin/users", "/admin/audit");
    List<String> posts = List.of("/disable", "/enable", "/signout", "/role").stream()
        .map(action -> "/admin/users/" + adminId + action).toList();
    for (String path : gets) {
      Api.Reply none = apiB.get(path);
      assertAnswer(none, 401, UNAUTHORIZED);
      assertEquals("Bearer", none.header("WWW-Authenticate"));
      assertAnswer(anonymous.get(path), 401, UNAUTHORIZED);
      assertAnswer(apiB.get(path, token), 403, FORBIDDEN);
      assertAnswer(userBrowser.get(path), 403, FORBIDDEN);
      assertAnswer(apiB.get(path, "not.a.token"), 401, UNAUTHORIZED);
    }
    JsonObject role = new JsonObject().put("role", "user");
    for (String path : posts) {
      assertAnswer(apiA.post(path, role), 401, UNAUTHORIZED);
      assertAnswer(apiA.post(path, role, token), 403, FORBIDDEN);
      assertAnswer(userBrowser.post(path, role), 403, FORBIDDEN);
    }
    assertEquals("admin", sql.rows("SELECT role FROM users WHERE id = ?", adminId).get(0).get("role"),
        "nothing was done");
    assertEquals(200, apiB.get("/admin/users", admin).status());
    assertEquals(200, loggedIn(nodeB, ADMIN).get("/admin/users").status(), "a forum session of an admin");
  }

  @Test
  void theUserListFindsByUsernameOrEmailPrefixCaseInsensitivelyPagedWithRoleStateAndTimes() {
    String prefix = uniqueName("Find");
    String active = prefix + "a";
    String token = activeUser(apiA, mailbox, active);
    String inactive = prefix + "b";
    assertEquals(200, apiA.post("/signup", signup(inactive, emailOf(inactive), PASSWORD)).status());
    String disabled = prefix + "c";
    long disabledId = idOf(activeUser(apiA, mailbox, disabled));
    assertEquals(200, apiA.post("/admin/users/" + disabledId + "/disable", null, admin).status());

    Api.Reply reply = apiB.get("/admin/users?q=" + prefix.toUpperCase(), admin);
    assertEquals(200, reply.status(), reply.toString());
    JsonArray users = reply.json().getJsonArray("users");
    assertEquals(List.of(active, inactive, disabled), users.stream().map(u -> ((JsonObject) u).getString("username")).toList());
    JsonObject first = users.getJsonObject(0);
    assertEquals(idOf(token), first.getLong("id"));
    assertEquals(emailOf(active), first.getString("email"));
    assertEquals("user", first.getString("role"));
    assertEquals("active", first.getString("state"));
    assertTrue(Instant.parse(first.getString("created")).isAfter(Instant.now().minusSeconds(120)));
    assertTrue(Instant.parse(first.getString("lastSignin")).isAfter(Instant.now().minusSeconds(120)));
    assertEquals("inactive", users.getJsonObject(1).getString("state"));
    assertNull(users.getJsonObject(1).getValue("lastSignin"));
    assertEquals("disabled", users.getJsonObject(2).getString("state"));
    assertEquals(false, reply.json().getBoolean("more"));

    JsonArray byEmail = apiB.get("/admin/users?q=" + emailOf(inactive).toUpperCase(), admin).json().getJsonArray("users");
    assertEquals(List.of(inactive), byEmail.stream().map(u -> ((JsonObject) u).getString("username")).toList());
    JsonObject page2 = apiB.get("/admin/users?q=" + prefix + "&page=2&size=1", admin).json();
    assertEquals(inactive, page2.getJsonArray("users").getJsonObject(0).getString("username"));
    assertEquals(true, page2.getBoolean("more"));
    assertEquals(0, apiB.get("/admin/users?q=" + prefix + "_", admin).json().getJsonArray("users").size(),
        "_ is a letter, no wildcard");
    assertEquals("admin", apiB.get("/admin/users?q=" + ADMIN, admin).json().getJsonArray("users").getJsonObject(0)
        .getString("role"));
    for (String bad : List.of("page=0", "size=101", "size=x", "page=-1")) {
      assertAnswer(apiB.get("/admin/users?" + bad, admin), 422,
          new JsonObject().put("error", "page 必须是正整数，size 必须在 1 到 100 之间。"));
    }
  }

  @Test
  void disablingOnOneNodeEndsEverySigninOnBothBeforeTheAnswerAndEnablingLetsItBack() {
    String user = uniqueName("banned");
    String onA = activeUser(apiA, mailbox, user);
    long userId = idOf(onA);
    String onB = apiB.signin(user, PASSWORD).json().getString("JWTToken");
    ForumClient browserOnB = loggedIn(nodeB, user);
    assertEquals(200, apiB.get("/userInfo", onA).status(), "B has verified (and cached) the token");
    assertEquals(200, browserOnB.get("/forum/user/info").status());

    Api.Reply disabled = apiA.post("/admin/users/" + userId + "/disable", null, admin);
    assertAnswer(disabled, 200, success("帐号已停用，其所有登录已失效。"));
    for (Api api : List.of(apiA, apiB)) {
      assertAnswer(api.get("/userInfo", onA), 401, UNAUTHORIZED);
      assertAnswer(api.get("/userInfo", onB), 401, UNAUTHORIZED);
    }
    assertEquals(401, browserOnB.get("/forum/user/info").status());
    assertAdminAction(disabled, "account_disabled", userId);
    assertAnswer(apiB.signin(user, PASSWORD), 403, new JsonObject().put("error", "此帐号已被管理员停用。"));
    assertAnswer(apiB.signin(user, "a wrong password"), 401, new JsonObject().put("error", "用户名或密码错误"));
    assertEquals(ForumClient.failed("此帐号已被管理员停用。"),
        new ForumClient(nodeB.vertx(), nodeB).login(user, PASSWORD).json());
    assertEquals(0, sql.rows("SELECT 1 FROM issued_tokens WHERE user_id = ?", userId).size());
    assertEquals(0, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", userId).size());

    Api.Reply again = apiB.post("/admin/users/" + userId + "/disable", null, admin);
    assertEquals(200, again.status());
    assertEquals(0, sql.rows("SELECT 1 FROM audit_events WHERE request_id = ?", again.header("X-Request-Id")).size(),
        "no change, no event");

    Api.Reply enabled = apiB.post("/admin/users/" + userId + "/enable", null, admin);
    assertAnswer(enabled, 200, success("帐号已启用。"));
    assertAdminAction(enabled, "account_enabled", userId);
    assertEquals(200, apiA.signin(user, PASSWORD).status());
    assertEquals(ok("/forum/main"), new ForumClient(nodeA.vertx(), nodeA).login(user, PASSWORD).json());

    assertAnswer(apiA.post("/admin/users/" + adminId + "/disable", null, admin), 422,
        new JsonObject().put("error", "不能停用自己的帐号。"));
    assertAnswer(apiA.post("/admin/users/999999999/disable", null, admin), 404, NO_SUCH_USER);
    assertAnswer(apiA.post("/admin/users/abc/enable", null, admin), 422,
        new JsonObject().put("error", "用户 ID 必须是正整数。"));
    JsonObject events = apiA.get("/account/events", apiA.signin(user, PASSWORD).json().getString("JWTToken")).json();
    assertTrue(events.getJsonArray("events").stream().map(e -> (JsonObject) e)
        .anyMatch(e -> e.getString("type").equals("account_disabled") && e.getBoolean("byAdmin")));
  }

  @Test
  void anAdminsForumSessionDisablesToo_butNotFromAnotherSite() {
    String user = uniqueName("viaforum");
    long userId = idOf(activeUser(apiA, mailbox, user));
    ForumClient adminBrowser = loggedIn(nodeB, ADMIN);
    Api.Reply crossSite = adminBrowser.send(HttpMethod.POST, "/admin/users/" + userId + "/disable",
        Map.of("Origin", "https://evil.example"), null);
    assertAnswer(crossSite, 403, new JsonObject().put("error", "拒绝跨站请求。"));
    assertEquals(200, apiA.signin(user, PASSWORD).status(), "not disabled");
    Api.Reply disabled = adminBrowser.send(HttpMethod.POST, "/admin/users/" + userId + "/disable", Map.of(), null);
    assertAnswer(disabled, 200, success("帐号已停用，其所有登录已失效。"));
    assertAdminAction(disabled, "account_disabled", userId);
    assertEquals(403, apiA.signin(user, PASSWORD).status());
  }

  @Test
  void signingAnAccountOutEndsItsTokensAndSessionsOnBothNodes() {
    String user = uniqueName("kicked");
    String onA = activeUser(apiA, mailbox, user);
    long userId = idOf(onA);
    ForumClient browserOnA = loggedIn(nodeA, user);
    assertEquals(200, apiB.get("/userInfo", onA).status());
    Api.Reply reply = apiB.post("/admin/users/" + userId + "/signout", null, admin);
    assertAnswer(reply, 200, success("已让该帐号在所有设备上退出登录。"));
    assertAnswer(apiA.get("/userInfo", onA), 401, UNAUTHORIZED);
    assertAnswer(apiB.get("/userInfo", onA), 401, UNAUTHORIZED);
    assertEquals(401, browserOnA.get("/forum/user/info").status());
    assertEquals(401, browserOnA.on(nodeB).get("/forum/user/info").status());
    assertAdminAction(reply, "admin_signout", userId);
    assertEquals(200, apiB.signin(user, PASSWORD).status(), "it may sign in again");
    assertAnswer(apiB.post("/admin/users/999999999/signout", null, admin), 404, NO_SUCH_USER);
  }

  @Test
  void theRoleIsSetAsTheCommandSetsItAndTakesEffectAtOnce() {
    String user = uniqueName("deputy");
    String token = activeUser(apiA, mailbox, user);
    long userId = idOf(token);
    assertEquals(403, apiB.get("/admin/audit", token).status());
    Api.Reply granted = apiA.post("/admin/users/" + userId + "/role", new JsonObject().put("role", "admin"), admin);
    assertAnswer(granted, 200, success("角色已修改。"));
    Map<String, Object> row = auditRow(granted);
    assertEquals("role_change", row.get("type"));
    assertEquals(adminId, row.get("actor_id"));
    assertEquals(new JsonObject().put("role", "admin"), new JsonObject(row.get("details").toString()));
    assertEquals(200, apiB.get("/admin/audit", token).status(), "the same token: the role is read at each request");
    Api.Reply revoked = apiB.post("/admin/users/" + userId + "/role", new JsonObject().put("role", "user"), admin);
    assertEquals(200, revoked.status());
    assertAnswer(apiB.get("/admin/audit", token), 403, FORBIDDEN);
    for (JsonObject bad : List.of(new JsonObject().put("role", "root"), new JsonObject(), new JsonObject().put("role", 1))) {
      assertAnswer(apiA.post("/admin/users/" + userId + "/role", bad, admin), 422,
          new JsonObject().put("error", "role 必须是 admin 或 user。"));
    }
    assertAnswer(apiA.post("/admin/users/999999999/role", new JsonObject().put("role", "user"), admin), 404,
        NO_SUCH_USER);
    assertEquals("user", sql.rows("SELECT role FROM users WHERE id = ?", userId).get(0).get("role"));
  }

  @Test
  void theAuditLogIsFilteredByAccountTypeAndTime() {
    String user = uniqueName("watched");
    String token = activeUser(apiA, mailbox, user);
    long userId = idOf(token);
    String before = Instant.now().toString();
    assertEquals(200, apiA.post("/admin/users/" + userId + "/signout", null, admin).status());

    JsonObject all = apiB.get("/admin/audit?user=" + userId, admin).json();
    List<String> types = all.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")).toList();
    assertEquals(List.of("admin_signout", "signin_ok", "activation", "signup"), types);
    JsonObject newest = all.getJsonArray("events").getJsonObject(0);
    assertEquals(userId, newest.getLong("userId"));
    assertEquals(adminId, newest.getLong("actorId"));
    assertNotNull(newest.getString("requestId"));
    assertEquals(false, all.getBoolean("more"));

    JsonArray signups = apiB.get("/admin/audit?user=" + userId + "&type=signup", admin).json().getJsonArray("events");
    assertEquals(1, signups.size());
    JsonArray recent = apiB.get("/admin/audit?user=" + userId + "&since=" + before, admin).json().getJsonArray("events");
    assertEquals(List.of("admin_signout"), recent.stream().map(e -> ((JsonObject) e).getString("type")).toList());
    JsonArray byAdmin = apiB.get("/admin/audit?user=" + adminId + "&type=admin_signout", admin).json()
        .getJsonArray("events");
    assertTrue(byAdmin.stream().anyMatch(e -> ((JsonObject) e).getLong("userId") == userId),
        "an admin's actions are found by its id");
    assertAnswer(apiB.get("/admin/audit?type=nonsense", admin), 422, new JsonObject().put("error", "未知的事件类型。"));
    assertAnswer(apiB.get("/admin/audit?since=yesterday", admin), 422,
        new JsonObject().put("error", "since 必须是 ISO-8601 时间，例如 2026-12-07T00:00:00Z。"));
    assertAnswer(apiB.get("/admin/audit?user=x", admin), 422, new JsonObject().put("error", "用户 ID 必须是正整数。"));
  }
}
