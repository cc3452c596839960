package io.xphoto.apidocs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 503s of {@code openapi.yaml}, with their {@code Retry-After}, are the ones sent: on a node that runs no
 * storage verticle and no face worker ({@code node.roles=http,db,mail}).
 */
@ExtendWith(VertxExtension.class)
class ContractUnavailableTest {

  private static TestInstallation xphoto;
  private static ForumClient member;
  private static String token;
  private static ContractDocument document;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("node.roles", "http,db,mail",
        "captcha.test-answer", ForumClient.CAPTCHA));
    document = ContractDocument.load();
    String username = uniqueName("down");
    member = xphoto.browser();
    assertEquals(200, member.register(username, PASSWORD, "Unavailable member", null).status());
    token = xphoto.api().post("/signin", new JsonObject().put("username", username).put("password", PASSWORD))
        .json().getString("JWTToken");
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void withoutAStorageVerticleAnUploadAnswersTheDocumented503() {
    DocumentedAnswers.assertDocumented(document, xphoto.api().upload("/upload", token, TestImages.png(8, 8, 1)), "POST",
        "/upload", 503, "unavailable");
  }

  @Test
  void withoutAFaceWorkerASearchAnswersTheDocumented503() {
    Api.Reply reply = xphoto.api().upload("/images-db/search", token, List.of(Map.entry("faceFile", TestAssets.samplePhoto(1))));
    DocumentedAnswers.assertDocumented(document, reply, "POST", "/images-db/search", 503, "unavailable");
  }

  @Test
  void withoutAStorageVerticleAnAvatarAnswersTheDocumentedStoreFailure() {
    Api.Reply reply = member.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"),
        Buffer.buffer(TestImages.png(8, 8, 2)));
    DocumentedAnswers.assertDocumented(document, reply, "PUT", "/forum/user/avatar", 503, "storeFailed");
  }
}
