package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.xphoto.metrics.Metrics;

import java.util.List;

final class PgAccountStore implements AccountStore {

  private final Pool pool;
  private final EventBus eventBus;
  /** {@code admins}: an account created with one of these names (case-insensitively) is an admin from the start. */
  private final String[] admins;
  private final Metrics metrics;

  PgAccountStore(Pool pool, EventBus eventBus, List<String> admins, Metrics metrics) {
    this.pool = pool;
    this.eventBus = eventBus;
    this.admins = admins.toArray(String[]::new);
    this.metrics = metrics;
  }

  @Override
  public Future<AccountCreation> createUser(NewAccount account) {
    MailContent mail = account.getMail();
    Future<AccountCreation> created = pool.withTransaction(connection -> connection.preparedQuery("""
            INSERT INTO users (username, email, password_hash, alias, active, activation_sent_at, role)
            VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END,
                    CASE WHEN lower($1) IN (SELECT lower(unnest($7::text[]))) THEN 'admin' ELSE 'user' END)
            ON CONFLICT DO NOTHING
            RETURNING id""")
        .execute(Tuple.of(account.getUsername(), account.getEmail(), account.getPasswordHash(), account.getAlias(),
            account.isActive(), mail != null, admins))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new AccountCreation().setCreated(false));
          }
          long id = rows.iterator().next().getLong("id");
          return insertActivationKey(connection, id, account.getActivation())
              .compose(v -> queueMail(connection, mail))
              .compose(v -> PgAuditLog.recordIfAny(connection,
                  account.getAudit() == null ? null : account.getAudit().setUserId(id)))
              .map(new AccountCreation().setCreated(true).setId(id));
        }));
    return created.onSuccess(result -> {
      if (result.isCreated()) {
        metrics.signup();
      }
      if (mail != null && result.isCreated()) {
        metrics.mailQueued();
        eventBus.publish(MailOutbox.QUEUED, null);
      }
    });
  }

  @Override
  public Future<Boolean> activate(String username, String keyHash, AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            WITH used AS (
              DELETE FROM activation_keys k USING users u
              WHERE k.key_hash = decode($1, 'hex') AND k.user_id = u.id
                AND lower(u.username) = lower($2) AND k.expires_at > now()
              RETURNING k.user_id)
            UPDATE users SET active = TRUE
            WHERE id IN (SELECT user_id FROM used) AND NOT active
            RETURNING id""")
        .execute(Tuple.of(keyHash, username))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          long id = rows.iterator().next().getLong("id");
          return connection.preparedQuery("DELETE FROM activation_keys WHERE user_id = $1")
              .execute(Tuple.of(id))
              .compose(v -> PgAuditLog.recordIn(connection, event.setUserId(id)))
              .map(true);
        }));
  }

  @Override
  public Future<PasswordChangeResult> changePassword(PasswordChange change) {
    return pool.withTransaction(connection -> connection.preparedQuery(
            "UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2 RETURNING id")
        .execute(Tuple.of(change.getUserId(), change.getCheckedHash(), change.getPasswordHash()))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(new PasswordChangeResult().setChanged(false))
            // a statement of its own, after the update: it sees a token that a sign-in racing this change
            // committed while the update waited for the account's row
            : PgRevokedTokenStore.revokeAccountIn(connection, change.getUserId(), change.getKeptJti(),
                    change.getKeptSessionHash())
                .compose(revoked -> PgAuditLog.recordIfAny(connection, change.getAudit()).map(revoked))
                .map(revoked -> new PasswordChangeResult().setChanged(true).setRevoked(RevokedToken.arrayOf(revoked)))));
  }

  @Override
  public Future<Boolean> resendActivation(ActivationResend resend) {
    long userId = resend.getUserId();
    Future<Boolean> queued = pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE users SET activation_sent_at = now()
            WHERE id = $1 AND NOT active
              AND (activation_sent_at IS NULL OR activation_sent_at <= now() - $2::int * INTERVAL '1 second')
            RETURNING id""")
        .execute(Tuple.of(userId, resend.getResendIntervalSeconds()))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(false)
            : insertActivationKey(connection, userId, resend.getActivation())
                .compose(v -> queueMail(connection, resend.getMail())).map(true)));
    return queued.onSuccess(sent -> {
      if (sent) {
        metrics.mailQueued();
        eventBus.publish(MailOutbox.QUEUED, null);
      }
    });
  }

  @Override
  public Future<Void> grantAdmins() {
    return pool.preparedQuery("""
            UPDATE users SET role = 'admin'
            WHERE lower(username) IN (SELECT lower(unnest($1::text[]))) AND role <> 'admin'""")
        .execute(Tuple.of(admins))
        .mapEmpty();
  }

  @Override
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  /** Deletes the activation keys that have expired. */
  Future<Void> sweep() {
    return pool.query("DELETE FROM activation_keys WHERE expires_at <= now()").execute().mapEmpty();
  }

  private static Future<Void> insertActivationKey(SqlConnection connection, long userId, NewActivationKey activation) {
    if (activation == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("""
            INSERT INTO activation_keys (key_hash, user_id, expires_at)
            VALUES (decode($1, 'hex'), $2, now() + $3::int * INTERVAL '1 second')""")
        .execute(Tuple.of(activation.getKeyHash(), userId, activation.getTtlSeconds()))
        .mapEmpty();
  }

  /** Queues a mail in the caller's transaction (nothing when null); the caller publishes {@link MailOutbox#QUEUED} after the commit. */
  static Future<Void> queueMail(SqlConnection connection, MailContent mail) {
    if (mail == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("INSERT INTO mail_outbox (recipient, subject, body) VALUES ($1, $2, $3)")
        .execute(Tuple.of(mail.getRecipient(), mail.getSubject(), mail.getBody()))
        .mapEmpty();
  }

}
