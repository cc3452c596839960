package io.xphoto.apidocs;

import io.xphoto.api.XphotoApi;
import io.xphoto.forum.ForumRoutes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code docs/OPERATIONS.md} leads from an {@code operationId} to its route, its handler and the service methods
 * (and so the SQL) behind it. It cannot rot: every operation of {@code openapi.yaml} has its row with the same
 * method and path, every handler method named exists (and, for an operation RouterBuilder routes, its class
 * names the operation), and every service method named is declared by its event-bus interface and, for a database service, by the {@code Pg} class holding its SQL.
 */
class OperationsMapTest {

  private static final Path MAP = Path.of("docs/OPERATIONS.md");
  /** {@code | `operationId` | `METHOD /path` | `package.Class#method` | `Service.method`, ... |} */
  private static final Pattern ROW = Pattern.compile(
      "^\\| `(\\w+)` \\| `([A-Z]+) ([^`]+)` \\| `([\\w.]+)#(\\w+)` \\| (.*) \\|$");
  private static final Pattern SERVICE_CALL = Pattern.compile("`(\\w+)\\.(\\w+)`");
  private static final List<String> SERVICE_PACKAGES = List.of("io.xphoto.db", "io.xphoto.storage", "io.xphoto.faces");

  record Row(String operationId, String method, String path, String handlerClass, String handlerMethod,
             List<String[]> services) {
  }

  @Test
  void everyOperationHasItsRowWithTheDocumentedRoute() throws IOException {
    Map<String, String> documented = new TreeMap<>();
    for (ContractDocument.Operation operation : ContractDocument.load().operations()) {
      documented.put(operation.operationId(), operation.method() + " " + operation.path());
    }
    Map<String, String> mapped = new TreeMap<>();
    for (Row row : rows()) {
      mapped.put(row.operationId(), row.method() + " " + row.path());
    }
    assertEquals(documented, mapped);
  }

  @Test
  void everyHandlerNamedRegistersItsOperation() throws Exception {
    for (Row row : rows()) {
      Class<?> handler = Class.forName("io.xphoto." + row.handlerClass());
      assertTrue(declares(handler, row.handlerMethod()), row.operationId() + ": no method " + row.handlerMethod()
          + " in " + handler.getName());
      if (XphotoApi.ROUTED_OPERATIONS.contains(row.operationId())
          || ForumRoutes.ROUTED_OPERATIONS.contains(row.operationId())) {
        String source = Files.readString(Path.of("src/main/java", handler.getName().replace('.', '/') + ".java"),
            StandardCharsets.UTF_8);
        assertTrue(source.contains("\"" + row.operationId() + "\""),
            row.operationId() + ": " + handler.getSimpleName() + " does not give RouterBuilder its handler");
      }
    }
  }

  @Test
  void everyServiceMethodNamedIsOnTheBusAndItsSqlInItsPgClass() throws Exception {
    for (Row row : rows()) {
      for (String[] call : row.services()) {
        Class<?> service = serviceInterface(call[0]);
        assertTrue(declares(service, call[1]), row.operationId() + ": " + call[0] + " has no " + call[1]);
        if (service.getPackageName().equals("io.xphoto.db")) {
          Class<?> sql = Class.forName("io.xphoto.db.Pg" + call[0]);
          assertTrue(declares(sql, call[1]), row.operationId() + ": " + sql.getSimpleName() + " has no " + call[1]);
        }
      }
    }
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(MAP, StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line.trim());
      if (row.matches()) {
        List<String[]> services = new ArrayList<>();
        Matcher call = SERVICE_CALL.matcher(row.group(6));
        while (call.find()) {
          services.add(new String[] {call.group(1), call.group(2)});
        }
        rows.add(new Row(row.group(1), row.group(2), row.group(3), row.group(4), row.group(5), services));
      }
    }
    assertTrue(rows.size() > 10, "docs/OPERATIONS.md has its table");
    assertEquals(rows.size(), rows.stream().map(Row::operationId).collect(Collectors.toSet()).size(),
        "one row per operation");
    return rows;
  }

  private static Class<?> serviceInterface(String name) {
    for (String pkg : SERVICE_PACKAGES) {
      try {
        Class<?> type = Class.forName(pkg + "." + name);
        if (type.isInterface()) {
          return type;
        }
      } catch (ClassNotFoundException e) {
        // next package
      }
    }
    throw new AssertionError("no service interface " + name + " in " + SERVICE_PACKAGES);
  }

  private static boolean declares(Class<?> type, String method) {
    return Arrays.stream(type.getDeclaredMethods()).map(Method::getName).anyMatch(method::equals);
  }
}
