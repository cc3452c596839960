package io.xphoto;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every request gets, whatever its route: JSON answers, request ids, limits, no 500 for bad input. */
@ExtendWith(VertxExtension.class)
class HttpBehaviourTest {

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("http.access-log", "true"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void malformedBodiesAre400() {
    JsonObject malformed = new JsonObject().put("error", "请求格式错误，需要 JSON 对象。");
    for (String body : List.of("{bad", "[1,2]", "\"text\"", "", "null", "{\"username\":")) {
      for (String path : List.of("/signup", "/signin")) {
        Api.Reply reply = xphoto.api().postRaw(path, body);
        assertEquals(400, reply.status(), path + " " + body);
        assertEquals(malformed, reply.json(), path + " " + body);
      }
    }
  }

  @Test
  void wrongTypesAndMissingFieldsAre422() {
    Api.Reply number = xphoto.api().post("/signin", new JsonObject().put("username", 12345).put("password", "x"));
    assertEquals(422, number.status());
    assertEquals(new JsonObject().put("error", "参数类型错误：username 应为字符串"), number.json());
    Api.Reply missing = xphoto.api().post("/signin", new JsonObject().put("username", "someone"));
    assertEquals(422, missing.status());
    assertEquals(new JsonObject().put("error", "缺少参数：password"), missing.json());
    Api.Reply nothing = xphoto.api().post("/signin", new JsonObject());
    assertEquals(422, nothing.status());
    assertEquals(new JsonObject().put("error", "缺少参数：email"), nothing.json());
    Api.Reply object = xphoto.api().post("/signup", signup(uniqueName("rita"), "r@example.org", PASSWORD)
        .put("password", new JsonObject()));
    assertEquals(422, object.status());
  }

  @Test
  void oversizedBodiesAre413() {
    String big = new JsonObject().put("username", "x".repeat(70_000)).put("password", PASSWORD).encode();
    Api.Reply reply = xphoto.api().postRaw("/signup", big);
    assertEquals(413, reply.status());
    assertEquals(new JsonObject().put("error", "请求体过大。"), reply.json());
  }

  @Test
  void unknownRoutesAndMethodsAnswerJson() {
    Api.Reply unknown = xphoto.api().get("/no/such/route");
    assertEquals(404, unknown.status());
    assertEquals(new JsonObject().put("error", "接口不存在。"), unknown.json());
    Api.Reply wrongMethod = xphoto.api().send(xphoto.api().request(HttpMethod.PUT, "/signup", null), null);
    assertEquals(405, wrongMethod.status());
    assertEquals(new JsonObject().put("error", "不支持该请求方法。"), wrongMethod.json());
  }

  @Test
  void everyResponseCarriesItsOwnRequestIdAndJsonType() {
    Set<String> ids = new HashSet<>();
    for (Api.Reply reply : List.of(xphoto.api().get("/health"), xphoto.api().get("/nowhere"), xphoto.api().postRaw("/signin", "{"),
        xphoto.api().get("/userInfo"))) {
      String id = reply.header("X-Request-Id");
      assertTrue(id != null && id.matches("[0-9a-f]{16}"), reply.toString());
      ids.add(id);
      assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
    }
    assertEquals(4, ids.size());
  }

  @Test
  void healthIsUpWhenTheDatabaseAnswers() {
    Api.Reply health = xphoto.api().get("/health");
    assertEquals(200, health.status());
    assertEquals(new JsonObject().put("status", "UP"), health.json());
  }
}
