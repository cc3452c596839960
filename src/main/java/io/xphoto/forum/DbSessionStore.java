package io.xphoto.forum;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.xphoto.db.SessionRecords;
import io.xphoto.web.SessionIds;

/**
 * vertx-web sessions kept in the database through the DB verticle ({@link SessionRecords}), so a session
 * made on one node (or HTTP verticle instance) is found by every other. The database only ever sees the
 * SHA-256 of a session id ({@link SessionIds}). No node keeps a copy of a session between requests: each
 * request reads its session from the database, so a session deleted there (a logout, an account-wide
 * revocation) stops working on every node at once.
 */
final class DbSessionStore implements SessionStore {

  private final SessionRecords records;
  private final VertxContextPRNG random;

  DbSessionStore(Vertx vertx, SessionRecords records) {
    this.records = records;
    this.random = VertxContextPRNG.current(vertx);
  }

  static String hash(String sessionId) {
    return SessionIds.hash(sessionId);
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    return this;
  }

  /** Every write is committed before the answer that depends on it is sent, so a lookup never needs a retry. */
  @Override
  public long retryTimeout() {
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new StoredSession(random, timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    return records.load(hash(id)).map(record -> record == null ? null : StoredSession.restore(random, id, record));
  }

  @Override
  public Future<Void> delete(String id) {
    return records.delete(hash(id));
  }

  @Override
  public Future<Void> put(Session session) {
    StoredSession stored = (StoredSession) session;
    String idHash = hash(stored.id());
    boolean isNew = !stored.isStored();
    stored.incrementVersion();
    return (isNew ? records.insert(idHash, stored.record()) : records.update(idHash, stored.record()))
        .onSuccess(v -> stored.stored());
  }

  @Override
  public Future<Void> clear() {
    return Future.failedFuture(new UnsupportedOperationException("sessions are cleared by their expiry"));
  }

  @Override
  public Future<Integer> size() {
    return Future.failedFuture(new UnsupportedOperationException("the session count is not tracked"));
  }

  @Override
  public void close() {
  }
}
