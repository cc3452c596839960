package io.xphoto.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestInstallation;
import io.xphoto.web.WebMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node whose storage and face workers are not running (died, or not deployed: node.roles=http,db,mail):
 * requests that need them answer 503 with Retry-After at once, in the surface's body, never 500.
 */
@ExtendWith(VertxExtension.class)
class UnreachableServicesTest {

  private static final long AT_ONCE_MS = 2_000;

  private static TestInstallation xphoto;
  private static String token;
  private static Path dataDir;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    dataDir = TestDirectories.create("unreachable");
    xphoto = TestInstallation.start(vertx, Map.of("node.roles", "http,db,mail", "data.dir", dataDir.toString(),
        "captcha.test-answer", ForumClient.CAPTCHA));
    token = xphoto.activeUser(uniqueName("lone"));
  }

  @AfterAll
  static void stop() throws Exception {
    xphoto.close();
    TestDirectories.delete(dataDir);
  }

  @Test
  void anUploadWithoutAStorageVerticleAnswers503() {
    Api.Reply reply = timed(() -> xphoto.api().upload("/upload", token, png(8, 8, 1)));
    assertUnavailable(reply, new JsonObject().put("error", WebMessages.UNAVAILABLE));
    assertEquals(404, xphoto.api().get("/images", token).status(), "nothing was recorded");
  }

  @Test
  void aFaceSearchWithoutAFaceWorkerAnswers503() {
    Api.Reply reply = timed(() -> xphoto.api().upload("/images-db/?search", token,
        List.of(Map.entry("faceFile", TestAssets.samplePhoto(1)))));
    assertUnavailable(reply, new JsonObject().put("error", WebMessages.UNAVAILABLE));
  }

  @Test
  void anAvatarWithoutAStorageVerticleAnswersTheForumsStoreFailure(Vertx vertx) {
    ForumClient browser = xphoto.browser();
    String username = uniqueName("ava");
    assertEquals(ForumClient.ok("/forum/main"), browser.register(username, PASSWORD, "Avatar Owner", null).json());
    Api.Reply reply = timed(() -> browser.send(HttpMethod.PUT, "/forum/user/avatar",
        Map.of("Content-Type", "image/png"), Buffer.buffer(png(8, 8, 2))));
    assertUnavailable(reply, ForumClient.failed("服务器空间/权限不足，无法创建头像。"));
  }

  @Test
  void theNodeIsNotReadyAndSaysWhichServicesHaveNoConsumer() {
    Api.Reply ready = timed(() -> xphoto.api().get("/health/ready"));
    assertEquals(503, ready.status(), ready.toString());
    Map<String, String> reasons = new java.util.TreeMap<>();
    ready.json().getJsonArray("checks").forEach(check -> reasons.put(((JsonObject) check).getString("id"),
        ((JsonObject) check).getString("status") + ": " + ((JsonObject) check).getJsonObject("data").getString("reason")));
    assertEquals(Map.of(
        "database", "UP: the database answers",
        "objectStore", "DOWN: no object store service (storage verticle) on the event bus",
        "faces", "DOWN: no face worker on any node on the event bus",
        "mail", "UP: the SMTP server takes connections"), reasons);
  }

  private static Api.Reply timed(Supplier<Api.Reply> request) {
    long start = System.nanoTime();
    Api.Reply reply = request.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < AT_ONCE_MS, "answered in " + millis + " ms");
    return reply;
  }

  private static void assertUnavailable(Api.Reply reply, JsonObject body) {
    assertEquals(503, reply.status(), reply.toString());
    assertEquals("5", reply.header("Retry-After"));
    assertEquals(body, reply.json());
  }
}
