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
import io.xphoto.db.AccountRevocation;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.RevokedToken;
import io.xphoto.db.RevokedTokenStore;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The signed-out tokens, in front of the database's {@code revoked_tokens}: one map per JVM, shared by the
 * HTTP verticle instances and read on every authenticated request without leaving the JVM. A node fills it
 * from the database at start, after it listens on its {@link #address}; a revocation (one sign-out, or a
 * whole account's, {@link #revokeAccount}) is stored in the database, then sent to every other HTTP node,
 * and answered once each has acknowledged it (or left).
 *
 * <p>Forum sessions need no message: no node keeps a copy of one between requests (each request reads its
 * session from the database), so the sessions an account-wide revocation deletes stop working on every node
 * when its transaction commits.
 */
public final class RevokedTokens {

  private static final String MAP = "xphoto.revoked-tokens";
  /** The field of a revocation message: the revoked tokens. */
  private static final String TOKENS = "tokens";
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
          RevokedToken.listOf(message.body().getJsonArray(TOKENS)).forEach(this::remember);
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
   * Records a sign-out (with its audit {@code event}) in the database, here, then on the other HTTP nodes; completes when they all have it,
   * fails as unavailable (503) when the database or one of them does not acknowledge it in time.
   */
  public Future<Void> revoke(String jti, long expiresAt, AuditEvent event) {
    RevokedToken token = new RevokedToken().setJti(jti).setExpiresAt(expiresAt);
    return store.revokeToken(token, event).compose(v -> announce(List.of(token)));
  }

  /**
   * Ends an account's sign-ins: in one database transaction every unexpired token of the account but
   * {@code keptJti} is revoked and every forum session of the account but {@code keptSessionId} is deleted
   * (null keeps none), and its audit {@code event} (null for none) written; then every HTTP node learns the revoked tokens ({@link #announce}). Completes when all
   * have them; fails as unavailable (503) when the database or a node does not answer in time.
   *
   * @param keptJti       the calling token, which stays valid; null for none
   * @param keptSessionId the calling forum session's id (not its hash), which stays; null for none
   */
  public Future<Void> revokeAccount(long userId, String keptJti, String keptSessionId, AuditEvent event) {
    return store.revokeAccount(new AccountRevocation()
            .setAudit(event)
            .setUserId(userId)
            .setKeptJti(keptJti)
            .setKeptSessionHash(SessionIds.hash(keptSessionId)))
        .compose(this::announce);
  }

  /**
   * Spreads tokens already revoked in the database (by the caller's own transaction: a password reset, an
   * account deletion) to this node and every other HTTP node; completes when each has acknowledged them (or
   * left), fails as unavailable (503) when one does not in time. Nothing to spread completes at once.
   */
  public Future<Void> announce(List<RevokedToken> tokens) {
    if (tokens.isEmpty()) {
      return Future.succeededFuture();
    }
    tokens.forEach(this::remember);
    JsonObject revocation = new JsonObject().put(TOKENS, RevokedToken.arrayOf(tokens));
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
