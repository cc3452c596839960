package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Decodes every request's query parameters before any route reads them: a malformed percent-encoding is a
 * 400 here (Vert.x throws on it where a handler asks for a parameter) and a NUL in a name or value a 422
 * ({@link NulCharacters}). Vert.x keeps the decoded parameters, so handlers do not decode them again.
 */
public final class QueryParameters implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().query() == null) {
      ctx.next();
      return;
    }
    MultiMap parameters;
    try {
      parameters = ctx.request().params();
    } catch (IllegalArgumentException e) {
      ctx.fail(ApiError.of(400, WebMessages.MALFORMED_QUERY));
      return;
    }
    for (Map.Entry<String, String> parameter : parameters) {
      if (NulCharacters.in(parameter.getKey()) || NulCharacters.in(parameter.getValue())) {
        ctx.fail(NulCharacters.refused());
        return;
      }
    }
    ctx.next();
  }
}
