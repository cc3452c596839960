package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

public final class Responses {

  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {
  }

  public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", JSON)
        .end(body.encode());
  }
}
