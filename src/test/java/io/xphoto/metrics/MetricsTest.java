package io.xphoto.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.PrometheusText;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /metrics} and {@code GET /health/live|ready} of a server running every role, through real HTTP: the
 * scrape parsed as a Prometheus server reads it, the named series checked after real traffic (each server has its
 * own registry, so the counts are exact), the HTTP series labelled by route template only.
 */
@ExtendWith(VertxExtension.class)
class MetricsTest {

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("throttle.account-address-failures", "2"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theServersSeriesCountRealTraffic() throws Exception {
    PrometheusText before = scrape();
    String token = xphoto.activeUser(uniqueName("mok"));
    assertEquals(4, xphoto.api().signin(uniqueName("nobody"), PASSWORD).status() / 100);

    String inactive = uniqueName("minact");
    assertEquals(200, xphoto.api().post("/signup", signup(inactive, emailOf(inactive), PASSWORD)).status());
    assertEquals(4, xphoto.api().signin(inactive, PASSWORD).status() / 100);
    String guessed = uniqueName("mthr");
    assertEquals(4, xphoto.api().signin(guessed, "wrong 1").status() / 100);
    assertEquals(4, xphoto.api().signin(guessed, "wrong 2").status() / 100);
    assertEquals(429, xphoto.api().signin(guessed, "wrong 3").status());
    // a password asked for again is checked like a sign-in, but nobody signs in: not counted
    JsonObject change = new JsonObject().put("password", PASSWORD + " 2").put("repeat_password", PASSWORD + " 2");
    assertEquals(422, xphoto.api().post("/password/change", change.copy().put("old_password", "wrong"), token).status());
    assertEquals(200, xphoto.api().post("/password/change", change.copy().put("old_password", PASSWORD), token).status());

    Api.Reply uploaded = xphoto.api().upload("/upload", token, png(16, 16, 1), png(24, 24, 2));
    assertEquals(200, uploaded.status(), uploaded.toString());
    long storedBytes = 0;
    for (Object url : uploaded.json().getJsonArray("urls")) {
      Api.Reply object = xphoto.api().getAbsolute((String) url);
      assertEquals(200, object.status());
      storedBytes += object.body().length();
    }
    assertEquals(415, xphoto.api().upload("/upload", token, "not an image".getBytes(StandardCharsets.UTF_8)).status());

    assertEquals(201, xphoto.api().upload("/images-db", token, jpeg(portrait(ANNA), 0.9f)).status());
    for (int i = 0; i < 2; i++) {
      Api.Reply found = xphoto.api().upload("/images-db/?search", token,
          List.of(Map.entry("faceFile", TestAssets.samplePhoto(ANNA.sample()))));
      assertEquals(200, found.status(), found.toString());
    }
    xphoto.mailbox().awaitMessagesTo(emailOf(inactive), 1);

    PrometheusText after = scrapeUntil(s -> s.value("xphoto_mails_sent_total")
        >= before.valueOr("xphoto_mails_sent_total", Map.of(), 0) + 2);
    Counts scrape = new Counts(before, after);
    assertEquals(1, scrape.value("xphoto_signins_total", Map.of("outcome", "ok")));
    assertEquals(3, scrape.value("xphoto_signins_total", Map.of("outcome", "wrong_password")));
    assertEquals(1, scrape.value("xphoto_signins_total", Map.of("outcome", "inactive")));
    assertEquals(1, scrape.value("xphoto_signins_total", Map.of("outcome", "throttled")));
    assertEquals(2, scrape.value("xphoto_signups_total"));
    assertEquals(2, scrape.value("xphoto_mails_queued_total"));
    assertEquals(2, scrape.value("xphoto_mails_sent_total"));
    assertEquals(0, scrape.value("xphoto_mails_failed_total"));
    assertTrue(after.value("xphoto_mail_outbox_oldest_unsent_seconds") >= 0);
    assertEquals(2, scrape.value("xphoto_uploads_total"));
    assertEquals(storedBytes, scrape.value("xphoto_upload_bytes_total"));
    assertEquals(1, scrape.value("xphoto_uploads_refused_total", Map.of("reason", "not_an_image")));
    assertEquals(1, scrape.value("xphoto_face_requests_total", Map.of("operation", "register", "outcome", "registered")));
    assertEquals(2, scrape.value("xphoto_face_requests_total", Map.of("operation", "search", "outcome", "matched")));
    for (String stage : List.of("detect", "landmarks", "embed")) {
      assertTrue(scrape.value("xphoto_face_stage_seconds_count", Map.of("stage", stage)) >= 3, stage);
      assertTrue(scrape.value("xphoto_face_stage_seconds_sum", Map.of("stage", stage)) > 0, stage);
    }
    assertEquals(2, scrape.value("xphoto_face_stage_seconds_count", Map.of("stage", "search")));
    assertEquals(1, scrape.value("xphoto_face_library_cache_loads_total"));
    assertEquals(1, scrape.value("xphoto_face_library_cache_hits_total"));
    assertTrue(after.value("xphoto_face_library_cache_faces") >= 1);
    assertTrue(after.value("xphoto_face_library_cache_bytes") > 0);

    // the route label is the chain of the templates the request matched, joined by '>' (the root router's "/*" first)
    assertTrue(after.sum("vertx_http_server_requests_total", Map.of("route", "/>/signin", "code", "200"))
            - before.sum("vertx_http_server_requests_total", Map.of("route", "/>/signin", "code", "200")) == 1,
        "sign-ins by route: " + after.series("vertx_http_server_requests_total"));
    assertFalse(after.series("jvm_memory_used_bytes").isEmpty(), "JVM metrics");
    assertFalse(after.series("vertx_eventbus_handlers").isEmpty(), "event-bus metrics");
    assertFalse(after.series("vertx_pool_usage_seconds_count").isEmpty(), "pool metrics");
  }

  /** What the traffic of one test added to each series (the server is shared by the tests of the class). */
  private record Counts(PrometheusText before, PrometheusText after) {

    double value(String name, Map<String, String> labels) {
      return after.value(name, labels) - before.valueOr(name, labels, 0);
    }

    double value(String name) {
      return value(name, Map.of());
    }
  }

  @Test
  void httpSeriesAreLabelledByRouteTemplateNeverByPath() throws InterruptedException {
    String token = xphoto.activeUser(uniqueName("mroute"));
    Api.Reply uploaded = xphoto.api().upload("/upload", token, png(16, 16, 3), png(16, 16, 4));
    assertEquals(200, uploaded.status(), uploaded.toString());
    List<String> names = new ArrayList<>();
    for (Object url : uploaded.json().getJsonArray("urls")) {
      assertEquals(200, xphoto.api().getAbsolute((String) url).status());
      names.add(((String) url).substring(((String) url).lastIndexOf('/') + 1));
    }
    String random = "r" + UUID.randomUUID().toString().replace("-", "");
    double notFoundBefore = notFound(scrape());
    assertEquals(404, xphoto.api().get("/" + random).status());
    assertEquals(404, xphoto.api().get("/objects/" + random).status());

    // a request is counted once its response is written, which can be just after the client has read it
    PrometheusText scrape = scrapeUntil(s -> notFound(s) >= notFoundBefore + 2);
    Set<String> values = scrape.samples().stream().flatMap(s -> s.labels().values().stream())
        .collect(Collectors.toSet());
    for (String name : names) {
      assertTrue(values.stream().noneMatch(value -> value.contains(name)), "an object's name became a label: " + name);
    }
    assertTrue(values.stream().noneMatch(value -> value.contains(random)), "a requested path became a label");
    Set<String> routes = scrape.series("vertx_http_server_requests_total").stream()
        .map(s -> s.labels().get("route")).collect(Collectors.toSet());
    assertTrue(routes.stream().anyMatch(route -> route.contains("/objects/")), "served objects by their template: " + routes);
  }

  @Test
  void readinessListsEachDependencyOfTheNodesRoles() {
    assertEquals(new JsonObject().put("status", "UP"), xphoto.api().get("/health").json(), "/health as it was");
    Api.Reply live = xphoto.api().get("/health/live");
    assertEquals(200, live.status(), live.toString());
    assertEquals("UP", live.json().getString("status"));
    Api.Reply ready = xphoto.api().get("/health/ready");
    assertEquals(200, ready.status(), ready.toString());
    assertEquals("UP", ready.json().getString("status"));
    JsonArray checks = ready.json().getJsonArray("checks");
    assertEquals(Set.of("database", "objectStore", "faces", "mail"),
        checks.stream().map(c -> ((JsonObject) c).getString("id")).collect(Collectors.toSet()), checks.encode());
    checks.forEach(c -> assertEquals("UP", ((JsonObject) c).getString("status"), checks.encode()));
  }

  static PrometheusText scrape(Api api) {
    Api.Reply reply = api.get("/metrics");
    assertEquals(200, reply.status(), reply.toString());
    assertTrue(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"), reply.header("Content-Type"));
    return PrometheusText.parse(reply.body().toString(StandardCharsets.UTF_8));
  }

  private static double notFound(PrometheusText scrape) {
    return scrape.series("vertx_http_server_requests_total").stream()
        .filter(series -> "404".equals(series.labels().get("code"))).mapToDouble(PrometheusText.Sample::value).sum();
  }

  private static PrometheusText scrape() {
    return scrape(xphoto.api());
  }

  private static PrometheusText scrapeUntil(java.util.function.Predicate<PrometheusText> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    PrometheusText scrape = scrape();
    while (!done.test(scrape) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      scrape = scrape();
    }
    return scrape;
  }
}
