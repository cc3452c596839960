package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

final class PgAccountStore implements AccountStore {

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;
  private final EventBus eventBus;
  /** {@code admins}: an account created with one of these names (case-insensitively) is an admin from the start. */
  private final String[] admins;

  PgAccountStore(Pool pool, EventBus eventBus, List<String> admins) {
    this.pool = pool;
    this.eventBus = eventBus;
    this.admins = admins.toArray(String[]::new);
  }

  @Override
  public Future<JsonObject> createUser(JsonObject account) {
    JsonObject activation = account.getJsonObject("activation");
    JsonObject mail = account.getJsonObject("mail");
    Future<JsonObject> created = pool.withTransaction(connection -> connection.preparedQuery("""
            INSERT INTO users (username, email, password_hash, alias, active, activation_sent_at, role)
            VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END,
                    CASE WHEN lower($1) IN (SELECT lower(unnest($7::text[]))) THEN 'admin' ELSE 'user' END)
            ON CONFLICT DO NOTHING
            RETURNING id""")
        .execute(Tuple.of(account.getString("username"), account.getString("email"),
            account.getString("passwordHash"), account.getString("alias"),
            account.getBoolean("active", false), mail != null, admins))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(new JsonObject().put("created", false));
          }
          long id = rows.iterator().next().getLong("id");
          return insertActivationKey(connection, id, activation)
              .compose(v -> queueMail(connection, mail))
              .map(new JsonObject().put("created", true).put("id", id));
        }));
    return created.onSuccess(result -> {
      if (mail != null && result.getBoolean("created")) {
        eventBus.publish(MailOutbox.QUEUED, null);
      }
    });
  }

  @Override
  public Future<Boolean> activate(String username, String keyHash) {
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
              .execute(Tuple.of(id)).map(true);
        }));
  }

  @Override
  public Future<JsonObject> signinState(String identifier, String address, JsonObject limits) {
    return pool.preparedQuery("""
            WITH matched AS (
              SELECT id, username, email, password_hash, active FROM users
              WHERE lower(username) = lower($1) OR lower(email) = lower($1)
              ORDER BY lower(username) = lower($1) DESC
              LIMIT 1),
            counted AS (
              SELECT COALESCE((SELECT 'id:' || id FROM matched), 'name:' || lower($1)) AS account,
                     now() - $3::int * INTERVAL '1 second' AS since),
            state AS (
              SELECT m.id, m.username, m.email, m.password_hash, m.active, c.account,
                (SELECT CEIL(EXTRACT(EPOCH FROM f.failed_at - c.since))::int FROM signin_failures f
                 WHERE f.account = c.account AND f.address = $2 AND f.failed_at > c.since
                 ORDER BY f.failed_at DESC OFFSET $4::int - 1 LIMIT 1) AS pair_wait,
                (SELECT CEIL(EXTRACT(EPOCH FROM f.failed_at - c.since))::int FROM signin_failures f
                 WHERE f.address = $2 AND f.failed_at > c.since
                 ORDER BY f.failed_at DESC OFFSET $5::int - 1 LIMIT 1) AS address_wait,
                (SELECT count(*) FROM (SELECT 1 FROM signin_failures f
                   WHERE f.account = c.account AND f.failed_at > c.since LIMIT $6::int) recent) >= $6::int AS slow_down
              FROM counted c LEFT JOIN matched m ON TRUE),
            counted_as_failed AS (
              INSERT INTO signin_failures (account, address)
              SELECT account, $2 FROM state WHERE pair_wait IS NULL AND address_wait IS NULL)
            SELECT * FROM state""")
        .execute(Tuple.of(identifier, address, limits.getInteger("windowSeconds"),
            limits.getInteger("accountAddressFailures"), limits.getInteger("addressFailures"),
            limits.getInteger("accountSlowdownFailures")))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new JsonObject()
              .put("user", row.getLong("id") == null ? null : userJson(row))
              .put("account", row.getString("account"))
              .put("retryAfter", Math.max(waitOf(row, "pair_wait"), waitOf(row, "address_wait")))
              .put("slowDown", row.getBoolean("slow_down"));
        });
  }

  private static JsonObject userJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("username", row.getString("username"))
        .put("email", row.getString("email"))
        .put("passwordHash", row.getString("password_hash"))
        .put("active", row.getBoolean("active"));
  }

  /** Seconds until the failure that reached a limit leaves the window (at least 1); 0 under the limit. */
  private static int waitOf(Row row, String column) {
    Integer wait = row.getInteger(column);
    return wait == null ? 0 : Math.max(1, wait);
  }

  @Override
  public Future<Void> clearSigninFailures(String account, String address) {
    return pool.preparedQuery("DELETE FROM signin_failures WHERE account = $1 AND address = $2")
        .execute(Tuple.of(account, address))
        .mapEmpty();
  }

  @Override
  public Future<Boolean> resendActivation(JsonObject resend) {
    long userId = resend.getLong("userId");
    JsonObject mail = resend.getJsonObject("mail");
    Future<Boolean> queued = pool.withTransaction(connection -> connection.preparedQuery("""
            UPDATE users SET activation_sent_at = now()
            WHERE id = $1 AND NOT active
              AND (activation_sent_at IS NULL OR activation_sent_at <= now() - $2::int * INTERVAL '1 second')
            RETURNING id""")
        .execute(Tuple.of(userId, resend.getInteger("resendIntervalSeconds")))
        .compose(rows -> rows.size() == 0
            ? Future.succeededFuture(false)
            : insertActivationKey(connection, userId, resend).compose(v -> queueMail(connection, mail)).map(true)));
    return queued.onSuccess(sent -> {
      if (sent) {
        eventBus.publish(MailOutbox.QUEUED, null);
      }
    });
  }

  @Override
  public Future<Void> revokeToken(String jti, long expiresAtEpochSeconds) {
    return pool.preparedQuery("""
            INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2::bigint))
            ON CONFLICT (jti) DO NOTHING""")
        .execute(Tuple.of(jti, expiresAtEpochSeconds))
        .mapEmpty();
  }

  @Override
  public Future<JsonObject> revokedTokens() {
    return pool.query("""
            SELECT jti, EXTRACT(EPOCH FROM expires_at)::bigint AS expires FROM revoked_tokens
            WHERE expires_at > now()""")
        .execute()
        .map(rows -> {
          JsonObject revoked = new JsonObject();
          rows.forEach(row -> revoked.put(row.getString("jti"), row.getLong("expires")));
          return revoked;
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
  public Future<Boolean> setRole(String username, String role) {
    return pool.preparedQuery("UPDATE users SET role = $2 WHERE lower(username) = lower($1) RETURNING id")
        .execute(Tuple.of(username, role))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<JsonObject> profile(JsonObject query) {
    Long id = query.getLong("id");
    String where = id != null ? "id = $1" : "lower(username) = lower($1)";
    return pool.preparedQuery("""
            SELECT id, username, email, alias, role, avatar_key, password_hash,
                   EXTRACT(EPOCH FROM created_at)::bigint AS created
            FROM users WHERE""" + " " + where)
        .execute(Tuple.of(id != null ? id : query.getString("username")))
        .map(rows -> {
          if (rows.size() == 0) {
            return null;
          }
          Row row = rows.iterator().next();
          return new JsonObject()
              .put("id", row.getLong("id"))
              .put("username", row.getString("username"))
              .put("email", row.getString("email"))
              .put("alias", row.getString("alias"))
              .put("role", row.getString("role"))
              .put("avatarKey", row.getString("avatar_key"))
              .put("created", row.getLong("created"))
              .put("passwordHash", row.getString("password_hash"));
        });
  }

  @Override
  public Future<JsonObject> updateProfile(long userId, JsonObject changes) {
    boolean emailChanged = changes.containsKey("email");
    return pool.preparedQuery("""
            UPDATE users SET
              alias = CASE WHEN $2 THEN $3 ELSE alias END,
              email = CASE WHEN $4 THEN $5 ELSE email END,
              password_hash = COALESCE($6, password_hash)
            WHERE id = $1
            RETURNING id""")
        .execute(Tuple.tuple()
            .addLong(userId)
            .addBoolean(changes.containsKey("alias")).addString(changes.getString("alias"))
            .addBoolean(emailChanged).addString(changes.getString("email"))
            .addString(changes.getString("passwordHash")))
        .map(rows -> rows.size() > 0
            ? new JsonObject().put("updated", true)
            : new JsonObject().put("updated", false).put("reason", "missing"))
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.succeededFuture(new JsonObject().put("updated", false).put("reason", "email"))
            : Future.failedFuture(e));
  }

  @Override
  public Future<JsonObject> replaceAvatar(long userId, String key) {
    return pool.preparedQuery("""
            UPDATE users u SET avatar_key = $2
            FROM (SELECT id, avatar_key AS old FROM users WHERE id = $1 FOR UPDATE) o
            WHERE u.id = o.id
            RETURNING o.old""")
        .execute(Tuple.of(userId, key))
        .map(rows -> rows.size() == 0 ? null : new JsonObject().put("replaced", rows.iterator().next().getString("old")));
  }

  @Override
  public Future<Boolean> isAvatar(String key) {
    return pool.preparedQuery("SELECT 1 FROM users WHERE avatar_key = $1")
        .execute(Tuple.of(key))
        .map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  /** Deletes what has expired: used activation windows, old failures, revoked tokens past their expiry. */
  Future<Void> sweep(int throttleWindowSeconds) {
    return pool.withTransaction(connection -> connection.query(
            "DELETE FROM activation_keys WHERE expires_at <= now()").execute()
        .compose(v -> connection.query("DELETE FROM revoked_tokens WHERE expires_at <= now()").execute())
        .compose(v -> connection.preparedQuery(
                "DELETE FROM signin_failures WHERE failed_at <= now() - $1::int * INTERVAL '1 second'")
            .execute(Tuple.of(throttleWindowSeconds)))
        .mapEmpty());
  }

  private static Future<Void> insertActivationKey(SqlConnection connection, long userId, JsonObject activation) {
    if (activation == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("""
            INSERT INTO activation_keys (key_hash, user_id, expires_at)
            VALUES (decode($1, 'hex'), $2, now() + $3::int * INTERVAL '1 second')""")
        .execute(Tuple.of(activation.getString("keyHash"), userId, activation.getInteger("ttlSeconds")))
        .mapEmpty();
  }

  static Future<Void> queueMail(SqlConnection connection, JsonObject mail) {
    if (mail == null) {
      return Future.succeededFuture();
    }
    return connection.preparedQuery("INSERT INTO mail_outbox (recipient, subject, body) VALUES ($1, $2, $3)")
        .execute(Tuple.of(mail.getString("recipient"), mail.getString("subject"), mail.getString("body")))
        .mapEmpty();
  }

}
