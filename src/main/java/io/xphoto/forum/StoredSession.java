package io.xphoto.forum;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.sstore.AbstractSession;

import io.xphoto.db.SessionRecord;
import io.xphoto.web.SessionOrBearerAuth;
import java.util.HashMap;

/**
 * A session of the {@link DbSessionStore}. It remembers the id it is stored under: a session whose id is
 * not stored yet (new, or regenerated at login) is inserted, any other only updated, so that a request
 * finishing after a logout cannot write the destroyed session back. Its data must be JSON values.
 */
final class StoredSession extends AbstractSession {

  private String storedId;

  StoredSession(VertxContextPRNG random, long timeout, int length) {
    super(random, timeout, length);
  }

  private StoredSession(VertxContextPRNG random) {
    super(random);
  }

  /** A session read back from the database under {@code id}. */
  static StoredSession restore(VertxContextPRNG random, String id, SessionRecord record) {
    StoredSession session = new StoredSession(random);
    session.setId(id);
    session.setTimeout(record.getTimeoutMs());
    session.setData(record.getData());
    session.setLastAccessed(record.getLastAccessed());
    session.setVersion(record.getVersion());
    session.storedId = id;
    return session;
  }

  boolean isStored() {
    return id().equals(storedId);
  }

  void stored() {
    storedId = id();
  }

  SessionRecord record() {
    return new SessionRecord()
        .setData(new JsonObject(new HashMap<>(data())))
        .setTimeoutMs(timeout())
        .setLastAccessed(lastAccessed())
        .setVersion(version())
        .setUserId(data().get(SessionOrBearerAuth.SESSION_USER) instanceof Number id ? id.longValue() : null);
  }
}
