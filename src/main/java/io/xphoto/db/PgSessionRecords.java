package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Locale;

final class PgSessionRecords implements SessionRecords {

  /**
   * The account the session is signed in to must still exist: a session written for an account deleted meanwhile
   * (a login racing the account's deletion) is not stored, and an earlier row of it is removed, so that no
   * session of a deleted account survives (its {@code user_id} would be null, while its data still names it).
   */
  private static final String SIGNED_IN_ACCOUNT = """
      WITH owner AS (
        SELECT $6::bigint AS id WHERE $6::bigint IS NULL OR EXISTS (SELECT 1 FROM users WHERE id = $6)),
      gone AS (
        DELETE FROM web_sessions WHERE id_hash = decode($1, 'hex') AND NOT EXISTS (SELECT 1 FROM owner))
      """;
  private static final String FOREIGN_KEY_VIOLATION = "23503";

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
    return written(pool.preparedQuery(SIGNED_IN_ACCOUNT + """
            INSERT INTO web_sessions (id_hash, data, timeout_ms, last_accessed, version, expires_at, user_id)
            SELECT decode($1, 'hex'), $2, $3, $4, $5, now() + $3::bigint * INTERVAL '1 millisecond', owner.id
            FROM owner
            ON CONFLICT (id_hash) DO UPDATE SET data = EXCLUDED.data, timeout_ms = EXCLUDED.timeout_ms,
              last_accessed = EXCLUDED.last_accessed, version = EXCLUDED.version, expires_at = EXCLUDED.expires_at,
              user_id = EXCLUDED.user_id""")
        .execute(values(idHash, session)));
  }

  @Override
  public Future<Void> update(String idHash, SessionRecord session) {
    return written(pool.preparedQuery(SIGNED_IN_ACCOUNT + """
            UPDATE web_sessions SET data = $2, timeout_ms = $3, last_accessed = $4, version = $5,
              expires_at = now() + $3::bigint * INTERVAL '1 millisecond', user_id = (SELECT id FROM owner)
            WHERE id_hash = decode($1, 'hex') AND EXISTS (SELECT 1 FROM owner)""")
        .execute(values(idHash, session)));
  }

  /** The account deleted between the check and the write: nothing is written, as when the check saw it gone. */
  private static Future<Void> written(Future<?> write) {
    return write.<Void>mapEmpty().recover(e -> e instanceof PgException pg
        && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState()) ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private static Tuple values(String idHash, SessionRecord session) {
    return Tuple.of(idHash, session.getData().encode(), session.getTimeoutMs(), session.getLastAccessed(),
        session.getVersion(), session.getUserId());
  }

  @Override
  public Future<Void> delete(String idHash) {
    return pool.withTransaction(connection -> deleteIn(connection, idHash).mapEmpty());
  }

  @Override
  public Future<Void> logout(String idHash, AuditEvent event) {
    return pool.withTransaction(connection -> deleteIn(connection, idHash)
        .compose(deleted -> deleted ? PgAuditLog.recordIn(connection, event) : Future.<Void>succeededFuture()));
  }

  /** Deletes the session and its captcha; true when the session was there. */
  private static Future<Boolean> deleteIn(SqlClient connection, String idHash) {
    return connection.preparedQuery("DELETE FROM web_sessions WHERE id_hash = decode($1, 'hex')")
        .execute(Tuple.of(idHash))
        .compose(sessions -> connection.preparedQuery("DELETE FROM captchas WHERE session_hash = decode($1, 'hex')")
            .execute(Tuple.of(idHash))
            .map(captchas -> sessions.rowCount() > 0));
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
