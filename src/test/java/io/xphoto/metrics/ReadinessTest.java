package io.xphoto.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.cluster.NodeRole;
import io.xphoto.config.Settings;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.PrometheusText;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness follows the real dependencies: the embedded PostgreSQL killed (SIGKILL on its postmaster, as
 * DatabaseOutageTest does) makes it DOWN until the supervisor has restarted it, and the restart is counted; a
 * DB verticle that stops makes an HTTP node not ready.
 */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  @Test
  void readinessIsFalseWhilePostgresIsDeadAndTrueOnceItIsBack(Vertx vertx) throws Exception {
    Path dataDir = TestDirectories.create("readiness");
    try (Mailbox mailbox = Mailbox.start(); XphotoServer server = embedded(dataDir, mailbox)) {
      Api api = new Api(vertx, server);
      assertEquals(200, api.get("/health/ready").status(), api.get("/health/ready").toString());
      assertEquals(0, scrape(api).value("xphoto_embedded_postgres_restarts_total"));

      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/cluster/postmaster.pid"),
          StandardCharsets.US_ASCII).get(0).trim());
      assertEquals(server.database().orElseThrow().embedded().orElseThrow().process().pid(), pid);
      assertEquals(0, new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor());

      JsonObject down = awaitReady(api, 503);
      JsonObject database = ManagementPortTest.check(down, "database");
      assertEquals("DOWN", database.getString("status"), down.encode());
      assertEquals("UP", ManagementPortTest.check(down, "objectStore").getString("status"), down.encode());
      JsonObject up = awaitReady(api, 200);
      assertEquals("UP", ManagementPortTest.check(up, "database").getString("status"));
      // counted once the supervisor's restart returns, which may be just after the database answers again
      awaitRestartsCounted(api, 1);
    } finally {
      TestDirectories.delete(dataDir);
    }
  }

  @Test
  void anHttpNodeWhoseDbVerticleStoppedIsNotReady(Vertx vertx) throws Exception {
    try (Mailbox mailbox = Mailbox.start();
         XphotoServer server = TestServer.start(mailbox.port(), Map.of("node.roles", "http,db,storage"))) {
      Api api = new Api(vertx, server);
      Api.Reply before = api.get("/health/ready");
      assertEquals("UP", ManagementPortTest.check(before.json(), "database").getString("status"), before.toString());
      Api.join(server.vertx().undeploy(server.deployment(NodeRole.DB).orElseThrow()));

      long started = System.nanoTime();
      Api.Reply ready = api.get("/health/ready");
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "answered within the check's bound");
      assertEquals(503, ready.status(), ready.toString());
      assertEquals(new JsonObject().put("reason", "no database service (DB verticle) on the event bus"),
          ManagementPortTest.check(ready.json(), "database").getJsonObject("data"));
      assertEquals("UP", ManagementPortTest.check(ready.json(), "objectStore").getString("status"));
      assertEquals(503, api.get("/health").status(), "/health agrees");
    }
  }

  private static JsonObject awaitReady(Api api, int status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Api.Reply reply = api.get("/health/ready");
    while (reply.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(100);
      reply = api.get("/health/ready");
    }
    assertEquals(status, reply.status(), reply.toString());
    return reply.json();
  }

  private static void awaitRestartsCounted(Api api, double restarts) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (scrape(api).value("xphoto_embedded_postgres_restarts_total") != restarts && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(restarts, scrape(api).value("xphoto_embedded_postgres_restarts_total"));
  }

  private static PrometheusText scrape(Api api) {
    return PrometheusText.parse(api.get("/metrics").body().toString(StandardCharsets.UTF_8));
  }

  /** A server of every role with its own embedded PostgreSQL under {@code dataDir}. */
  private static XphotoServer embedded(Path dataDir, Mailbox mailbox) throws Exception {
    Map<String, String> settings = new HashMap<>(Map.of(
        "http.port", Integer.toString(Ports.free()),
        "data.dir", dataDir.toString(),
        "jwt.secret", TestServer.JWT_SECRET,
        "smtp.host", "127.0.0.1",
        "smtp.port", Integer.toString(mailbox.port()),
        "http.access-log", "false",
        "model.dir", TestAssets.models().toString()));
    return XphotoServer.start(Settings.load(Map.of()).with(settings));
  }
}
