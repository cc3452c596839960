package io.xphoto.apidocs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.xphoto.config.Settings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code openapi.yaml} as the routers are built from it: read once (off the event loop), and handed to each
 * surface as an {@link OpenAPIContract} of its own operations only (RouterBuilder makes a route for every
 * operation of its contract, and the other surfaces' routes are not its to make), without their security
 * requirements (the surfaces' own authentication handlers stand for them).
 */
public final class ApiContract {

  private static final String[] METHODS = {"get", "put", "post", "delete", "patch", "options", "head", "trace"};
  private static final String SETTINGS = "x-settings";
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

  /**
   * This document with the limits the configuration sets: in every schema with {@code x-settings} (keyword to
   * setting name), the keyword takes the setting's value; a {@code pattern} takes the setting's regular expression
   * matched whole. The routers validate with these values (and their messages name them, see
   * {@code web.BodyValidation}); the served document shows the defaults, as the forum's template shows the
   * configured ones.
   */
  public ApiContract configured(Settings settings) {
    JsonObject copy = document.copy();
    configure(copy, settings);
    return new ApiContract(copy);
  }

  private static void configure(Object node, Settings settings) {
    if (node instanceof JsonObject object) {
      if (object.getValue(SETTINGS) instanceof JsonObject limits) {
        limits.forEach(limit -> object.put(limit.getKey(), limit.getKey().equals("pattern")
            ? "^(?:" + settings.string((String) limit.getValue()) + ")$"
            : settings.integer((String) limit.getValue())));
      }
      object.forEach(field -> configure(field.getValue(), settings));
    } else if (node instanceof JsonArray array) {
      array.forEach(element -> configure(element, settings));
    }
  }

  /** The contract of the given operations: the document without the paths and methods of every other one. */
  public Future<OpenAPIContract> of(Vertx vertx, Set<String> operationIds) {
    return mountedAt(vertx, "", operationIds);
  }

  /**
   * The contract of the given operations, for a router mounted at {@code mountPoint} (e.g. {@code /forum}): their
   * paths start with it, and lose it here, as the router sees them.
   */
  public Future<OpenAPIContract> mountedAt(Vertx vertx, String mountPoint, Set<String> operationIds) {
    JsonObject part = document.copy();
    JsonObject paths = new JsonObject();
    part.getJsonObject("paths").forEach(entry -> {
      JsonObject item = ((JsonObject) entry.getValue()).copy();
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation != null && !operationIds.contains(operation.getString("operationId"))) {
          item.remove(method);
        } else if (operation != null) {
          // each surface authenticates with its own handler among the operation's; RouterBuilder would add one of
          // its own (an empty ChainAuthHandler for several requirements) whatever the route's doSecurity says
          operation.remove("security");
        }
      }
      if (item.fieldNames().stream().anyMatch(List.of(METHODS)::contains)) {
        if (!entry.getKey().startsWith(mountPoint + "/")) {
          throw new IllegalArgumentException(entry.getKey() + " is not under " + mountPoint);
        }
        paths.put(entry.getKey().substring(mountPoint.length()), item);
      }
    });
    return OpenAPIContract.from(vertx, part.put("paths", paths));
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
