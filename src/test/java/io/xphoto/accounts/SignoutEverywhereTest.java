package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Sql;
import io.xphoto.support.TwoNodeCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Account-wide revocation across two HTTP nodes of one cluster (node A also runs the database service, B
 * only HTTP): {@code /signout/all}, {@code /password/change} and the forum's password change, each answered
 * by one node and in force on the other when the answer arrives, for Bearer tokens and forum sessions alike.
 */
@ExtendWith(VertxExtension.class)
class SignoutEverywhereTest {

  private static final JsonObject UNAUTHORIZED = new JsonObject().put("error", "未登录或登录已过期。");
  private static final JsonObject FORUM_UNAUTHORIZED = ForumClient.failed("请先登录。");
  private static final JsonObject WRONG = new JsonObject().put("error", "用户名或密码错误");
  private static final String NEW_PASSWORD = "battery staple 43";
  private static final String ADMIN = uniqueName("chief");

  private static TwoNodeCluster cluster;
  private static Mailbox mailbox;
  private static XphotoServer nodeA;
  private static XphotoServer nodeB;
  private static Api apiA;
  private static Api apiB;
  private static Sql sql;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    cluster = TwoNodeCluster.start(vertx, "signout-everywhere", ADMIN);
    mailbox = cluster.mailbox();
    nodeA = cluster.nodeA();
    nodeB = cluster.nodeB();
    apiA = cluster.apiA();
    apiB = cluster.apiB();
    sql = cluster.sql();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static String signin(Api api, String username, String password) {
    Api.Reply reply = api.post("/signin", new JsonObject().put("username", username).put("password", password));
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getString("JWTToken");
  }

  private static void assertRefused(Api api, String token) {
    Api.Reply reply = api.get("/userInfo", token);
    assertEquals(401, reply.status());
    assertEquals(UNAUTHORIZED, reply.json());
    assertEquals("Bearer", reply.header("WWW-Authenticate"));
  }

  private static void assertForumRefused(ForumClient browser) {
    Api.Reply reply = browser.get("/forum/user/info");
    assertEquals(401, reply.status());
    assertEquals(FORUM_UNAUTHORIZED, reply.json());
  }

  private static ForumClient loggedIn(XphotoServer node, String username, String password) {
    ForumClient browser = new ForumClient(node.vertx(), node);
    assertEquals(ok("/forum/main"), browser.login(username, password).json());
    return browser;
  }

  @Test
  void signingOutEverywhereOnOneNodeEndsEveryTokenAndSessionOnBoth() {
    String username = uniqueName("every");
    String onA = activeUser(apiA, mailbox, username);
    String onB = signin(apiB, username, PASSWORD);
    ForumClient browserOnB = loggedIn(nodeB, username, PASSWORD);
    ForumClient browserOnA = loggedIn(nodeA, username, PASSWORD);
    String bystander = activeUser(apiA, mailbox, uniqueName("other"));
    assertEquals(200, apiB.get("/userInfo", onA).status(), "B has verified (and cached) the token");
    assertEquals(200, browserOnB.get("/forum/user/info").status());

    Api.Reply reply = apiA.post("/signout/all", null, onA);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals("{\"success\":\"已在所有设备上退出登录。\"}", reply.body().toString());

    for (Api api : List.of(apiA, apiB)) {
      assertRefused(api, onA);
      assertRefused(api, onB);
    }
    assertForumRefused(browserOnB);
    assertForumRefused(browserOnA);
    assertForumRefused(browserOnA.on(nodeB));
    assertEquals(200, apiB.get("/userInfo", bystander).status(), "another account is not touched");
    long userId = Long.parseLong(Jwts.payload(onA).getString("id"));
    assertEquals(0, sql.rows("SELECT 1 FROM issued_tokens WHERE user_id = ?", userId).size());
    assertEquals(0, sql.rows("SELECT 1 FROM web_sessions WHERE user_id = ?", userId).size());

    assertEquals(200, apiB.get("/userInfo", signin(apiB, username, PASSWORD)).status(), "a new sign-in works");
    Api.Reply again = apiB.post("/signout/all", null, onA);
    assertEquals(401, again.status());
    assertEquals(UNAUTHORIZED, again.json());
  }

