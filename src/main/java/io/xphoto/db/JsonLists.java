package io.xphoto.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.function.Function;

/**
 * The list fields of the data objects, read and written by hand: the converters vertx-codegen generates for a
 * {@code List} property cast to {@code Iterable<Object>}, an unchecked cast, and the build is warning-free
 * ({@code -Xlint:all}). An absent list reads as empty; an element of the wrong type fails the read.
 */
public final class JsonLists {

  private JsonLists() {
  }

  public static <T> List<T> objects(JsonArray array, Function<JsonObject, T> element) {
    return array == null ? List.of()
        : array.stream().map(item -> element.apply((JsonObject) item)).toList();
  }

  public static <T> JsonArray of(List<T> list, Function<T, JsonObject> element) {
    return new JsonArray(list.stream().map(element).toList());
  }

  public static List<Float> floats(JsonArray array) {
    return array == null ? List.of() : array.stream().map(item -> ((Number) item).floatValue()).toList();
  }

  public static List<Long> longs(JsonArray array) {
    return array == null ? List.of() : array.stream().map(item -> ((Number) item).longValue()).toList();
  }

  /**
   * The {@code List<Long>} a service proxy answered, as Longs: the generated proxy hands over the decoded JSON
   * list unchecked, and a list that crossed a cluster's wire holds Integers for small numbers.
   */
  public static List<Long> longs(List<?> numbers) {
    return numbers.stream().map(item -> ((Number) item).longValue()).toList();
  }
}
