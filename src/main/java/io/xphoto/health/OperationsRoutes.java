package io.xphoto.health;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.metrics.Metrics;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.Responses;

import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /metrics}, {@code GET /health/live} and {@code GET /health/ready}: on the main port (routes of the
 * xphoto surface), or on the management port ({@code management.port}) alone. {@code /metrics} exists only with
 * {@code metrics.enabled}. {@code /health} (the database ping) stays where it was, on the main port.
 */
public final class OperationsRoutes {

  public static final String METRICS = "metrics";
  public static final String LIVE = "healthLive";
  public static final String READY = "healthReady";
  /** Every operation of these, as documented in {@code openapi.yaml}. */
  public static final Set<String> OPERATIONS = Set.of(METRICS, LIVE, READY);

  private OperationsRoutes() {
  }

  /** A separate management HTTP server is asked for. */
  public static boolean managementPort(Settings settings) {
    return !settings.string("management.port").isBlank();
  }

  /** The operations the main port serves: none when a management port takes them. */
  public static Set<String> onMainPort(Settings settings) {
    return managementPort(settings) ? Set.of() : served(settings);
  }

  /** The operations this node serves, wherever. */
  public static Set<String> served(Settings settings) {
    Set<String> served = new TreeSet<>(OPERATIONS);
    if (!settings.bool("metrics.enabled")) {
      served.remove(METRICS);
    }
    return served;
  }

  /** The health answers' type written as every other JSON answer's (Vert.x's handler writes its own spelling). */
  private static void jsonAsElsewhere(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, Responses.JSON));
    ctx.next();
  }

  /** Routes {@code operations} (some of {@link #OPERATIONS}); {@code faces} is the caller's, used on its context. */
  public static void mount(ContractRoutes routes, Set<String> operations, Vertx vertx, Settings settings,
                           ClusterMembers members, FaceWorkers faces) {
    if (operations.contains(METRICS)) {
      routes.handle(METRICS, PrometheusScrapingHandler.create(Metrics.of(vertx).prometheus()
          .orElseThrow(() -> new IllegalStateException("metrics.enabled, but this Vert.x instance has no metrics"))));
    }
    // Vert.x's handler on a route of exact path runs every check of the HealthChecks it is given: one per route
    if (operations.contains(LIVE)) {
      routes.handle(LIVE, OperationsRoutes::jsonAsElsewhere,
          HealthCheckHandler.createWithHealthChecks(Readiness.liveness(vertx)));
    }
    if (operations.contains(READY)) {
      routes.handle(READY, OperationsRoutes::jsonAsElsewhere,
          HealthCheckHandler.createWithHealthChecks(Readiness.of(vertx, settings, members, faces)));
    }
  }
}
