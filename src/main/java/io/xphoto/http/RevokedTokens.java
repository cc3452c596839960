package io.xphoto.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.xphoto.db.AccountStore;

/**
 * The signed-out tokens, in front of the database's {@code revoked_tokens}: one map per JVM, shared by
 * the HTTP verticle instances, filled from the database at start and kept current by the revocations
 * that every node publishes on {@link #ADDRESS}.
 */
public final class RevokedTokens {

  static final String ADDRESS = "xphoto.tokens.revoked";
  private static final String MAP = "xphoto.revoked-tokens";

  private final Vertx vertx;
  private final LocalMap<String, Long> revoked;

  RevokedTokens(Vertx vertx) {
    this.vertx = vertx;
    this.revoked = vertx.sharedData().getLocalMap(MAP);
  }

  Future<Void> start(AccountStore store) {
    vertx.eventBus().<JsonObject>consumer(ADDRESS, message -> remember(message.body()));
    vertx.setPeriodic(60_000, id -> forgetExpired());
    return store.revokedTokens().map(all -> {
      all.forEach(entry -> revoked.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
      return null;
    });
  }

  public boolean isRevoked(String jti) {
    return jti != null && revoked.containsKey(jti);
  }

  /** Records a sign-out here at once, then tells the other nodes. */
  void announce(String jti, long expiresAt) {
    JsonObject revocation = new JsonObject().put("jti", jti).put("exp", expiresAt);
    remember(revocation);
    vertx.eventBus().publish(ADDRESS, revocation);
  }

  private void remember(JsonObject revocation) {
    revoked.put(revocation.getString("jti"), revocation.getLong("exp"));
  }

  private void forgetExpired() {
    long now = System.currentTimeMillis() / 1000;
    revoked.entrySet().stream().filter(e -> e.getValue() < now).map(java.util.Map.Entry::getKey).toList()
        .forEach(revoked::remove);
  }
}
