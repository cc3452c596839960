package io.xphoto.database;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default installation: no db.url, so the server runs its own PostgreSQL under the data dir. */
@ExtendWith(VertxExtension.class)
class EmbeddedDatabaseTest {

  private Mailbox mailbox;
  private Path dataDir;
  private Map<String, String> settings;

  @BeforeEach
  void setUp() throws Exception {
    mailbox = Mailbox.start();
    dataDir = TestDirectories.create("embedded");
    settings = Map.of(
        "data.dir", dataDir.toString(),
        "smtp.host", "127.0.0.1",
        "smtp.port", Integer.toString(mailbox.port()));
  }

  @AfterEach
  void tearDown() throws Exception {
    mailbox.close();
    TestDirectories.delete(dataDir);
  }

  @Test
  void accountsAndSignoutsSurviveARestart(Vertx vertx) throws Exception {
    String username = uniqueName("sam");
    String signedOut;
    Path cluster;
    try (XphotoServer server = TestServer.startWith(settings)) {
      Api api = new Api(vertx, server);
      assertTrue(server.database().orElseThrow().embedded().isPresent());
      cluster = Path.of(settings.get("data.dir"), "postgres", "cluster");
      assertTrue(Files.exists(cluster.resolve("PG_VERSION")));
      signedOut = activeUser(api, mailbox, username);
      assertEquals(200, api.post("/signout", null, signedOut).status());
    }
    assertFalse(Files.exists(cluster.resolve("postmaster.pid")), "PostgreSQL stopped cleanly");

    try (XphotoServer restarted = TestServer.startWith(settings)) {
      Api api = new Api(vertx, restarted);
      assertEquals(200, signin(api, username).status());
      assertEquals(401, api.get("/userInfo", signedOut).status(), "a sign-out outlives the restart");
    }
  }

  @Test
  void aCrashedDatabaseIsRestartedWhileTheServerRuns(Vertx vertx) throws Exception {
    String username = uniqueName("tara");
    try (XphotoServer server = TestServer.startWith(settings)) {
      Api api = new Api(vertx, server);
      activeUser(api, mailbox, username);
      EmbeddedPostgres postgres = server.database().orElseThrow().embedded().orElseThrow();
      ProcessHandle postmaster = postgres.process();
      postmaster.destroyForcibly();
      postmaster.onExit().get(10, TimeUnit.SECONDS);

      Api.Reply during = signin(api, username);
      if (during.status() != 200) { // unless the restart was quicker than this request
        assertEquals(503, during.status(), during.toString());
        assertEquals("5", during.header("Retry-After"));
        assertEquals(new JsonObject().put("error", "服务暂时不可用，请稍后再试。"), during.json());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (api.get("/health").status() != 200) {
        assertTrue(System.nanoTime() < deadline, "PostgreSQL restarted within 30 s");
        Thread.sleep(50);
      }
      assertNotEquals(postmaster.pid(), postgres.process().pid());
      assertEquals(200, signin(api, username).status());
    }
    try (XphotoServer restarted = TestServer.startWith(settings)) {
      Api api = new Api(vertx, restarted);
      assertEquals(200, api.get("/health").status());
      assertEquals(200, signin(api, username).status());
    }
  }

  private static Api.Reply signin(Api api, String username) {
    return api.signin(username, PASSWORD);
  }
}
