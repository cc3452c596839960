package io.xphoto.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.serviceproxy.ServiceException;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.cluster.NodeRole;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.MailOutbox;
import io.xphoto.faces.FaceService;
import io.xphoto.faces.FaceWorkers;
import io.xphoto.storage.ObjectStore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The checks of {@code GET /health/live} and {@code GET /health/ready}, one per dependency of the roles this node
 * runs: {@code database} (a ping through the DB verticle), {@code objectStore} (a cheap call through the storage
 * verticle), {@code faces} (this node's face workers answer their ping, so their models are loaded; on an HTTP
 * node without them, any node's), {@code mail} (the SMTP server takes a connection, or the outbox's oldest unsent
 * mail is younger than {@code health.outbox-max-lag}). A node with the http role checks the services it calls
 * (database, object store, faces) whether they run here or on another node: each needs a live consumer.
 *
 * <p>A check never fails its procedure: it answers DOWN with a reason of its own words (never an exception's
 * text, which could carry a host's credentials) before {@link #CHECK_TIMEOUT}, since Vert.x's handler answers a
 * failed or timed-out procedure with 500.
 */
public final class Readiness {

  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
  private static final long PROCEDURE_TIMEOUT_MS = 5_000;

  private Readiness() {
  }

  /** The liveness check: this process serves, so it answers. */
  public static HealthChecks liveness(Vertx vertx) {
    return HealthChecks.create(vertx).register("server", promise -> promise.complete(Status.OK()));
  }

  /** The readiness checks of this node; {@code faces} is the caller's (used on its context). */
  public static HealthChecks of(Vertx vertx, Settings settings, ClusterMembers members, FaceWorkers faces) {
    Set<NodeRole> roles = NodeRole.parse(settings.string("node.roles"));
    boolean http = roles.contains(NodeRole.HTTP);
    HealthChecks checks = HealthChecks.create(vertx);
    if (http || roles.contains(NodeRole.DB)) {
      AccountStore accounts = AccountStore.proxy(vertx);
      register(checks, "database", () -> accounts.ping().map(v -> up("the database answers")),
          "database service (DB verticle)", "the database does not answer");
    }
    if (http || roles.contains(NodeRole.STORAGE)) {
      ObjectStore objects = ObjectStore.proxy(vertx);
      register(checks, "objectStore", () -> objects.ping().map(v -> up("the object store answers")),
          "object store service (storage verticle)", "the object store is unreachable");
    }
    if (roles.contains(NodeRole.FACES)) {
      FaceService own = FaceService.proxy(vertx, members.localId());
      register(checks, "faces", () -> own.ping().map(v -> up("this node's face workers answer: models loaded")),
          "face worker of this node (models not loaded yet)", "the face workers fail");
    } else if (http) {
      register(checks, "faces", () -> faces.ping().map(v -> up("a face worker answers")),
          "face worker on any node", "the face workers fail");
    }
    if (roles.contains(NodeRole.MAIL)) {
      MailCheck mail = new MailCheck(vertx, settings);
      checks.register("mail", PROCEDURE_TIMEOUT_MS, promise -> mail.status().onComplete(promise));
    }
    return checks;
  }

  private static void register(HealthChecks checks, String name, Supplier<Future<Status>> check, String service,
                               String unavailable) {
    checks.register(name, PROCEDURE_TIMEOUT_MS, promise -> bounded(check.get())
        .otherwise(failure -> down(reason(failure, service, unavailable)))
        .onComplete(promise));
  }

  private static Future<Status> bounded(Future<Status> check) {
    return check.timeout(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String reason(Throwable failure, String service, String unavailable) {
    if (failure instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "no " + service + " on the event bus";
    }
    if (failure instanceof ServiceException || failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return unavailable;
    }
    return "no answer within " + CHECK_TIMEOUT.toSeconds() + " s";
  }

  static Status up(String reason) {
    return Status.OK(new JsonObject().put("reason", reason));
  }

  static Status down(String reason) {
    return Status.KO(new JsonObject().put("reason", reason));
  }

  /** SMTP reachable, or mails not waiting too long: a brief SMTP outage does not take the node out of service. */
  private static final class MailCheck {

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final Duration maxLag;
    private final MailOutbox outbox;

    MailCheck(Vertx vertx, Settings settings) {
      this.vertx = vertx;
      this.host = settings.string("smtp.host");
      this.port = settings.integer("smtp.port");
      this.maxLag = settings.duration("health.outbox-max-lag");
      this.outbox = MailOutbox.proxy(vertx);
    }

    Future<Status> status() {
      if (host.isEmpty()) {
        return Future.succeededFuture(up("no SMTP server configured: mails are written to the log"));
      }
      return smtpReachable().compose(
          reachable -> Future.succeededFuture(up("the SMTP server takes connections")),
          unreachable -> bounded(outbox.oldestUnsentSeconds().map(this::byLag))
              .otherwise(e -> down("the SMTP server is unreachable and the outbox cannot be read")));
    }

    private Status byLag(long seconds) {
      String lag = "the SMTP server is unreachable; the oldest unsent mail is " + seconds + " s old (limit "
          + maxLag.toSeconds() + " s)";
      return seconds < maxLag.toSeconds() ? up(lag) : down(lag);
    }

    private Future<Void> smtpReachable() {
      NetClient client = vertx.createNetClient(new NetClientOptions()
          .setConnectTimeout((int) CHECK_TIMEOUT.toMillis() / 2));
      Promise<Void> reached = Promise.promise();
      client.connect(port, host)
          .compose(socket -> socket.close())
          .onComplete(done -> client.close().onComplete(closed -> reached.handle(done)));
      return reached.future();
    }
  }
}
