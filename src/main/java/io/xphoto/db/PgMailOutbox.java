package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.stream.StreamSupport;

final class PgMailOutbox implements MailOutbox {

  private final Pool pool;

  PgMailOutbox(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<OutboxMail>> claimDue(int limit, int leaseSeconds) {
    return pool.preparedQuery("""
            UPDATE mail_outbox SET next_attempt_at = now() + $2::int * INTERVAL '1 second'
            WHERE id IN (
              SELECT id FROM mail_outbox
              WHERE sent_at IS NULL AND next_attempt_at <= now()
              ORDER BY next_attempt_at
              LIMIT $1
              FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, subject, body, attempts""")
        .execute(Tuple.of(limit, leaseSeconds))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false)
            .map(row -> new OutboxMail()
                .setId(row.getLong("id"))
                .setRecipient(row.getString("recipient"))
                .setSubject(row.getString("subject"))
                .setBody(row.getString("body"))
                .setAttempts(row.getInteger("attempts")))
            .toList());
  }

  @Override
  public Future<Void> markSent(long id) {
    return pool.preparedQuery("UPDATE mail_outbox SET sent_at = now(), body = NULL, last_error = NULL WHERE id = $1")
        .execute(Tuple.of(id))
        .mapEmpty();
  }

  @Override
  public Future<Void> markFailed(long id, String error, int retryInSeconds) {
    return pool.preparedQuery("""
            UPDATE mail_outbox
            SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + $3::int * INTERVAL '1 second'
            WHERE id = $1""")
        .execute(Tuple.of(id, error, retryInSeconds))
        .mapEmpty();
  }

  @Override
  public Future<Long> oldestUnsentSeconds() {
    // the unsent mails are few, and mail_outbox_due indexes exactly them
    return pool.query("""
            SELECT coalesce(floor(extract(epoch FROM now() - min(created_at))), 0)::bigint AS age
            FROM mail_outbox WHERE sent_at IS NULL""")
        .execute()
        .map(rows -> rows.iterator().next().getLong("age"));
  }
}
