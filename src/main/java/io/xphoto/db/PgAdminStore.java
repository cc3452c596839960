package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

final class PgAdminStore implements AdminStore {

  private static final String SUMMARY = """
      SELECT id, username, email, role, created_at,
             (SELECT max(at) FROM audit_events a WHERE a.user_id = users.id AND a.type = 'signin_ok') AS last_signin_at,
             CASE WHEN disabled_at IS NOT NULL THEN 'disabled' WHEN active THEN 'active' ELSE 'inactive' END AS state
      FROM users""";

  private final Pool pool;

  PgAdminStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<AccountSummary> account(long id) {
    return pool.preparedQuery(SUMMARY + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : summary(rows.iterator().next()));
  }

  @Override
  public Future<List<AccountSummary>> findAccounts(AccountSearch search) {
    return pool.preparedQuery(SUMMARY + """
             WHERE lower(username) LIKE $1 || '%' OR lower(email) LIKE $1 || '%'
            ORDER BY id LIMIT $2 OFFSET $3""")
        .execute(Tuple.of(likePrefix(search.getPrefix()), search.getLimit(), search.getOffset()))
        .map(PgAdminStore::summaries);
  }

  @Override
  public Future<AccountStateChange> setDisabled(AccountDisabling change) {
    long userId = change.getUserId();
    return pool.withTransaction(connection -> connection.preparedQuery("""
            SELECT disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1 FOR UPDATE""")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new AccountStateChange().setFound(false));
          }
          boolean changed = rows.iterator().next().getBoolean("disabled") != change.isDisabled();
          Future<Void> written = !changed ? Future.succeededFuture() : connection
              .preparedQuery("UPDATE users SET disabled_at = CASE WHEN $2 THEN now() END WHERE id = $1")
              .execute(Tuple.of(userId, change.isDisabled()))
              .compose(v -> PgAuditLog.recordIn(connection, change.getAudit().setUserId(userId)));
          return written
              // a disabled account keeps no sign-in, even one made while it was being disabled
              .compose(v -> change.isDisabled()
                  ? PgRevokedTokenStore.revokeAccountIn(connection, userId, null, null)
                  : Future.succeededFuture(List.<RevokedToken>of()))
              .map(revoked -> new AccountStateChange().setFound(true).setChanged(changed)
                  .setRevoked(RevokedToken.arrayOf(revoked)));
        }));
  }

  @Override
  public Future<Boolean> setRole(RoleChange change) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE users SET role = $3
            WHERE CASE WHEN $1::bigint IS NULL THEN lower(username) = lower($2) ELSE id = $1 END
            RETURNING id""")
        .execute(Tuple.of(change.getUserId(), change.getUsername(), change.getRole()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          AuditEvent event = change.getAudit();
          JsonObject details = event.getDetails() == null ? new JsonObject() : event.getDetails().copy();
          return PgAuditLog.recordIn(connection, event.setUserId(rows.iterator().next().getLong("id"))
                  .setDetails(details.put("role", change.getRole())))
              .map(true);
        }));
  }

  /** The prefix, lower-cased, with LIKE's wildcards escaped (a {@code _} in a name is a letter). */
  private static String likePrefix(String prefix) {
    return prefix.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static List<AccountSummary> summaries(RowSet<Row> rows) {
    List<AccountSummary> accounts = new ArrayList<>(rows.size());
    rows.forEach(row -> accounts.add(summary(row)));
    return accounts;
  }

  private static AccountSummary summary(Row row) {
    return new AccountSummary()
        .setId(row.getLong("id"))
        .setUsername(row.getString("username"))
        .setEmail(row.getString("email"))
        .setRole(row.getString("role"))
        .setState(row.getString("state"))
        .setCreated(instant(row.getOffsetDateTime("created_at")))
        .setLastSignin(instant(row.getOffsetDateTime("last_signin_at")));
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
