package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

final class PgSigninFailureStore implements SigninFailureStore {

  private final Pool pool;

  PgSigninFailureStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<SigninState> signinState(String identifier, String address, SigninLimits limits) {
    return pool.preparedQuery("""
            WITH matched AS (
              SELECT id, username, email, password_hash, active, disabled_at IS NOT NULL AS disabled,
                (SELECT t.secret_sealed FROM totp_secrets t WHERE t.user_id = users.id AND t.enabled_at IS NOT NULL)
                  AS totp_secret,
                (SELECT t.last_used_step FROM totp_secrets t WHERE t.user_id = users.id) AS totp_last_step
              FROM users
              WHERE lower(username) = lower($1) OR lower(email) = lower($1)
              ORDER BY lower(username) = lower($1) DESC
              LIMIT 1),
            counted AS (
              SELECT COALESCE((SELECT 'id:' || id FROM matched), 'name:' || lower($1)) AS account,
                     now() - $3::int * INTERVAL '1 second' AS since),
            state AS (
              SELECT m.id, m.username, m.email, m.password_hash, m.active, m.disabled, m.totp_secret, m.totp_last_step,
                c.account,
                (SELECT CEIL(EXTRACT(EPOCH FROM f.failed_at - c.since))::int FROM signin_failures f
                 WHERE f.account = c.account AND f.address = $2 AND f.failed_at > c.since
                 ORDER BY f.failed_at DESC OFFSET $4::int - 1 LIMIT 1) AS pair_wait,
                (SELECT CEIL(EXTRACT(EPOCH FROM f.failed_at - c.since))::int FROM signin_failures f
                 WHERE f.address = $2 AND f.failed_at > c.since AND f.account NOT LIKE 'request:%'
                 ORDER BY f.failed_at DESC OFFSET $5::int - 1 LIMIT 1) AS address_wait,
                (SELECT count(*) FROM (SELECT 1 FROM signin_failures f
                   WHERE f.account = c.account AND f.failed_at > c.since LIMIT $6::int) recent) >= $6::int AS slow_down
              FROM counted c LEFT JOIN matched m ON TRUE),
            counted_as_failed AS (
              INSERT INTO signin_failures (account, address)
              SELECT account, $2 FROM state WHERE pair_wait IS NULL AND address_wait IS NULL)
            SELECT * FROM state""")
        .execute(Tuple.of(identifier, address, limits.getWindowSeconds(), limits.getAccountAddressFailures(),
            limits.getAddressFailures(), limits.getAccountSlowdownFailures()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new SigninState()
              .setUser(row.getLong("id") == null ? null : account(row))
              .setAccount(row.getString("account"))
              .setRetryAfter(Math.max(waitOf(row, "pair_wait"), waitOf(row, "address_wait")))
              .setSlowDown(row.getBoolean("slow_down"))
              .setTotpSecret(row.getString("totp_secret"))
              .setTotpLastStep(row.getLong("totp_last_step") == null ? 0 : row.getLong("totp_last_step"));
        });
  }

  private static Account account(Row row) {
    return new Account()
        .setId(row.getLong("id"))
        .setUsername(row.getString("username"))
        .setEmail(row.getString("email"))
        .setPasswordHash(row.getString("password_hash"))
        .setActive(row.getBoolean("active"))
        .setDisabled(row.getBoolean("disabled"));
  }

  /** Seconds until the failure that reached a limit leaves the window (at least 1); 0 under the limit. */
  private static int waitOf(Row row, String column) {
    Integer wait = row.getInteger(column);
    return wait == null ? 0 : Math.max(1, wait);
  }

  /**
   * The account's row is locked (FOR SHARE) until the token is committed: a password change or a deletion
   * waits for it, then revokes (or cascades to) the token it would otherwise not have seen yet; one that
   * committed first leaves no row with the checked hash, and nothing is written. A second factor is spent in the
   * same statement, only if still unspent: the TOTP step recorded only when later than the last one (a code used
   * by a parallel sign-in is refused), the recovery code deleted only if it is still there; a sign-in that asks
   * for the second factor but gave none passes only while TOTP is still off.
   */
  @Override
  public Future<Boolean> signedIn(SigninSuccess success) {
    IssuedToken token = success.getToken();
    AuditEvent event = success.getAudit();
    AuditEvent recoveryCodeUsed = success.getRecoveryCodeHash() == null ? null : success.getRecoveryCodeAudit();
    if (event == null && recoveryCodeUsed == null) {
      return signedIn(pool, success, token);
    }
    // a sign-in's event is written only with its token (or login); the admins' "last sign-in" is read from it, so
    // that a sign-in writes no account row (concurrent sign-ins of one account hold share locks on it). A statement
    // that passed with a recovery code deleted it: its event goes with the deletion.
    return pool.withTransaction(connection -> signedIn(connection, success, token).compose(unchanged -> !unchanged
        ? Future.succeededFuture(false)
        : PgAuditLog.recordIfAny(connection, recoveryCodeUsed)
            .compose(v -> PgAuditLog.recordIfAny(connection, event))
            .map(true)));
  }

