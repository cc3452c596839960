package io.xphoto;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.xphoto.config.StartRefused;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.ServerProcess;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code http.host} and {@code http.port}: a busy port is one line, found before the database is prepared. */
@ExtendWith(VertxExtension.class)
class HttpPortTest {

  private Path work;

  @BeforeEach
  void setUp() throws Exception {
    work = TestDirectories.create("http-port");
  }

  @AfterEach
  void tearDown() throws Exception {
    TestDirectories.delete(work);
  }

  @Test
  void aPortInUseStopsTheLauncherWithOneLineBeforeAnyDatabaseIsPrepared() throws Exception {
    Path dataDir = work.resolve("data");
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress("0.0.0.0", 0));
      int port = busy.getLocalPort();
      try (ServerProcess launcher = ServerProcess.start(work.resolve("launcher.log"), Map.of(
          "XPHOTO_DATA_DIR", dataDir.toString(),
          "XPHOTO_HTTP_PORT", Integer.toString(port),
          "XPHOTO_NODE_ROLES", ServerProcess.ROLES))) {
        assertNotEquals(0, launcher.awaitExit(Duration.ofSeconds(60)));
        List<String> lines = launcher.consoleLines();
        assertEquals(1, lines.size(), launcher.console());
        assertTrue(lines.get(0).contains("HTTP port " + port + " on 0.0.0.0 is already in use")
            && lines.get(0).contains("XPHOTO_HTTP_PORT"), lines.get(0));
      }
    }
    assertFalse(Files.exists(dataDir.resolve("postgres")), "no database was prepared");
  }

  @Test
  void aPortTakenWhileTheDatabaseIsPreparedIsStillOneLine() throws Exception {
    Path dataDir = work.resolve("data");
    int port = Ports.free();
    try (ServerProcess launcher = ServerProcess.start(work.resolve("launcher.log"), Map.of(
        "XPHOTO_DATA_DIR", dataDir.toString(),
        "XPHOTO_HTTP_PORT", Integer.toString(port),
        "XPHOTO_NODE_ROLES", ServerProcess.ROLES))) {
      // the port was free when the launcher checked it; the embedded database takes seconds to prepare
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!Files.exists(dataDir.resolve("postgres")) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      try (ServerSocket busy = new ServerSocket()) {
        busy.bind(new InetSocketAddress("0.0.0.0", port));
        assertNotEquals(0, launcher.awaitExit(Duration.ofSeconds(120)));
      }
      List<String> lines = launcher.consoleLines();
      assertTrue(lines.get(lines.size() - 1).contains("HTTP port " + port + " on 0.0.0.0 is already in use"), launcher.console());
      assertFalse(launcher.console().contains("Exception"), launcher.console());
    }
  }

  @Test
  void theServerListensOnHttpHostOnly(Vertx vertx) throws Exception {
    try (Mailbox mailbox = Mailbox.start();
         ServerSocket elsewhere = new ServerSocket()) {
      // another loopback address holds the port: busy for a server on every interface, not for one on 127.0.0.1
      elsewhere.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), Ports.free()));
      String port = Integer.toString(elsewhere.getLocalPort());
      String dataDir = work.resolve("data").toString();
      StartRefused refused = assertThrows(StartRefused.class,
          () -> TestServer.start(mailbox.port(), Map.of("http.port", port, "data.dir", dataDir)).close());
      assertTrue(refused.getMessage().contains("HTTP port " + port + " on 0.0.0.0 is already in use"), refused.getMessage());

      try (XphotoServer server = TestServer.start(mailbox.port(), Map.of("http.port", port, "http.host", "127.0.0.1", "data.dir", dataDir))) {
        assertEquals(200, new Api(vertx, server).get("/health").status());
      }
    }
  }
}
