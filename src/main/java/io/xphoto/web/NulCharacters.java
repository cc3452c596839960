package io.xphoto.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * NUL characters (U+0000) are refused in what a request hands to the handlers, with 422: PostgreSQL cannot
 * store them in text ({@code invalid byte sequence for encoding "UTF8": 0x00}). JSON bodies are checked by
 * {@link JsonBody#object}, query parameters by {@link QueryParameters}.
 */
final class NulCharacters {

  private NulCharacters() {
  }

  /** Throws the 422 when a string anywhere in the JSON value, an object's keys included, holds a NUL. */
  static void refuseIn(Object json) {
    if (contains(json)) {
      throw refused();
    }
  }

  static boolean in(String text) {
    return text != null && text.indexOf('\u0000') >= 0;
  }

  static ApiError refused() {
    return ApiError.of(422, WebMessages.FORBIDDEN_CHARACTER);
  }

  private static boolean contains(Object json) {
    if (json instanceof String text) {
      return in(text);
    }
    if (json instanceof JsonObject object) {
      for (Map.Entry<String, Object> field : object) {
        if (in(field.getKey()) || contains(field.getValue())) {
          return true;
        }
      }
    }
    if (json instanceof JsonArray array) {
      for (Object element : array) {
        if (contains(element)) {
          return true;
        }
      }
    }
    return false;
  }
}
