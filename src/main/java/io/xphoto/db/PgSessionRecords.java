package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.Locale;

final class PgSessionRecords implements SessionRecords {

  private final Pool pool;

  PgSessionRecords(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<SessionRecord> load(String idHash) {
    return pool.preparedQuery("""
            SELECT data, timeout_ms, last_accessed, version FROM web_sessions
            WHERE id_hash = decode($1, 'hex') AND expires_at > now()""")
        .execute(Tuple.of(idHash))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new SessionRecord()
              .setData(new JsonObject(row.getString("data")))
              .setTimeoutMs(row.getLong("timeout_ms"))
              .setLastAccessed(row.getLong("last_accessed"))
              .setVersion(row.getInteger("version"));
        });
  }

  @Override
  public Future<Void> insert(String idHash, SessionRecord session) {
    return pool.preparedQuery("""
            INSERT INTO web_sessions (id_hash, data, timeout_ms, last_accessed, version, expires_at, user_id)
            VALUES (decode($1, 'hex'), $2, $3, $4, $5, now() + $3::bigint * INTERVAL '1 millisecond',
                    (SELECT id FROM users WHERE id = $6))
            ON CONFLICT (id_hash) DO UPDATE SET data = EXCLUDED.data, timeout_ms = EXCLUDED.timeout_ms,
              last_accessed = EXCLUDED.last_accessed, version = EXCLUDED.version, expires_at = EXCLUDED.expires_at,
              user_id = EXCLUDED.user_id""")
        .execute(values(idHash, session))
        .mapEmpty();
  }

  @Override
  public Future<Void> update(String idHash, SessionRecord session) {
    return pool.preparedQuery("""
            UPDATE web_sessions SET data = $2, timeout_ms = $3, last_accessed = $4, version = $5,
              expires_at = now() + $3::bigint * INTERVAL '1 millisecond', user_id = (SELECT id FROM users WHERE id = $6)
            WHERE id_hash = decode($1, 'hex')""")
        .execute(values(idHash, session))
        .mapEmpty();
  }

  private static Tuple values(String idHash, SessionRecord session) {
    return Tuple.of(idHash, session.getData().encode(), session.getTimeoutMs(), session.getLastAccessed(),
        session.getVersion(), session.getUserId());
  }

  @Override
  public Future<Void> delete(String idHash) {
    return pool.withTransaction(connection -> connection
        .preparedQuery("DELETE FROM web_sessions WHERE id_hash = decode($1, 'hex')").execute(Tuple.of(idHash))
        .compose(v -> connection.preparedQuery("DELETE FROM captchas WHERE session_hash = decode($1, 'hex')")
            .execute(Tuple.of(idHash)))
        .mapEmpty());
  }

  @Override
  public Future<Void> putCaptcha(String idHash, String answer, long ttlMillis) {
    return pool.preparedQuery("""
            INSERT INTO captchas (session_hash, answer, expires_at)
            VALUES (decode($1, 'hex'), $2, now() + $3::bigint * INTERVAL '1 millisecond')
            ON CONFLICT (session_hash) DO UPDATE SET answer = EXCLUDED.answer, expires_at = EXCLUDED.expires_at""")
        .execute(Tuple.of(idHash, answer.toLowerCase(Locale.ROOT), ttlMillis))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> takeCaptcha(String idHash, String answer) {
    return pool.preparedQuery("""
            DELETE FROM captchas WHERE session_hash = decode($1, 'hex')
            RETURNING answer, expires_at > now() AS fresh""")
        .execute(Tuple.of(idHash))
        .map(rows -> {
          if (rows.size() == 0) {
            return false;
          }
          Row row = rows.iterator().next();
          return row.getBoolean("fresh") && row.getString("answer").equals(answer.toLowerCase(Locale.ROOT));
        });
  }

  /** Deletes expired sessions and captchas. */
  Future<Void> sweep() {
    return pool.query("DELETE FROM web_sessions WHERE expires_at <= now()").execute()
        .compose(v -> pool.query("DELETE FROM captchas WHERE expires_at <= now()").execute())
        .mapEmpty();
  }
}
