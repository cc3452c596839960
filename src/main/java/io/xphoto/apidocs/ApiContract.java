package io.xphoto.apidocs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code openapi.yaml} as the routers are built from it: read once (off the event loop), and handed to each
 * surface as an {@link OpenAPIContract} of its own operations only (RouterBuilder makes a route for every
 * operation of its contract, and the other surfaces' routes are not its to make).
 */
public final class ApiContract {

  private static final String[] METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"};
  private static JsonObject shipped;

  private final JsonObject document;

  private ApiContract(JsonObject document) {
    this.document = document;
  }

  /** The document of the build; parsed on a worker thread the first time only. */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.executeBlocking(() -> new ApiContract(shipped()), false);
  }

  private static synchronized JsonObject shipped() {
    if (shipped == null) {
      shipped = withoutMediaTypesVertxCannotLoad(parse(Resources.bytes(OpenApiDocument.RESOURCE)));
    }
    return shipped;
  }

  /** The YAML text as JSON: every nested map a JsonObject, every number as JSON has it. */
  static JsonObject parse(byte[] yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
    return new JsonObject(Json.encode(tree));
  }

  /** The contract of the given operations: the document without the paths and methods of every other one. */
  public Future<OpenAPIContract> of(Vertx vertx, Set<String> operationIds) {
    JsonObject part = document.copy();
    JsonObject paths = part.getJsonObject("paths");
    for (String path : List.copyOf(paths.fieldNames())) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation != null && !operationIds.contains(operation.getString("operationId"))) {
          item.remove(method);
        }
      }
      if (item.fieldNames().stream().noneMatch(name -> List.of(METHODS).contains(name))) {
        paths.remove(path);
      }
    }
    return OpenAPIContract.from(vertx, part);
  }

  /**
   * A copy without the media types vertx-openapi 5.0 refuses to load (images, YAML, HTML, CSS, JavaScript: it
   * knows JSON, multipart, octet streams and plain text); a request body left with none is removed. The
   * operations serving those types are hand-mounted anyway.
   */
  static JsonObject withoutMediaTypesVertxCannotLoad(JsonObject document) {
    JsonObject copy = document.copy();
    strip(copy);
    return copy;
  }

  private static void strip(Object node) {
    if (node instanceof JsonObject object) {
      if (object.getValue("content") instanceof JsonObject content) {
        for (String type : List.copyOf(content.fieldNames())) {
          if (!MediaType.isMediaTypeSupported(type)) {
            content.remove(type);
          }
        }
      }
      if (object.getValue("requestBody") instanceof JsonObject body
          && body.getJsonObject("content") != null) {
        strip(body);
        if (body.getJsonObject("content").isEmpty()) {
          object.remove("requestBody");
        }
      }
      for (String name : List.copyOf(object.fieldNames())) {
        strip(object.getValue(name));
      }
    } else if (node instanceof JsonArray array) {
      array.forEach(ApiContract::strip);
    }
  }
}
