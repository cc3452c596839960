package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The SQL of {@link AuditLog}, and {@link #recordIn}: the one way an event is written. */
public final class PgAuditLog implements AuditLog {

  private static final String COLUMNS = "id, at, type, user_id, actor_id, address, request_id, details";

  private final Pool pool;

  PgAuditLog(Pool pool) {
    this.pool = pool;
  }

  /**
   * Writes {@code event} with {@code client}: pass the connection of the transaction making the change the event
   * records, so that both commit or neither does. Every service that records an event does it through this.
   */
  public static Future<Void> recordIn(SqlClient client, AuditEvent event) {
    return client.preparedQuery("""
            INSERT INTO audit_events (type, user_id, actor_id, address, request_id, details)
            VALUES ($1, $2, $3, $4, $5, $6)""")
        .execute(Tuple.of(event.getType(), event.getUserId(), event.getActorId(), event.getAddress(),
            event.getRequestId(), event.getDetails()))
        .mapEmpty();
  }

  /** {@link #recordIn} when an event is given (a caller that records none passes null). */
  static Future<Void> recordIfAny(SqlClient client, AuditEvent event) {
    return event == null ? Future.succeededFuture() : recordIn(client, event);
  }

  @Override
  public Future<Void> record(AuditEvent event) {
    return recordIn(pool, event);
  }

  @Override
  public Future<List<AuditEvent>> accountEvents(long userId, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_events WHERE user_id = $1 ORDER BY at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(userId, limit))
        .map(PgAuditLog::events);
  }

  @Override
  public Future<List<AuditEvent>> search(AuditQuery query) {
    return pool.preparedQuery("SELECT " + COLUMNS + """
             FROM audit_events
            WHERE ($1::bigint IS NULL OR user_id = $1 OR actor_id = $1)
              AND ($2::text IS NULL OR type = $2)
              AND ($3::timestamptz IS NULL OR at >= $3)
            ORDER BY at DESC, id DESC LIMIT $4 OFFSET $5""")
        .execute(Tuple.of(query.getUserId(), query.getType(),
            query.getSince() == null ? null : OffsetDateTime.parse(query.getSince()),
            query.getLimit(), query.getOffset()))
        .map(PgAuditLog::events);
  }

  /** Deletes the events older than the retention. */
  Future<Void> sweep(long retentionSeconds) {
    return pool.preparedQuery("DELETE FROM audit_events WHERE at < now() - $1::bigint * INTERVAL '1 second'")
        .execute(Tuple.of(retentionSeconds))
        .mapEmpty();
  }

  private static List<AuditEvent> events(Iterable<Row> rows) {
    List<AuditEvent> events = new ArrayList<>();
    rows.forEach(row -> events.add(new AuditEvent()
        .setId(row.getLong("id"))
        .setAt(row.getOffsetDateTime("at").toInstant().toString())
        .setType(row.getString("type"))
        .setUserId(row.getLong("user_id"))
        .setActorId(row.getLong("actor_id"))
        .setAddress(row.getString("address"))
        .setRequestId(row.getString("request_id"))
        .setDetails(row.getJsonObject("details"))));
    return events;
  }
}
