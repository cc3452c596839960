package io.xphoto.web;

import io.vertx.ext.web.Router;

import java.util.function.UnaryOperator;

/** What every surface's router ends with. */
public final class SurfaceRouters {

  private SurfaceRouters() {
  }

  /**
   * Call once every route is mounted: HEAD wherever GET, and the surface's failure handler, which writes its
   * errors through {@code shape} (see {@link ErrorResponses}).
   */
  public static Router complete(Router router, UnaryOperator<ApiError> shape) {
    HeadRequests.answerOnGetRoutes(router);
    router.route().failureHandler(new ErrorResponses(shape));
    return router;
  }
}
