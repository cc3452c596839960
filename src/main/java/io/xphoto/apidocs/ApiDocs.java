package io.xphoto.apidocs;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The API's contract on the server: {@code GET /openapi.yaml} (the document, {@link OpenApiDocument}) and
 * {@code GET /docs} (a page that shows it, Swagger UI served from its webjar, {@link DocsPage}). Mounted once
 * every other route is, so that it can also note the routes this node serves ({@link MountedRoutes}).
 */
public final class ApiDocs {

  private ApiDocs() {
  }

  /**
   * Call after every other route is mounted, and before HEAD is added to the GET routes; {@code handlerRouters}
   * are routers mounted as handlers rather than sub-routers, whose routes the root router cannot list.
   */
  public static void mount(Vertx vertx, Router router, Router... handlerRouters) {
    router.get(OpenApiDocument.PATH).handler(OpenApiDocument::serve);
    DocsPage.mount(router);
    MountedRoutes.record(vertx, router, handlerRouters);
  }
}
