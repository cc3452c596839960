package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates a JSON object body with its operation's schema from {@code openapi.yaml} (vertx-json-schema, every
 * error with its instance and keyword location: {@link OutputFormat#Basic}), and refuses it with the one message
 * the document gives for the first failure. The body is parsed once ({@link JsonBody#object}: 400 when it is no
 * JSON object, 422 for a NUL); the handlers read the same parsed object afterwards.
 *
 * <p>What the schema says besides JSON Schema (vendor extensions, ignored by the validator):
 * <ul>
 *   <li>{@code x-messages} on a property: the message per failing keyword ({@code required} for a missing field,
 *   {@code type}, {@code minLength}, {@code pattern}, {@code format}, ...), or {@code default} for any of them;
 *   on the body schema: the messages for every property without its own, {@code {field}} standing for the
 *   property's name. {@code {minLength}} etc. stand for the property's own keyword values, so a message follows
 *   a limit set from the configuration (see {@code ApiContract}).</li>
 *   <li>{@code x-failure-order} on the body schema: {@code presence-first} (the xphoto API: every property's
 *   presence and type, in the properties' order, before any property's other rules) or {@code by-field} (the
 *   forum: property by property). Within a property: presence, type, then its keywords in the schema's order.</li>
 * </ul>
 * A property that is present with {@code null} where the schema does not allow it counts as missing (docs/API.md:
 * "a required field missing or {@code null}"). A {@code required} failing inside a combinator ({@code else},
 * {@code anyOf}) stands for the properties it names that are missing. Failures the document gives no message
 * for are a mistake in the document: refused when the validation is made.
 */
public final class BodyValidation implements Handler<RoutingContext> {

  public static final String MESSAGES = "x-messages";
  public static final String FAILURE_ORDER = "x-failure-order";
  private static final String REQUIRED = "required";
  private static final String TYPE = "type";
  private static final String DEFAULT = "default";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
  /** Keywords that only combine or annotate: their own units repeat the failures found beneath them. */
  private static final List<String> ANNOTATIONS = List.of("title", "description", "default", "example", "examples",
      "deprecated", "readOnly", "writeOnly", "$comment");
  private static final List<String> SUMMARIES = List.of("properties", "anyOf", "oneOf", "allOf", "if", "then", "else");

  private final JsonObject schema;
  private final List<String> fields;
  private final boolean presenceFirst;
  private final Validator validator;
  private final Function<String, ApiError> refusal;

  /**
   * @param schema  the operation's request-body schema (an object schema with {@code properties})
   * @param formats the server's own {@code format}s the schema names, each as the test a value must pass
   * @param refusal the surface's answer carrying the documented message
   */
  public BodyValidation(JsonObject schema, Map<String, Predicate<String>> formats, Function<String, ApiError> refusal) {
    this.schema = schema.copy();
    this.fields = List.copyOf(this.schema.getJsonObject("properties").fieldNames());
    String order = this.schema.getString(FAILURE_ORDER, "presence-first");
    if (!order.equals("presence-first") && !order.equals("by-field")) {
      throw new IllegalArgumentException(FAILURE_ORDER + " must be presence-first or by-field, not " + order);
    }
    this.presenceFirst = order.equals("presence-first");
    this.refusal = refusal;
    for (String field : fields) {
      for (String keyword : keywordsOf(field)) {
        message(field, keyword);
      }
      message(field, REQUIRED);
    }
    this.validator = Validator.create(JsonSchema.of(javaPatterns(this.schema.copy())),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("urn:xphoto:body")
            .setOutputFormat(OutputFormat.Basic),
        (instanceType, format, instance) -> {
          if (format == null || !(instance instanceof String text)) {
            return null;
          }
          Predicate<String> test = formats.get(format);
          if (test == null) {
            throw new IllegalStateException("no test for the format " + format);
          }
          return test.test(text) ? null : "not a " + format;
        });
  }

  @Override
  public void handle(RoutingContext ctx) {
    check(JsonBody.object(ctx));
    ctx.next();
  }

  /** Throws the surface's refusal with the documented message when the body does not fit its schema. */
  public void check(JsonObject body) {
    firstFailure(body).ifPresent(message -> {
      throw refusal.apply(message);
    });
  }

  /** The documented message of the body's first failure; empty when the body is valid. */
  public Optional<String> firstFailure(JsonObject body) {
    OutputUnit result = validator.validate(body);
    if (Boolean.TRUE.equals(result.getValid()) || result.getErrors() == null) {
      return Optional.empty();
    }
    Failure first = null;
    for (OutputUnit unit : result.getErrors()) {
      for (Failure failure : failuresOf(unit, body)) {
        if (first == null || failure.rank() < first.rank()) {
          first = failure;
        }
      }
    }
    if (first == null) {
      throw new IllegalStateException("a validation failure without a documented message: " + result.toJson());
    }
    return Optional.of(message(first.field(), first.keyword()));
  }

  private record Failure(String field, String keyword, long rank) {
  }

  private List<Failure> failuresOf(OutputUnit unit, JsonObject body) {
    List<String> path = segments(unit.getKeywordLocation());
    List<Failure> failures = new ArrayList<>();
    int properties = path.indexOf("properties");
    if (properties == 0 && path.size() > 2) {
      String field = path.get(1);
      failures.add(failure(field, body.getValue(field) == null ? REQUIRED : path.get(2)));
    } else if (properties < 0 && !path.isEmpty() && path.get(path.size() - 1).equals(REQUIRED)) {
      JsonArray names = (JsonArray) pointer(schema, path);
      for (Object name : names) {
        if (body.getValue((String) name) == null) {
          failures.add(failure((String) name, REQUIRED));
        }
      }
    } else if (path.isEmpty() || !SUMMARIES.contains(path.get(path.size() - 1))) {
      throw new IllegalStateException("no documented message for the failure at " + unit.getKeywordLocation());
    }
    return failures;
  }

  private Failure failure(String field, String keyword) {
    int fieldIndex = fields.indexOf(field);
    if (fieldIndex < 0) {
      throw new IllegalStateException("a failure of " + field + ", which the schema does not list");
    }
    int keywordIndex = switch (keyword) {
      case REQUIRED -> 0;
      case TYPE -> 1;
      default -> 2 + keywordsOf(field).indexOf(keyword);
    };
    boolean presence = keywordIndex < 2;
    long phase = presenceFirst && !presence ? 1 : 0;
    return new Failure(field, keyword, (phase << 32) | ((long) fieldIndex << 16) | keywordIndex);
  }

  /** The validating keywords of a property, in the schema's order (extensions and annotations aside). */
  private List<String> keywordsOf(String field) {
    return schema.getJsonObject("properties").getJsonObject(field).fieldNames().stream()
        .filter(name -> !name.startsWith("x-") && !ANNOTATIONS.contains(name))
        .toList();
  }

  private String message(String field, String keyword) {
    JsonObject property = schema.getJsonObject("properties").getJsonObject(field);
    JsonObject own = property.getJsonObject(MESSAGES, new JsonObject());
    JsonObject shared = schema.getJsonObject(MESSAGES, new JsonObject());
    String template = own.getString(keyword, own.getString(DEFAULT, shared.getString(keyword)));
    if (template == null) {
      throw new IllegalStateException("no " + MESSAGES + " for " + keyword + " of " + field);
    }
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder message = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      Object value = name.equals("field") ? field : property.getValue(name);
      if (value == null) {
        throw new IllegalStateException("no " + name + " in the schema of " + field + " for " + template);
      }
      placeholder.appendReplacement(message, Matcher.quoteReplacement(String.valueOf(value)));
    }
    return placeholder.appendTail(message).toString();
  }

  /**
   * JSON Schema patterns are ECMA-262 regular expressions, where {@code $} ends the input; vertx-json-schema runs
   * them with {@code java.util.regex} ({@code find}), whose {@code $} also matches before a final line break
   * ({@code "alice\n"} would pass {@code ^[a-z]+$}). A final {@code $} becomes {@code \z}.
   */
  private static JsonObject javaPatterns(JsonObject node) {
    for (String name : List.copyOf(node.fieldNames())) {
      Object value = node.getValue(name);
      if (name.equals("pattern") && value instanceof String pattern && pattern.endsWith("$") && !pattern.endsWith("\\$")) {
        node.put(name, pattern.substring(0, pattern.length() - 1) + "\\z");
      } else if (value instanceof JsonObject child) {
        javaPatterns(child);
      } else if (value instanceof JsonArray array) {
        array.forEach(element -> {
          if (element instanceof JsonObject child) {
            javaPatterns(child);
          }
        });
      }
    }
    return node;
  }

  /** The segments of a JSON pointer in URI fragment form ({@code #/properties/a~1b/type}), decoded. */
  private static List<String> segments(String location) {
    String pointer = location.startsWith("#") ? location.substring(1) : location;
    List<String> segments = new ArrayList<>();
    if (pointer.isEmpty()) {
      return segments;
    }
    for (String segment : pointer.substring(1).split("/", -1)) {
      segments.add(segment.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  private static Object pointer(Object node, List<String> segments) {
    Object current = node;
    for (String segment : segments) {
      current = current instanceof JsonObject object ? object.getValue(segment)
          : ((JsonArray) current).getValue(Integer.parseInt(segment));
    }
    return current;
  }
}
