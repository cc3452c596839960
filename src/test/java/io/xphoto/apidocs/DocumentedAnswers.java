package io.xphoto.apidocs;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.xphoto.support.Api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assertions that an answer is one {@code openapi.yaml} documents: its status, a JSON body equal to the named
 * example, and the headers the response documents (a {@code const} value, or a positive integer such as
 * {@code Retry-After}).
 */
final class DocumentedAnswers {

  private DocumentedAnswers() {
  }

  /** The answer is the operation's response for {@code status}, with the example named (null: its single example). */
  static void assertDocumented(ContractDocument document, Api.Reply reply, String method, String path, int status,
                               String example) {
    assertAnswer(document, reply, document.response(method, path, status), status, example, method + " " + path);
  }

  /** The answer is the response of {@code components.responses} named. */
  static void assertComponent(ContractDocument document, Api.Reply reply, String response, int status,
                              String example) {
    assertAnswer(document, reply, document.componentResponse(response), status, example, response);
  }

  private static void assertAnswer(ContractDocument document, Api.Reply reply, JsonObject response, int status,
                                   String example, String what) {
    String context = what + " " + status + " " + example + ": " + reply;
    assertEquals(status, reply.status(), context);
    assertEquals("application/json; charset=utf-8", reply.header("Content-Type"), context);
    Object documented = Json.decodeValue(Json.encode(document.example(response, example)));
    assertEquals(documented, Json.decodeValue(reply.body()), context);
    JsonObject headers = response.getJsonObject("headers", new JsonObject());
    for (String name : headers.fieldNames()) {
      JsonObject schema = document.resolve(headers.getJsonObject(name)).getJsonObject("schema");
      String sent = reply.header(name);
      if (schema.containsKey("const")) {
        assertEquals(schema.getValue("const"), sent, context + " " + name);
      } else if ("integer".equals(schema.getString("type"))) {
        assertTrue(sent != null && sent.matches("[1-9][0-9]*"), context + " " + name + ": " + sent);
      }
    }
  }
}
