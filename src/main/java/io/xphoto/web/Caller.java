package io.xphoto.web;

import io.vertx.ext.web.RoutingContext;

/** The id of the account a request comes from, put in the context by whichever authentication let it through. */
public final class Caller {

  private static final String USER_ID = "callerId";

  private Caller() {
  }

  static void set(RoutingContext ctx, long userId) {
    ctx.put(USER_ID, userId);
  }

  public static long id(RoutingContext ctx) {
    return ctx.<Long>get(USER_ID);
  }

  /** The caller's id, or null when no authentication let this request through. */
  static Long known(RoutingContext ctx) {
    return ctx.get(USER_ID);
  }
}
