package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.xphoto.apidocs.ApiContract;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.config.Settings;
import io.xphoto.config.StartRefused;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.health.OperationsRoutes;
import io.xphoto.web.ContractRoutes;

/**
 * The management HTTP server ({@code management.port}, on {@code management.host}): {@code /metrics},
 * {@code /health/live} and {@code /health/ready} of this node, whatever its roles (on a node without the http
 * role, the only way to scrape it). Every other path is 404. One instance per node.
 */
public final class ManagementVerticle extends VerticleBase {

  private final ClusterMembers members;

  public ManagementVerticle(ClusterMembers members) {
    this.members = members;
  }

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    String host = settings.string("management.host");
    int port = settings.integer("management.port");
    return ApiContract.load(vertx)
        .compose(document -> document.of(vertx, OperationsRoutes.served(settings)))
        .compose(contract -> {
          ContractRoutes routes = new ContractRoutes(vertx, contract);
          OperationsRoutes.mount(routes, OperationsRoutes.served(settings), vertx, settings, members,
              new FaceWorkers(vertx, members));
          Router router = routes.router();
          return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
              .requestHandler(router)
              .listen()
              .recover(e -> Future.failedFuture(new StartRefused("cannot listen on management port " + port + " of "
                  + host + " (" + Settings.envName("management.port") + ", " + Settings.envName("management.host")
                  + "): " + e.getMessage())));
        });
  }
}
