package io.xphoto.apidocs;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;

import java.util.List;
import java.util.TreeSet;

/**
 * The endpoints a node's router serves, as {@code "METHOD path"} in Vert.x's notation ({@code /images-db/:id},
 * {@code /objects/*}), noted in the node's local shared data when the routes are mounted. The contract test
 * compares them with {@code openapi.yaml}. Routes for any method (the per-request handlers, the session
 * handler) are plumbing, not endpoints; sub-routers are walked. The routes RouterBuilder made are noted by
 * operationId too.
 */
final class MountedRoutes {

  private static final String MAP = "io.xphoto.apidocs";
  private static final String KEY = "routes";
  private static final String BUILT_KEY = "operations built by RouterBuilder";

  private MountedRoutes() {
  }

  static void record(Vertx vertx, Router router, Router... handlerRouters) {
    TreeSet<String> endpoints = new TreeSet<>();
    TreeSet<String> built = new TreeSet<>();
    collect(router, "", endpoints, built);
    for (Router handlerRouter : handlerRouters) {
      collect(handlerRouter, "", endpoints, built);
    }
    vertx.sharedData().<String, JsonArray>getLocalMap(MAP).put(KEY, new JsonArray(List.copyOf(endpoints)));
    vertx.sharedData().<String, JsonArray>getLocalMap(MAP).put(BUILT_KEY, new JsonArray(List.copyOf(built)));
  }

  /** The operationIds of the routes RouterBuilder made, noted with the endpoints. */
  static List<String> builtOperations(Vertx vertx) {
    JsonArray operations = vertx.sharedData().<String, JsonArray>getLocalMap(MAP).get(BUILT_KEY);
    return operations == null ? List.of() : operations.stream().map(String.class::cast).toList();
  }

  /** The endpoints of the last router mounted on this Vert.x instance; empty before any. */
  static List<String> of(Vertx vertx) {
    JsonArray routes = vertx.sharedData().<String, JsonArray>getLocalMap(MAP).get(KEY);
    return routes == null ? List.of() : routes.stream().map(String.class::cast).toList();
  }

  private static void collect(Router router, String prefix, TreeSet<String> endpoints, TreeSet<String> built) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      if (route.getMetadata(RouterBuilder.KEY_META_DATA_OPERATION) instanceof Operation operation) {
        built.add(operation.getOperationId());
      }
      String full = prefix + (route.isExactPath() ? path : path + "*");
      if (route.getSubRouter() != null) {
        collect(route.getSubRouter(), prefix + path.replaceAll("/$", ""), endpoints, built);
      } else if (route.methods() != null) {
        for (HttpMethod method : route.methods()) {
          endpoints.add(method.name() + " " + full);
        }
      }
    }
  }
}
