package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.xphoto.accounts.Tokens;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP API: routes, validation, authentication and error mapping. It holds no SQL and no SMTP:
 * everything else is asked of the other verticles over the event bus. Deployed once per core; the
 * instances share the port.
 */
public final class HttpVerticle extends VerticleBase {

  /** Worker pool for password hashing, shared by all instances (Argon2id must stay off the event loops). */
  private static final String HASHING_POOL = "xphoto-password-hashing";

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    AccountStore store = AccountStore.proxy(vertx);
    RevokedTokens revoked = new RevokedTokens(vertx);
    Tokens tokens = new Tokens(vertx, settings);
    BearerAuth auth = new BearerAuth(tokens, revoked);
    Handler<RoutingContext> jsonBody = BodyHandler.create(false).setBodyLimit(settings.integer("http.json-limit"));

    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(settings.bool("http.access-log")));
    new AccountRoutes(settings, store, tokens, revoked,
        vertx.createSharedWorkerExecutor(HASHING_POOL, Runtime.getRuntime().availableProcessors()))
        .mount(router, jsonBody, auth);
    router.get("/health").handler(ctx -> store.ping().timeout(3, TimeUnit.SECONDS).onComplete(ping ->
        Responses.json(ctx, ping.succeeded() ? 200 : 503,
            new JsonObject().put("status", ping.succeeded() ? "UP" : "DOWN"))));

    ErrorResponses errors = new ErrorResponses();
    router.route().failureHandler(errors);
    router.errorHandler(404, errors);
    router.errorHandler(405, errors);

    return revoked.start(store).compose(v -> vertx.createHttpServer(new HttpServerOptions()
            .setPort(settings.integer("http.port"))
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS))
        .requestHandler(router)
        .listen());
  }
}
