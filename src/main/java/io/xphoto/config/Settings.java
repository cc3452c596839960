package io.xphoto.config;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The server's configuration: the keys of {@code conf/xphoto.properties}, each overridable by an
 * environment variable named {@code XPHOTO_<KEY>} (upper case, '.' and '-' as '_').
 *
 * <p>Settings travel to verticles as a flat {@link JsonObject} (see {@link #toJson()}), so a verticle
 * deployed on another cluster node gets the same view.
 */
public final class Settings {

  private static final String DEFAULTS = "conf/xphoto.properties";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * The defaults ({@code conf/xphoto.properties}, packaged with the server), then the file named by
   * {@code XPHOTO_CONFIG} if any, then the environment.
   */
  public static Settings load(Map<String, String> env) throws IOException {
    Map<String, String> values = new TreeMap<>();
    try (InputStream defaults = Settings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (defaults == null) {
        throw new IOException(DEFAULTS + " is missing from the class path");
      }
      read(new InputStreamReader(defaults, StandardCharsets.UTF_8)).forEach(values::put);
    }
    Settings settings = new Settings(values);
    String file = env.get("XPHOTO_CONFIG");
    if (file != null && !file.isBlank()) {
      try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        settings = settings.with(read(reader));
      }
    }
    Map<String, String> fromEnv = new TreeMap<>();
    for (String key : values.keySet()) {
      String value = env.get(envName(key));
      if (value != null) {
        fromEnv.put(key, value.trim());
      }
    }
    return settings.with(fromEnv);
  }

  private static Map<String, String> read(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, String> values = new TreeMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
    return values;
  }

  public static Settings fromJson(JsonObject json) {
    Map<String, String> values = new TreeMap<>();
    json.forEach(entry -> values.put(entry.getKey(), String.valueOf(entry.getValue())));
    return new Settings(values);
  }

  public static String envName(String key) {
    return "XPHOTO_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A copy with some keys replaced (keys must exist, so a typo cannot pass silently). */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> copy = new TreeMap<>(values);
    overrides.forEach((key, value) -> {
      require(key);
      copy.put(key, value);
    });
    return new Settings(copy);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    values.forEach(json::put);
    return json;
  }

  public String string(String key) {
    return require(key);
  }

  public int integer(String key) {
    String value = require(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  public double decimal(String key) {
    String value = require(key);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a number such as 0.5");
    }
  }

  public boolean bool(String key) {
    String value = require(key).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off", "" -> false;
      default -> throw invalid(key, value, "true or false");
    };
  }

  public Duration duration(String key) {
    String value = require(key);
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "a duration such as 30s, 15m, 48h or 7d");
    }
  }

  public List<String> list(String key) {
    return Arrays.stream(require(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private String require(String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("unknown setting: " + key);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(
        "setting " + key + " (" + envName(key) + ") must be " + expected + ", not '" + value + "'");
  }
}
