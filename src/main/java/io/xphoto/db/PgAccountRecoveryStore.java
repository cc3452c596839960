package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

final class PgAccountRecoveryStore implements AccountRecoveryStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final EventBus eventBus;

  PgAccountRecoveryStore(Pool pool, EventBus eventBus) {
    this.pool = pool;
    this.eventBus = eventBus;
  }

  @Override
  public Future<Void> requestPasswordReset(PasswordResetRequest request) {
    MailContent mail = request.getMail();
    return pool.preparedQuery("""
            WITH target AS (
              SELECT id FROM users
              WHERE (lower(username) = lower($1) OR lower(email) = lower($1)) AND active AND email IS NOT NULL
              ORDER BY lower(username) = lower($1) DESC
              LIMIT 1),
            marked AS (
              UPDATE users u SET reset_sent_at = now() FROM target t
              WHERE u.id = t.id
                AND (u.reset_sent_at IS NULL OR u.reset_sent_at <= now() - $4::int * INTERVAL '1 second')
              RETURNING u.id, u.username, u.email),
            new_key AS (
              INSERT INTO password_reset_keys (key_hash, user_id, expires_at)
              VALUES (decode($2, 'hex'), (SELECT id FROM marked), now() + $3::int * INTERVAL '1 second')),
            mail AS (
              INSERT INTO mail_outbox (recipient, subject, body)
              SELECT email, $5, replace($6, $7, username) FROM marked
              RETURNING id)
            SELECT count(*) AS queued FROM mail""")
        .execute(Tuple.of(request.getIdentifier(), request.getKeyHash(), request.getTtlSeconds(),
            request.getIntervalSeconds(), mail.getSubject(), mail.getBody(), USERNAME))
        .map(rows -> {
          if (rows.iterator().next().getLong("queued") > 0) {
            eventBus.publish(MailOutbox.QUEUED, null);
          }
          return null;
        });
  }

  @Override
  public Future<Boolean> resetKeyValid(String keyHash) {
    return pool.preparedQuery("""
            SELECT 1 FROM password_reset_keys k JOIN users u ON u.id = k.user_id
            WHERE k.key_hash = decode($1, 'hex') AND k.expires_at > now() AND u.active""")
        .execute(Tuple.of(keyHash))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<PasswordResetOutcome> resetPassword(String keyHash, String passwordHash, AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            WITH spent AS (
              DELETE FROM password_reset_keys k USING users u
              WHERE k.key_hash = decode($1, 'hex') AND k.expires_at > now() AND u.id = k.user_id AND u.active
              RETURNING k.user_id)
            UPDATE users SET password_hash = $2 WHERE id IN (SELECT user_id FROM spent)
            RETURNING id""")
        .execute(Tuple.of(keyHash, passwordHash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new PasswordResetOutcome().setReset(false).setRevoked(List.of()));
          }
          long userId = rows.iterator().next().getLong("id");
          return connection.preparedQuery("DELETE FROM password_reset_keys WHERE user_id = $1")
              .execute(Tuple.of(userId))
              .compose(v -> revokeEverything(connection, userId))
              .compose(revoked -> PgAuditLog.recordIn(connection, event.setUserId(userId)).map(revoked))
              .map(revoked -> new PasswordResetOutcome().setReset(true).setRevoked(revoked));
        }));
  }

  /** Every token and forum session of the account, in the caller's transaction. */
  private static Future<List<RevokedToken>> revokeEverything(SqlConnection connection, long userId) {
    return PgRevokedTokenStore.revokeAccountIn(connection, userId, null, null);
  }

  @Override
  public Future<Boolean> requestEmailChange(EmailChangeRequest request) {
    Future<Boolean> queued = pool.withTransaction(connection -> connection.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($2) AND id <> $1) AS taken""")
        .execute(Tuple.of(request.getUserId(), request.getNewEmail()))
        .compose(rows -> {
          if (rows.iterator().next().getBoolean("taken")) {
            return Future.succeededFuture(false);
          }
          return connection.preparedQuery("""
                  INSERT INTO email_change_keys (key_hash, user_id, new_email, expires_at)
                  VALUES (decode($1, 'hex'), $2, $3, now() + $4::int * INTERVAL '1 second')""")
              .execute(Tuple.of(request.getKeyHash(), request.getUserId(), request.getNewEmail(),
                  request.getTtlSeconds()))
              .compose(v -> PgAccountStore.queueMail(connection, request.getConfirmation()))
              .compose(v -> PgAccountStore.queueMail(connection, request.getNotice()))
              .map(true);
        }));
    return queued.onSuccess(sent -> {
      if (sent) {
        eventBus.publish(MailOutbox.QUEUED, null);
      }
    });
  }

  @Override
  public Future<String> confirmEmail(String keyHash, AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            SELECT k.user_id, k.new_email,
                   EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower(k.new_email) AND o.id <> k.user_id) AS taken
            FROM email_change_keys k
            WHERE k.key_hash = decode($1, 'hex') AND k.expires_at > now()
            FOR UPDATE""")
        .execute(Tuple.of(keyHash))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(REFUSED);
          }
          Row row = rows.iterator().next();
          if (row.getBoolean("taken")) {
            return Future.succeededFuture(TAKEN);
          }
          long userId = row.getLong("user_id");
          return connection.preparedQuery("UPDATE users SET email = $2 WHERE id = $1")
              .execute(Tuple.of(userId, row.getString("new_email")))
              .compose(v -> connection.preparedQuery("DELETE FROM email_change_keys WHERE user_id = $1")
                  .execute(Tuple.of(userId)))
              .compose(v -> connection.preparedQuery("DELETE FROM password_reset_keys WHERE user_id = $1")
                  .execute(Tuple.of(userId)))
              .compose(v -> PgAuditLog.recordIn(connection, event.setUserId(userId)))
              .map(CONFIRMED);
        }))
        // another account took the address between the check and the update
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(TAKEN) : Future.failedFuture(e));
  }

  /** Deletes the reset and email change keys that have expired. */
  Future<Void> sweep() {
    return pool.query("DELETE FROM password_reset_keys WHERE expires_at <= now()").execute()
        .compose(v -> pool.query("DELETE FROM email_change_keys WHERE expires_at <= now()").execute())
        .mapEmpty();
  }
}
