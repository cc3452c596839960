import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/** The baseline of the image GET benchmark: Vert.x's bare static-file route over a directory, one verticle per core. */
public class BareStaticServer extends VerticleBase {
  static int port;
  static String dir;

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/objects/*").handler(StaticHandler.create(FileSystemAccess.ROOT, dir));
    return vertx.createHttpServer().requestHandler(router).listen(port);
  }

  public static void main(String[] args) {
    port = Integer.parseInt(args[0]);
    dir = args[1];
    Vertx.vertx().deployVerticle(BareStaticServer::new,
        new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onSuccess(id -> System.out.println("listening on " + port));
  }
}
