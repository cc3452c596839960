package io.xphoto.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.PrometheusText;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code management.port} moves {@code /metrics} and the health endpoints off the main port; {@code metrics.enabled=false}
 * removes {@code /metrics}. The nodes here run no face workers, so their readiness also shows an HTTP node
 * missing a service it calls.
 */
@ExtendWith(VertxExtension.class)
class ManagementPortTest {

  private static final JsonObject NO_SUCH_ROUTE = new JsonObject().put("error", "接口不存在。");
  private static final String ROLES = "http,db,mail,storage";

  @Test
  void aManagementPortTakesMetricsAndHealthOffTheMainPort(Vertx vertx) throws Exception {
    int management = Ports.free();
    try (Mailbox mailbox = Mailbox.start();
         XphotoServer server = TestServer.start(mailbox.port(), Map.of("node.roles", ROLES,
             "management.port", Integer.toString(management)))) {
      Api api = new Api(vertx, server);
      for (String path : new String[] {"/metrics", "/health/live", "/health/ready"}) {
        Api.Reply reply = api.get(path);
        assertEquals(404, reply.status(), path + ": " + reply);
        assertEquals(NO_SUCH_ROUTE, reply.json(), path);
      }
      assertEquals(new JsonObject().put("status", "UP"), api.get("/health").json(), "/health stays on the main port");
      assertEquals(4, api.post("/signin", new JsonObject().put("username", "nobody").put("password", "x")).status() / 100);

      String base = "http://127.0.0.1:" + management;
      // Vert.x counts a request once its response is written, which can be just after the client has read it
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      PrometheusText scrape = scrape(api, base);
      while (!countsSignin(scrape) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        scrape = scrape(api, base);
      }
      assertEquals(1, scrape.value("xphoto_signins_total", Map.of("outcome", "wrong_password")));
      assertTrue(countsSignin(scrape), "the main port's requests are counted");
      assertEquals(200, api.getAbsolute(base + "/health/live").status());

      Api.Reply ready = api.getAbsolute(base + "/health/ready");
      assertEquals(503, ready.status(), ready.toString());
      assertEquals("DOWN", ready.json().getString("status"));
      JsonObject faces = check(ready.json(), "faces");
      assertEquals("DOWN", faces.getString("status"));
      assertEquals("no face worker on any node on the event bus", faces.getJsonObject("data").getString("reason"));
      assertEquals("UP", check(ready.json(), "database").getString("status"));
      assertEquals(404, api.getAbsolute(base + "/signin").status(), "only the operations endpoints there");
    }
  }

  @Test
  void withoutMetricsThereIsNoMetricsEndpoint(Vertx vertx) throws Exception {
    try (Mailbox mailbox = Mailbox.start();
         XphotoServer server = TestServer.start(mailbox.port(), Map.of("node.roles", ROLES, "metrics.enabled", "false"))) {
      Api api = new Api(vertx, server);
      Api.Reply metrics = api.get("/metrics");
      assertEquals(404, metrics.status(), metrics.toString());
      assertEquals(NO_SUCH_ROUTE, metrics.json());
      assertEquals(200, api.get("/health/live").status());
      Api.Reply ready = api.get("/health/ready");
      assertEquals(503, ready.status(), "no face worker: " + ready);
      assertFalse(Metrics.of(server.vertx()).enabled());
    }
  }

  static JsonObject check(JsonObject health, String id) {
    return health.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + id + " in " + health.encode()));
  }

  private static PrometheusText scrape(Api api, String base) {
    Api.Reply metrics = api.getAbsolute(base + "/metrics");
    assertEquals(200, metrics.status(), metrics.toString());
    return PrometheusText.parse(metrics.body().toString(StandardCharsets.UTF_8));
  }

  private static boolean countsSignin(PrometheusText scrape) {
    return scrape.series("vertx_http_server_requests_total").stream()
        .anyMatch(s -> s.labels().get("route").startsWith("/>/signin"));
  }
}
