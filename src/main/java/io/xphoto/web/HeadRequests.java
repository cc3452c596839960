package io.xphoto.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HEAD wherever GET: every GET route answers HEAD too, with the same status and headers and no body. Vert.x
 * drops a HEAD answer's body but, unlike for GET, does not declare its length: {@link #declareLength} does.
 */
public final class HeadRequests {

  private HeadRequests() {
  }

  /** Call once every route is mounted. */
  public static void answerOnGetRoutes(Router router) {
    for (Route route : router.getRoutes()) {
      if (route.methods() != null && route.methods().contains(HttpMethod.GET)) {
        route.method(HttpMethod.HEAD);
      }
    }
  }

  /** A handler for every HEAD request, before any route that answers. */
  public static void declareLength(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    ctx.addHeadersEndHandler(v -> {
      int status = response.getStatusCode();
      if (status != 204 && status != 304 && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)
          && !response.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(response.bytesWritten()));
      }
    });
    ctx.next();
  }
}
