package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.cluster.NodeCalls;
import io.xphoto.cluster.NodeLeft;
import io.xphoto.cluster.NodeRole;
import io.xphoto.db.RevokedToken;
import io.xphoto.db.RevokedTokenStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The signed-out tokens, in front of the database's {@code revoked_tokens}: one map per JVM, shared by the
 * HTTP verticle instances and read on every authenticated request without leaving the JVM. A node fills it
 * from the database at start, after it listens on its {@link #address}; a sign-out is stored in the
 * database, then sent to every other HTTP node, and answered once each has acknowledged it (or left).
 */
public final class RevokedTokens {

  private static final String MAP = "xphoto.revoked-tokens";
  private static final long ACKNOWLEDGE_TIMEOUT_MS = 5_000;
  /**
   * An HTTP node that does not listen yet (starting) is asked again after this: if it still does not, it
   * began listening after the revocation was stored, so it reads it from the database before it serves.
   * Far longer than a new listener takes to become visible to the other nodes (milliseconds).
   */
  private static final long NOT_LISTENING_RETRY_MS = 1_000;

  private final Vertx vertx;
  private final ClusterMembers members;
  private final NodeCalls calls;
  private final LocalMap<String, Long> revoked;
  private final RevokedTokenStore store;

  public RevokedTokens(Vertx vertx, ClusterMembers members, RevokedTokenStore store) {
    this.vertx = vertx;
    this.members = members;
    this.store = store;
    this.calls = new NodeCalls(vertx, members);
    this.revoked = vertx.sharedData().getLocalMap(MAP);
  }

  private static String address(String node) {
    return "xphoto.tokens.revoked." + node;
  }

  public Future<Void> start() {
    vertx.setPeriodic(60_000, id -> forgetExpired());
    return vertx.eventBus().<JsonObject>consumer(address(members.localId()), message -> {
          remember(new RevokedToken(message.body()));
          message.reply(null);
        }).completion()
        .compose(v -> store.revokedTokens())
        .map(all -> {
          all.forEach(this::remember);
          return null;
        });
  }

  public boolean isRevoked(String jti) {
    return jti != null && revoked.containsKey(jti);
  }

  /**
   * Records a sign-out in the database, here, then on the other HTTP nodes; completes when they all have it,
   * fails as unavailable (503) when the database or one of them does not acknowledge it in time.
   */
  public Future<Void> revoke(String jti, long expiresAt) {
    RevokedToken token = new RevokedToken().setJti(jti).setExpiresAt(expiresAt);
    return store.revokeToken(token).compose(v -> announce(token));
  }

  private Future<Void> announce(RevokedToken token) {
    remember(token);
    JsonObject revocation = token.toJson();
    List<Future<Void>> acknowledgements = members.withRole(NodeRole.HTTP).stream()
        .filter(node -> !node.equals(members.localId()))
        .map(node -> acknowledged(node, revocation, true))
        .toList();
    return Future.all(acknowledgements).mapEmpty();
  }

  private Future<Void> acknowledged(String node, JsonObject revocation, boolean askAgain) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACKNOWLEDGE_TIMEOUT_MS);
    return calls.call(node, () -> vertx.eventBus().request(address(node), revocation, options))
        .<Void>mapEmpty()
        .recover(e -> {
          if (e instanceof NodeLeft) {
            return Future.succeededFuture();
          }
          if (!(e instanceof ReplyException reply) || reply.failureType() != ReplyFailure.NO_HANDLERS) {
            return Future.failedFuture(e);
          }
          return askAgain
              ? vertx.timer(NOT_LISTENING_RETRY_MS, TimeUnit.MILLISECONDS).compose(t -> acknowledged(node, revocation, false))
              : Future.succeededFuture();
        });
  }

  private void remember(RevokedToken token) {
    revoked.put(token.getJti(), token.getExpiresAt());
  }

  private void forgetExpired() {
    long now = System.currentTimeMillis() / 1000;
    revoked.entrySet().stream().filter(e -> e.getValue() < now).map(Map.Entry::getKey).toList()
        .forEach(revoked::remove);
  }
}