  private static Future<Boolean> signedIn(SqlClient client, SigninSuccess success, IssuedToken token) {
    return client.preparedQuery("""
            WITH unchanged AS (
              SELECT id FROM users WHERE id = $3 AND password_hash = $4 AND disabled_at IS NULL FOR SHARE),
            step_used AS (
              UPDATE totp_secrets SET last_used_step = $10
              WHERE $10::bigint IS NOT NULL AND user_id = (SELECT id FROM unchanged) AND enabled_at IS NOT NULL
                AND last_used_step < $10
              RETURNING user_id),
            recovery_used AS (
              DELETE FROM totp_recovery_codes
              WHERE $11::text IS NOT NULL AND user_id = (SELECT id FROM unchanged) AND code_hash = $11
              RETURNING user_id),
            passed AS (
              SELECT id FROM unchanged WHERE CASE
                WHEN $10::bigint IS NOT NULL THEN EXISTS (SELECT 1 FROM step_used)
                WHEN $11::text IS NOT NULL THEN EXISTS (SELECT 1 FROM recovery_used)
                WHEN $12::boolean THEN NOT EXISTS (
                  SELECT 1 FROM totp_secrets t WHERE t.user_id = unchanged.id AND t.enabled_at IS NOT NULL)
                ELSE TRUE END),
            cleared AS (
              DELETE FROM signin_failures
              WHERE account = $1 AND address = $2 AND EXISTS (SELECT 1 FROM passed)),
            recorded AS (
              INSERT INTO issued_tokens (jti, user_id, issued_at, expires_at, client_address, user_agent)
              SELECT $5, id, to_timestamp($6::bigint), to_timestamp($7::bigint), $8, $9 FROM passed
              WHERE $5::text IS NOT NULL)
            SELECT EXISTS (SELECT 1 FROM passed) AS unchanged""")
        .execute(Tuple.tuple()
            .addString(success.getAccount())
            .addString(success.getAddress())
            .addLong(success.getUserId())
            .addString(success.getCheckedHash())
            .addString(token == null ? null : token.getJti())
            .addLong(token == null ? 0 : token.getIssuedAt())
            .addLong(token == null ? 0 : token.getExpiresAt())
            .addString(token == null ? null : token.getClientAddress())
            .addString(token == null ? null : token.getUserAgent())
            .addLong(success.getTotpStep())
            .addString(success.getRecoveryCodeHash())
            .addBoolean(success.isSecondFactorChecked()))
        .map(rows -> rows.iterator().next().getBoolean("unchanged"));
  }

  @Override
  public Future<Integer> countRequest(String action, String address, int windowSeconds, int limit) {
    return pool.preparedQuery("""
            WITH window_start AS (SELECT now() - $3::int * INTERVAL '1 second' AS since),
            wait AS (
              SELECT (SELECT CEIL(EXTRACT(EPOCH FROM f.failed_at - w.since))::int FROM signin_failures f
                      WHERE f.account = $1 AND f.address = $2 AND f.failed_at > w.since
                      ORDER BY f.failed_at DESC OFFSET $4::int - 1 LIMIT 1) AS seconds
              FROM window_start w),
            counted AS (
              INSERT INTO signin_failures (account, address) SELECT $1, $2 FROM wait WHERE seconds IS NULL)
            SELECT seconds FROM wait""")
        .execute(Tuple.of("request:" + action, address, windowSeconds, limit))
        .map(rows -> {
          Integer seconds = rows.iterator().next().getInteger("seconds");
          return seconds == null ? 0 : Math.max(1, seconds);
        });
  }

  /** Deletes the failures that have left the window. */
  Future<Void> sweep(int windowSeconds) {
    return pool.preparedQuery("DELETE FROM signin_failures WHERE failed_at <= now() - $1::int * INTERVAL '1 second'")
        .execute(Tuple.of(windowSeconds))
        .mapEmpty();
  }
}
