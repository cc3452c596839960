package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failed sign-ins are limited per account and per address, in the database, so every node shares them. */
@ExtendWith(VertxExtension.class)
class ThrottlingTest {

  private static final Map<String, String> LIMITS = Map.of(
      "throttle.account-failures", "3",
      "throttle.address-failures", "6",
      "throttle.window", "3s");

  private Mailbox mailbox;
  private DatabaseTarget database;
  private XphotoServer server;
  private Api api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    mailbox = Mailbox.start();
    database = TestPostgres.freshDatabase();
    server = TestServer.startOn(database, mailbox.port(), LIMITS);
    api = new Api(vertx, server);
  }

  @AfterEach
  void stop() {
    server.close();
    mailbox.close();
  }

  @Test
  void anAccountIsLockedAfterItsFailuresUntilTheWindowPasses() throws Exception {
    String username = uniqueName("nina");
    activeUser(api, mailbox, username);
    for (int i = 0; i < 3; i++) {
      assertEquals(401, signin(api, username, "wrong password").status());
    }
    Api.Reply locked = signin(api, username, PASSWORD);
    assertEquals(429, locked.status(), "even the right password waits");
    assertEquals(new JsonObject().put("error", "登录失败次数过多，请稍后再试。"), locked.json());
    int retryAfter = Integer.parseInt(locked.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 3, "Retry-After " + retryAfter);
    assertEquals(429, signin(api, emailOf(username), PASSWORD).status(), "the email names the same account");

    Thread.sleep(retryAfter * 1000L + 200);
    assertEquals(200, signin(api, username, PASSWORD).status());
  }

  @Test
  void aSuccessfulSigninResetsTheAccountsCount() throws Exception {
    String username = uniqueName("oscar");
    activeUser(api, mailbox, username);
    for (int round = 0; round < 2; round++) {
      assertEquals(401, signin(api, username, "wrong password").status());
      assertEquals(401, signin(api, username, "wrong password").status());
      assertEquals(200, signin(api, username, PASSWORD).status());
    }
  }

  @Test
  void oneAddressTryingManyAccountsIsLocked() {
    for (int i = 0; i < 6; i++) {
      assertEquals(401, signin(api, uniqueName("ghost"), "whatever1").status());
    }
    Api.Reply locked = signin(api, uniqueName("ghost"), "whatever1");
    assertEquals(429, locked.status());
    assertTrue(Integer.parseInt(locked.header("Retry-After")) >= 1);
  }

  @Test
  void failuresCountOnEveryNode(Vertx vertx) throws Exception {
    String username = uniqueName("paula");
    activeUser(api, mailbox, username);
    try (XphotoServer otherNode = TestServer.startOn(database, mailbox.port(), LIMITS)) {
      Api other = new Api(vertx, otherNode);
      assertEquals(401, signin(api, username, "wrong password").status());
      assertEquals(401, signin(other, username, "wrong password").status());
      assertEquals(401, signin(api, username, "wrong password").status());
      assertEquals(429, signin(other, username, PASSWORD).status());
    }
  }

  private static Api.Reply signin(Api api, String username, String password) {
    return api.post("/signin", new JsonObject().put("username", username).put("password", password));
  }
}
