package io.xphoto.apidocs;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /openapi.yaml}: the OpenAPI document of both surfaces, {@code openapi.yaml} on the class path. */
final class OpenApiDocument {

  static final String PATH = "/openapi.yaml";
  static final String RESOURCE = "openapi.yaml";
  static final String CONTENT_TYPE = "application/yaml; charset=utf-8";
  /** Read once: the document is part of the build. */
  private static final Buffer TEXT = Buffer.buffer(Resources.bytes(RESOURCE));

  private OpenApiDocument() {
  }

  static void serve(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-cache")
        .end(TEXT);
  }
}
