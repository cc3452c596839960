package io.xphoto.forum;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.AdminCommand;
import io.xphoto.XphotoServer;
import io.xphoto.config.Settings;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.ServerProcess;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static io.xphoto.support.ForumClient.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code admin grant|revoke} on the default installation (embedded PostgreSQL), with the server running and
 * not, and on a data dir that holds no installation.
 */
@ExtendWith(VertxExtension.class)
class AdminCommandTest {

  private Path work;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirectories.create("admin");
  }

  @AfterEach
  void tearDown() throws Exception {
    TestDirectories.delete(work);
  }

  @Test
  void grantsOnARunningEmbeddedDatabaseWithoutDisturbingItAndRevokesWhenNothingRuns(Vertx vertx) throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> config = Map.of("data.dir", dataDir.toString(), "captcha.test-answer", CAPTCHA);
    String username = uniqueName("root");
    // what ./run.sh admin sees: the installation's configuration, not a running server's resolved one
    Settings settings = Settings.load(Map.of()).with(Map.of("data.dir", dataDir.toString()));
    try (XphotoServer server = TestServer.startWith(config)) {
      ForumClient browser = new ForumClient(vertx, server);
      assertEquals(ok("/forum/main"), browser.register(username, PASSWORD, "Administrator", null).json());
      assertEquals("user", browser.me().getString("role"));
      long postmaster = server.database().orElseThrow().embedded().orElseThrow().process().pid();

      assertEquals(0, admin(settings, "grant", username));
      assertEquals("admin", browser.me().getString("role"), "the running server sees it at once");
      Api.Reply audit = browser.get("/admin/audit?type=role_change&user=" + browser.me().getLong("userID"));
      assertEquals(200, audit.status(), audit.toString());
      JsonObject event = audit.json().getJsonArray("events").getJsonObject(0);
      assertEquals(new JsonObject().put("via", "command").put("role", "admin"), event.getJsonObject("details"),
          "the command's change is the admin API's, with its audit event");
      assertNull(event.getValue("actorId"));
      assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the server's PostgreSQL still runs");
    }

    assertEquals(0, admin(settings, "revoke", username));
    try (XphotoServer restarted = TestServer.startWith(config)) {
      ForumClient browser = new ForumClient(vertx, restarted);
      assertEquals(ok("/forum/main"), browser.login(username, PASSWORD).json());
      assertEquals("user", browser.me().getString("role"));
    }
  }

  @Test
  void aDataDirWithoutAnInstallationIsSaidInOneLineAndLeftAsItWas() throws Exception {
    Path empty = Files.createDirectory(work.resolve("empty"));
    Path missing = work.resolve("missing");
    for (Path dataDir : List.of(empty, missing)) {
      try (ServerProcess command = ServerProcess.start(work.resolve(dataDir.getFileName() + ".log"),
          Map.of("XPHOTO_DATA_DIR", dataDir.toString()), "admin", "grant", "alice")) {
        assertNotEquals(0, command.awaitExit(Duration.ofSeconds(60)));
        assertEquals(List.of("no xphoto installation in " + dataDir + " (it has no embedded database): start the "
            + "server there once, or name the installation with XPHOTO_DATA_DIR or XPHOTO_DB_URL"), command.consoleLines());
      }
    }
    try (Stream<Path> files = Files.list(empty)) {
      assertEquals(0, files.count(), "nothing created in the empty data dir");
    }
    assertFalse(Files.exists(missing), "no data dir created");
  }

  private static int admin(Settings settings, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return AdminCommand.run(settings, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
  }
}
