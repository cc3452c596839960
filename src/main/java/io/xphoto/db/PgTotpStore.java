package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.List;

final class PgTotpStore implements TotpStore {

  private final Pool pool;

  PgTotpStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<String> setUp(long userId, String sealedSecret) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            WITH account AS (SELECT id FROM users WHERE id = $1),
            stored AS (
              INSERT INTO totp_secrets (user_id, secret_sealed) SELECT id, $2 FROM account
              ON CONFLICT (user_id) DO UPDATE
                SET secret_sealed = EXCLUDED.secret_sealed, last_used_step = 0, created_at = now()
                WHERE totp_secrets.enabled_at IS NULL
              RETURNING user_id)
            SELECT EXISTS (SELECT 1 FROM account) AS account, EXISTS (SELECT 1 FROM stored) AS stored""")
        .execute(Tuple.of(userId, sealedSecret))
        .map(rows -> {
          Row row = rows.iterator().next();
          return !row.getBoolean("account") ? NO_ACCOUNT : row.getBoolean("stored") ? SET_UP : ALREADY_ENABLED;
        }));
  }

  @Override
  public Future<TotpState> totpState(long userId) {
    return pool.preparedQuery("""
            SELECT secret_sealed, enabled_at IS NOT NULL AS enabled, last_used_step FROM totp_secrets
            WHERE user_id = $1""")
        .execute(Tuple.of(userId))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new TotpState()
              .setSealedSecret(row.getString("secret_sealed"))
              .setEnabled(row.getBoolean("enabled"))
              .setLastUsedStep(row.getLong("last_used_step"));
        });
  }

  @Override
  public Future<Boolean> enable(long userId, String checkedSecret, long step, List<String> recoveryCodeHashes,
                                AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE totp_secrets SET enabled_at = now(), last_used_step = $3
            WHERE user_id = $1 AND secret_sealed = $2 AND enabled_at IS NULL""")
        .execute(Tuple.of(userId, checkedSecret, step))
        .compose(enabled -> enabled.rowCount() == 0 ? Future.succeededFuture(false) : connection.preparedQuery(
                "DELETE FROM totp_recovery_codes WHERE user_id = $1")
            .execute(Tuple.of(userId))
            .compose(cleared -> connection.preparedQuery("""
                    INSERT INTO totp_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])""")
                .execute(Tuple.tuple().addLong(userId).addArrayOfString(recoveryCodeHashes.toArray(String[]::new))))
            .compose(stored -> PgAuditLog.recordIn(connection, event.setUserId(userId)))
            .map(true)));
  }

  @Override
  public Future<Boolean> disable(long userId, AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery(
            "DELETE FROM totp_recovery_codes WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .compose(codes -> connection.preparedQuery(
                "DELETE FROM totp_secrets WHERE user_id = $1 AND enabled_at IS NOT NULL")
            .execute(Tuple.of(userId)))
        .compose(deleted -> deleted.rowCount() == 0
            ? Future.succeededFuture(false)
            : PgAuditLog.recordIn(connection, event.setUserId(userId)).map(true)));
  }
}
