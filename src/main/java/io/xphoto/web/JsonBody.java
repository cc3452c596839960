package io.xphoto.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads a JSON object body and its fields, turning every client mistake into an {@link ApiError}. */
public final class JsonBody {

  private JsonBody() {
  }

  public static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw ApiError.of(400, WebMessages.MALFORMED);
      }
      NulCharacters.refuseIn(body);
      return body;
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.of(400, WebMessages.MALFORMED);
    }
  }

  /** A required string field: 422 when missing, null or of another type. */
  public static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw ApiError.of(422, WebMessages.missing(field));
    }
    if (!(value instanceof String text)) {
      throw ApiError.of(422, WebMessages.wrongType(field));
    }
    return text;
  }

  /** An optional string field: null when absent, 422 when of another type. */
  public static String optionalString(JsonObject body, String field) {
    return body.getValue(field) == null ? null : string(body, field);
  }
}
