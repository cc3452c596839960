package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

final class PgAccountData implements AccountData {

  private final Pool pool;
  private final EventBus eventBus;

  PgAccountData(Pool pool, EventBus eventBus) {
    this.pool = pool;
    this.eventBus = eventBus;
  }

  @Override
  public Future<ExportedProfile> exportProfile(long userId) {
    return pool.preparedQuery("""
            SELECT id, username, email, alias, role, active, created_at, avatar_key FROM users WHERE id = $1""")
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? null : profile(rows.iterator().next()));
  }

  private static ExportedProfile profile(Row row) {
    return new ExportedProfile()
        .setId(row.getLong("id"))
        .setUsername(row.getString("username"))
        .setEmail(row.getString("email"))
        .setAlias(row.getString("alias"))
        .setRole(row.getString("role"))
        .setActive(row.getBoolean("active"))
        .setCreated(instant(row.getOffsetDateTime("created_at")))
        .setAvatarKey(row.getString("avatar_key"));
  }

  @Override
  public Future<List<ExportedImage>> exportImages(long ownerId, long afterId, int limit) {
    return pool.preparedQuery("""
            SELECT id, object_key, content_type, bytes, width, height, sha256, created_at FROM images
            WHERE owner_id = $1 AND id > $2 ORDER BY id LIMIT $3""")
        .execute(Tuple.of(ownerId, afterId, limit))
        .map(rows -> list(rows, row -> new ExportedImage()
            .setId(row.getLong("id"))
            .setKey(row.getString("object_key"))
            .setContentType(row.getString("content_type"))
            .setBytes(row.getInteger("bytes"))
            .setWidth(row.getInteger("width"))
            .setHeight(row.getInteger("height"))
            .setSha256(HexFormat.of().formatHex(row.getBuffer("sha256").getBytes()))
            .setCreated(instant(row.getOffsetDateTime("created_at")))));
  }

  @Override
  public Future<List<ExportedFace>> exportFaces(long ownerId, long afterId, int limit, boolean embeddings) {
    return pool.preparedQuery("""
            SELECT f.id, i.object_key, f.box, f.score, f.created_at, CASE WHEN $4 THEN f.embedding END AS embedding
            FROM faces f JOIN images i ON i.id = f.image_id
            WHERE f.owner_id = $1 AND f.id > $2 ORDER BY f.id LIMIT $3""")
        .execute(Tuple.of(ownerId, afterId, limit, embeddings))
        .map(rows -> list(rows, row -> {
          JsonArray box = new JsonArray();
          for (Float value : row.getArrayOfFloats("box")) {
            box.add(value.doubleValue());
          }
          return new ExportedFace()
              .setId(row.getLong("id"))
              .setImageKey(row.getString("object_key"))
              .setBox(box)
              .setScore(row.getFloat("score"))
              .setCreated(instant(row.getOffsetDateTime("created_at")))
              .setEmbedding(row.getBuffer("embedding"));
        }));
  }

  /** Never the jti nor the session's id hash: a client could not replay them, but they name secrets all the same. */
  @Override
  public Future<List<ExportedSession>> exportSessions(long userId) {
    return pool.preparedQuery("""
            SELECT 'token' AS kind, issued_at AS created, expires_at, NULL::timestamptz AS last_access,
                   client_address, user_agent
            FROM issued_tokens WHERE user_id = $1 AND expires_at > now()
            UNION ALL
            SELECT 'forum', created_at, expires_at, to_timestamp(last_accessed / 1000.0), NULL, NULL
            FROM web_sessions WHERE user_id = $1 AND expires_at > now()
            ORDER BY created""")
        .execute(Tuple.of(userId))
        .map(rows -> list(rows, row -> new ExportedSession()
            .setKind(row.getString("kind"))
            .setCreated(instant(row.getOffsetDateTime("created")))
            .setExpires(instant(row.getOffsetDateTime("expires_at")))
            .setLastAccess(instant(row.getOffsetDateTime("last_access")))
            .setAddress(row.getString("client_address"))
            .setUserAgent(row.getString("user_agent"))));
  }


  /**
   * The account's row is locked first: an upload or a face registration of the account inserting meanwhile
   * (its foreign key takes a share lock on that row) either committed before, and its rows are deleted here,
   * or waits for this commit and then fails on its foreign key (and removes its objects); a sign-in recording
   * its token waits too, then finds no account. Its tokens are revoked and its forum sessions ended by the
   * statement every account-wide revocation uses ({@link PgRevokedTokenStore#revokeAccountIn}).
   */
  @Override
  public Future<AccountDeletion> deleteAccount(long userId, RevokedToken caller, AuditEvent event) {
    return pool.withTransaction(connection -> connection
            .preparedQuery("SELECT email, avatar_key FROM users WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(userId))
            .compose(rows -> rows.size() == 0
                ? Future.succeededFuture(new AccountDeletion().setDeleted(false))
                : deleteOwned(connection, userId, rows.iterator().next(), caller)
                    // of the account's own events only the record of its deletion stays; admins' actions on it stay
                    .compose(deletion -> connection.preparedQuery(
                            "DELETE FROM audit_events WHERE user_id = $1 AND actor_id IS NULL")
                        .execute(Tuple.of(userId))
                        .compose(v -> PgAuditLog.recordIn(connection, event.setUserId(userId)))
                        .map(deletion))))
        .onSuccess(deletion -> {
          if (deletion.isDeleted()) {
            eventBus.publish(FaceStore.CHANGED, userId);
          }
        });
  }

  private static Future<AccountDeletion> deleteOwned(SqlConnection connection, long userId, Row account,
                                                     RevokedToken caller) {
    String email = account.getString("email");
    String avatar = account.getString("avatar_key");
    List<String> objectKeys = new ArrayList<>();
    Tuple id = Tuple.of(userId);
    List<RevokedToken> revoked = new ArrayList<>();
    return PgRevokedTokenStore.revokeAccountIn(connection, userId, null, null)
        .compose(tokens -> {
          revoked.addAll(tokens);
          if (tokens.stream().anyMatch(token -> token.getJti().equals(caller.getJti()))) {
            return Future.succeededFuture();
          }
          revoked.add(caller); // issued before issued_tokens existed (V7)
          return connection.preparedQuery("""
                  INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2::bigint))
                  ON CONFLICT (jti) DO NOTHING""")
              .execute(Tuple.of(caller.getJti(), caller.getExpiresAt()));
        })
        .compose(v -> connection.preparedQuery("DELETE FROM images WHERE owner_id = $1 RETURNING object_key").execute(id))
        .compose(images -> {
          images.forEach(row -> objectKeys.add(row.getString("object_key")));
          if (avatar != null) {
            objectKeys.add(avatar);
          }
          return connection.preparedQuery("DELETE FROM signin_failures WHERE account = 'id:' || $1::bigint")
              .execute(id);
        })
        .compose(v -> email == null ? Future.succeededFuture()
            : connection.preparedQuery("DELETE FROM mail_outbox WHERE lower(recipient) = lower($1)")
                .execute(Tuple.of(email)))
        // the rest goes with the account's row, by the foreign keys' ON DELETE CASCADE: faces (with their images
        // above), face registrations, activation keys (and issued tokens and sessions, already taken above)
        .compose(v -> connection.preparedQuery("DELETE FROM users WHERE id = $1").execute(id))
        .map(v -> AccountDeletion.of(objectKeys, revoked));
  }

  private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> item) {
    List<T> items = new ArrayList<>(rows.size());
    rows.forEach(row -> items.add(item.apply(row)));
    return items;
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }
}
