package io.xphoto.apidocs;

import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code openapi.yaml} as the build ships it, read for the contract test: operations, responses, examples. */
final class ContractDocument {

  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");

  record Operation(String method, String path, String operationId, JsonObject model) {

    @Override
    public String toString() {
      return method + " " + path + " (" + operationId + ")";
    }
  }

  private final JsonObject document;

  private ContractDocument(JsonObject document) {
    this.document = document;
  }

  static ContractDocument load() {
    return new ContractDocument(ApiContract.parse(Resources.bytes(OpenApiDocument.RESOURCE)));
  }

  JsonObject json() {
    return document.copy();
  }

  List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          JsonObject model = item.getJsonObject(method);
          operations.add(new Operation(method.toUpperCase(), path, model.getString("operationId"), model));
        }
      }
    }
    return operations;
  }

  /** The object a {@code $ref} points to (followed until it is no reference), or the object itself. */
  JsonObject resolve(JsonObject object) {
    JsonObject resolved = object;
    while (resolved.containsKey("$ref")) {
      String ref = resolved.getString("$ref");
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("not a local reference: " + ref);
      }
      JsonObject target = document;
      for (String name : ref.substring(2).split("/")) {
        target = target.getJsonObject(name.replace("~1", "/").replace("~0", "~"));
        if (target == null) {
          throw new IllegalArgumentException("no " + ref);
        }
      }
      resolved = target;
    }
    return resolved;
  }

  /** The response an operation documents for a status. */
  JsonObject response(String method, String path, int status) {
    JsonObject operation = document.getJsonObject("paths").getJsonObject(path).getJsonObject(method.toLowerCase());
    JsonObject response = operation.getJsonObject("responses").getJsonObject(Integer.toString(status));
    if (response == null) {
      throw new AssertionError(method + " " + path + " documents no " + status);
    }
    return resolve(response);
  }

  /** A response of {@code components.responses}. */
  JsonObject componentResponse(String name) {
    return resolve(document.getJsonObject("components").getJsonObject("responses").getJsonObject(name));
  }

  /** The JSON example of a response: the named one of its {@code examples}, or its single {@code example}. */
  Object example(JsonObject response, String name) {
    JsonObject json = response.getJsonObject("content").getJsonObject(MediaType.APPLICATION_JSON);
    if (name == null) {
      return json.getValue("example");
    }
    JsonObject examples = json.getJsonObject("examples");
    JsonObject example = examples == null ? null : examples.getJsonObject(name);
    if (example == null) {
      throw new AssertionError("no example " + name + " in " + response.getString("description"));
    }
    return resolve(example).getValue("value");
  }

  /** Every JSON example of a media type object: its {@code example} and the values of its {@code examples}. */
  List<Object> examples(JsonObject mediaType) {
    List<Object> values = new ArrayList<>();
    if (mediaType.containsKey("example")) {
      values.add(mediaType.getValue("example"));
    }
    JsonObject examples = mediaType.getJsonObject("examples", new JsonObject());
    for (String name : examples.fieldNames()) {
      values.add(resolve(examples.getJsonObject(name)).getValue("value"));
    }
    return values;
  }

  /** The document as the routers are built from it (see {@link ApiContract}), for a check against the OpenAPI 3.1 schema. */
  JsonObject withoutMediaTypesVertxCannotLoad() {
    return ApiContract.withoutMediaTypesVertxCannotLoad(document);
  }
}