  @Test
  void aPasswordChangeOnOneNodeEndsTheOtherSigninsOnBothAndKeepsTheCallingToken() {
    String username = uniqueName("chg");
    String caller = activeUser(apiA, mailbox, username);
    String otherOnA = signin(apiA, username, PASSWORD);
    String otherOnB = signin(apiB, username, PASSWORD);
    ForumClient browserOnB = loggedIn(nodeB, username, PASSWORD);
    assertEquals(200, apiA.get("/userInfo", otherOnB).status());

    Api.Reply reply = apiB.post("/password/change", new JsonObject().put("old_password", PASSWORD)
        .put("password", NEW_PASSWORD).put("repeat_password", NEW_PASSWORD), caller);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals("{\"success\":\"密码已修改，其他设备上的登录已失效。\"}", reply.body().toString());

    for (Api api : List.of(apiA, apiB)) {
      assertRefused(api, otherOnA);
      assertRefused(api, otherOnB);
      assertEquals(200, api.get("/userInfo", caller).status(), "the calling token stays valid");
    }
    assertForumRefused(browserOnB);
    assertForumRefused(browserOnB.on(nodeA));
    Api.Reply old = apiA.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
    assertEquals(401, old.status());
    assertEquals(WRONG, old.json());
    assertEquals(200, apiB.get("/userInfo", signin(apiB, username, NEW_PASSWORD)).status());
  }

  @Test
  void theForumsPasswordChangeKeepsTheCallingSessionAndEndsTheRest() {
    String username = uniqueName("fchg");
    String token = activeUser(apiA, mailbox, username);
    ForumClient caller = loggedIn(nodeA, username, PASSWORD);
    ForumClient otherBrowser = loggedIn(nodeB, username, PASSWORD);

    assertEquals(ok("/forum/user/info"), caller.on(nodeB).put("/forum/user/info",
        new JsonObject().put("old_password", PASSWORD).put("password", NEW_PASSWORD)).json());

    assertEquals(200, caller.get("/forum/user/info").status(), "the calling session stays");
    assertEquals(200, caller.on(nodeB).get("/forum/user/info").status());
    assertForumRefused(otherBrowser);
    assertForumRefused(otherBrowser.on(nodeA));
    assertRefused(apiA, token);
    assertRefused(apiB, token);
  }

  @Test
  void theForumsPasswordChangeByBearerKeepsThatToken() {
    String username = uniqueName("fbear");
    String caller = activeUser(apiA, mailbox, username);
    String other = signin(apiB, username, PASSWORD);
    ForumClient browser = loggedIn(nodeA, username, PASSWORD);
    ForumClient byToken = new ForumClient(nodeB.vertx(), nodeB).header("Authorization", "Bearer " + caller);

    assertEquals(ok("/forum/user/info"), byToken.put("/forum/user/info",
        new JsonObject().put("old_password", PASSWORD).put("password", NEW_PASSWORD)).json());

    assertEquals(200, apiA.get("/userInfo", caller).status());
    assertEquals(200, apiB.get("/userInfo", caller).status());
    assertRefused(apiA, other);
    assertRefused(apiB, other);
    assertForumRefused(browser);
  }

  @Test
  void anAdminSettingAnotherAccountsPasswordEndsAllOfItsSignins() {
    activeUser(apiA, mailbox, ADMIN);
    ForumClient admin = loggedIn(nodeA, ADMIN, PASSWORD);
    String username = uniqueName("victim");
    String token = activeUser(apiA, mailbox, username);
    ForumClient browser = loggedIn(nodeB, username, PASSWORD);
    long userId = Long.parseLong(Jwts.payload(token).getString("id"));

    assertEquals(ok("/forum/user/info"), admin.put("/forum/user/info",
        new JsonObject().put("userID", userId).put("password", NEW_PASSWORD)).json());

    assertRefused(apiA, token);
    assertRefused(apiB, token);
    assertForumRefused(browser);
    assertForumRefused(browser.on(nodeA));
    assertEquals(200, admin.on(nodeB).get("/forum/user/info").status(), "the admin's own session stays");
  }
}
