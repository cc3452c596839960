import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The baseline of the /userInfo benchmark: Vert.x's bare JSON route (a Router, one GET route answering a
 * JSON object of the same shape as /userInfo's), one verticle per core. No authentication, no request id.
 */
public class BareJsonServer extends VerticleBase {
  static int port;

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/userInfo").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject()
            .put("id", "1")
            .put("username", "benchuser")
            .put("email", "bench@example.org")
            .put("iat", 1_700_000_000L)
            .encode()));
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }

  public static void main(String[] args) {
    port = Integer.parseInt(args[0]);
    Vertx.vertx().deployVerticle(BareJsonServer::new,
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onSuccess(id -> System.out.println("listening on " + port));
  }
}
