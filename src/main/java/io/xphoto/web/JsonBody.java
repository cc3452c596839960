package io.xphoto.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/** Reads a JSON object body and its fields, turning every client mistake into an {@link ApiError}. */
public final class JsonBody {

  private static final String FORM = "application/x-www-form-urlencoded";

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

  /**
   * The fields of a form post ({@code application/x-www-form-urlencoded}, the first value of each name) as
   * strings of an object, NUL refused as in JSON; any other body as {@link #object}.
   */
  public static JsonObject objectOrForm(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      return object(ctx);
    }
    JsonObject fields = new JsonObject();
    ctx.request().formAttributes().forEach(field -> {
      if (!fields.containsKey(field.getKey())) {
        fields.put(field.getKey(), field.getValue());
      }
    });
    NulCharacters.refuseIn(fields);
    return fields;
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
