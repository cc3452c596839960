package io.xphoto.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), as a scraper reads {@code /metrics}: every
 * line a {@code # HELP}, a {@code # TYPE} (before its family's samples, once), another comment, or a sample
 * {@code name{label="value",...} value [timestamp]} with escaped label values; a sample's name must be its
 * family's, or the family's with a suffix of its type; no series twice. Anything else fails the parse. The
 * Prometheus Java client writes this format but ships no parser of it.
 */
public final class PrometheusText {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample: a series (name and labels) and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  public List<Sample> samples() {
    return samples;
  }

  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition does not end with a line feed");
    }
    Map<String, String> types = new HashMap<>();
    Set<String> helped = new HashSet<>();
    Set<String> seenSeries = new HashSet<>();
    Set<String> familiesWithSamples = new HashSet<>();
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          String[] parts = line.split(" ", 4);
          if (parts.length >= 3 && parts[1].equals("HELP")) {
            requireName(parts[2]);
            if (!helped.add(parts[2])) {
              throw new IllegalArgumentException("second HELP for " + parts[2]);
            }
          } else if (parts.length >= 3 && parts[1].equals("TYPE")) {
            requireName(parts[2]);
            if (parts.length != 4 || !TYPES.contains(parts[3])) {
              throw new IllegalArgumentException("bad TYPE line");
            }
            if (types.put(parts[2], parts[3]) != null || familiesWithSamples.contains(parts[2])) {
              throw new IllegalArgumentException("TYPE of " + parts[2] + " repeated or after its samples");
            }
          }
          continue;
        }
        Sample sample = sample(line);
        String family = family(sample.name(), types);
        familiesWithSamples.add(family);
        if (!seenSeries.add(sample.name() + new TreeMap<>(sample.labels()))) {
          throw new IllegalArgumentException("series repeated");
        }
        samples.add(sample);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + number + " (" + line + "): " + e.getMessage(), e);
      }
    }
    return new PrometheusText(List.copyOf(samples));
  }

  /** The value of the one series of this name and exactly these labels; fails when there is none. */
  public double value(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
        .orElseThrow(() -> new AssertionError("no series " + name + labels + " in the scrape; of that name: "
            + series(name)))
        .value();
  }

  /** As {@link #value(String, Map)}, or {@code absent} when there is no such series. */
  public double valueOr(String name, Map<String, String> labels, double absent) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst()
        .map(Sample::value).orElse(absent);
  }

  public double value(String name) {
    return value(name, Map.of());
  }

  /** The sum over the series of this name whose labels include {@code labels}. */
  public double sum(String name, Map<String, String> labels) {
    return series(name).stream().filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value).sum();
  }

  public List<Sample> series(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = requireName(line.substring(0, i));
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int equals = line.indexOf('=', i);
        String label = line.substring(i, equals);
        if (!LABEL_NAME.matcher(label).matches()) {
          throw new IllegalArgumentException("bad label name " + label);
        }
        if (line.charAt(equals + 1) != '"') {
          throw new IllegalArgumentException("label value not quoted");
        }
        StringBuilder value = new StringBuilder();
        int j = equals + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char escaped = line.charAt(++j);
            value.append(switch (escaped) {
              case '\\' -> '\\';
              case '"' -> '"';
              case 'n' -> '\n';
              default -> throw new IllegalArgumentException("bad escape \\" + escaped);
            });
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw new IllegalArgumentException("label " + label + " twice");
        }
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        } else if (line.charAt(i) != '}') {
          throw new IllegalArgumentException("expected , or } after a label");
        }
      }
      i++;
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new IllegalArgumentException("no value");
    }
    String[] rest = line.substring(i + 1).split(" ");
    if (rest.length > 2) {
      throw new IllegalArgumentException("trailing text");
    }
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, Map.copyOf(labels), number(rest[0]));
  }

  private static double number(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        if (!text.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
          throw new IllegalArgumentException("bad value " + text);
        }
        yield Double.parseDouble(text);
      }
    };
  }

  private static String requireName(String name) {
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name '" + name + "'");
    }
    return name;
  }

  /** The family a sample belongs to: declared by a TYPE line, by its own name or with its type's suffix. */
  private static String family(String name, Map<String, String> types) {
    if (types.containsKey(name)) {
      return name;
    }
    for (String suffix : List.of("_total", "_count", "_sum", "_bucket", "_created", "_max")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if (type != null && suffixFits(type, suffix)) {
          return base;
        }
      }
    }
    throw new IllegalArgumentException("sample of no declared family");
  }

  private static boolean suffixFits(String type, String suffix) {
    return switch (type) {
      case "counter" -> suffix.equals("_total") || suffix.equals("_created");
      case "histogram" -> Set.of("_count", "_sum", "_bucket", "_created").contains(suffix);
      case "summary" -> Set.of("_count", "_sum", "_created").contains(suffix);
      default -> false;
    };
  }
}
