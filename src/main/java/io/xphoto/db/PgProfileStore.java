package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

final class PgProfileStore implements ProfileStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;

  PgProfileStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Profile> profile(ProfileQuery query) {
    Long id = query.getId();
    String where = id != null ? "id = $1" : "lower(username) = lower($1)";
    return pool.preparedQuery("""
            SELECT id, username, email, alias, role, avatar_key, password_hash,
                   EXTRACT(EPOCH FROM created_at)::bigint AS created
            FROM users WHERE""" + " " + where)
        .execute(Tuple.of(id != null ? id : query.getUsername()))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new Profile()
              .setId(row.getLong("id"))
              .setUsername(row.getString("username"))
              .setEmail(row.getString("email"))
              .setAlias(row.getString("alias"))
              .setRole(row.getString("role"))
              .setAvatarKey(row.getString("avatar_key"))
              .setCreated(row.getLong("created"))
              .setPasswordHash(row.getString("password_hash"));
        });
  }

  /** A new password revokes the account's other tokens and sessions in the same transaction. */
  @Override
  public Future<ProfileUpdate> updateProfile(long userId, ProfileChanges changes) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE users SET
              alias = CASE WHEN $2 THEN $3 ELSE alias END,
              email = CASE WHEN $4 THEN $5 ELSE email END,
              password_hash = COALESCE($6, password_hash)
            WHERE id = $1
            RETURNING id""")
        .execute(Tuple.tuple()
            .addLong(userId)
            .addBoolean(changes.isAliasChanged()).addString(changes.getAlias())
            .addBoolean(changes.isEmailChanged()).addString(changes.getEmail())
            .addString(changes.getPasswordHash()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new ProfileUpdate().setUpdated(false).setReason("missing"));
          }
          AuditEvent event = changes.getAudit() == null ? null : changes.getAudit().setUserId(userId);
          Future<Void> emailEvent = event != null && changes.isEmailChanged()
              ? PgAuditLog.recordIn(connection, event.as(AuditEvent.EMAIL_CHANGE)) : Future.succeededFuture();
          if (changes.getPasswordHash() == null) {
            return emailEvent.map(new ProfileUpdate().setUpdated(true));
          }
          return emailEvent
              .compose(v -> PgRevokedTokenStore.revokeAccountIn(connection, userId, changes.getKeptJti(),
                  changes.getKeptSessionHash()))
              .compose(revoked -> PgAuditLog.recordIfAny(connection, event == null ? null
                      : event.as(AuditEvent.PASSWORD_CHANGE)).map(revoked))
              .map(revoked -> new ProfileUpdate().setUpdated(true).setRevoked(RevokedToken.arrayOf(revoked)));
        }))
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(new ProfileUpdate().setUpdated(false).setReason("email"))
            : Future.failedFuture(e));
  }

  @Override
  public Future<AvatarReplacement> replaceAvatar(long userId, String key) {
    return pool.preparedQuery("""
            UPDATE users u SET avatar_key = $2
            FROM (SELECT id, avatar_key AS old FROM users WHERE id = $1 FOR UPDATE) o
            WHERE u.id = o.id
            RETURNING o.old""")
        .execute(Tuple.of(userId, key))
        .map(rows -> rows.size() == 0 ? null : new AvatarReplacement().setReplaced(rows.iterator().next().getString("old")));
  }

  @Override
  public Future<Boolean> isAvatar(String key) {
    return pool.preparedQuery("SELECT 1 FROM users WHERE avatar_key = $1")
        .execute(Tuple.of(key))
        .map(rows -> rows.size() > 0);
  }
}
