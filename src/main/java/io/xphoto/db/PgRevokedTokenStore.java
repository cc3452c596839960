package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

final class PgRevokedTokenStore implements RevokedTokenStore {

  private final Pool pool;

  PgRevokedTokenStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> revokeToken(RevokedToken token, AuditEvent event) {
    return pool.withTransaction(connection -> connection.preparedQuery("""
            WITH signed_out AS (DELETE FROM issued_tokens WHERE jti = $1)
            INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2::bigint))
            ON CONFLICT (jti) DO NOTHING""")
        .execute(Tuple.of(token.getJti(), token.getExpiresAt()))
        .compose(v -> PgAuditLog.recordIn(connection, event)));
  }

  @Override
  public Future<List<RevokedToken>> revokedTokens() {
    return pool.query("""
            SELECT jti, EXTRACT(EPOCH FROM expires_at)::bigint AS expires FROM revoked_tokens
            WHERE expires_at > now()""")
        .execute()
        .map(PgRevokedTokenStore::tokens);
  }

  @Override
  public Future<List<RevokedToken>> revokeAccount(AccountRevocation revocation) {
    return pool.withTransaction(connection -> revokeAccountIn(connection, revocation.getUserId(),
            revocation.getKeptJti(), revocation.getKeptSessionHash())
        .compose(revoked -> PgAuditLog.recordIfAny(connection, revocation.getAudit()).map(revoked)));
  }

  /**
   * The SQL of {@link #revokeAccount}, one statement, for a service that revokes an account's tokens and
   * sessions inside its own transaction (pass its connection): a password change, a reset, a deletion. The
   * caller then hands the answer to the HTTP nodes ({@code web.RevokedTokens#announce}) after its commit.
   *
   * @param keptJti         the token that stays valid, null for none
   * @param keptSessionHash SHA-256 (hex) of the forum session id that stays, null for none
   */
  static Future<List<RevokedToken>> revokeAccountIn(SqlClient client, long userId, String keptJti,
                                                     String keptSessionHash) {
    return client.preparedQuery("""
            WITH ended AS (
              DELETE FROM issued_tokens
              WHERE user_id = $1 AND jti IS DISTINCT FROM $2::text
              RETURNING jti, expires_at),
            revoked AS (
              INSERT INTO revoked_tokens (jti, expires_at)
              SELECT jti, expires_at FROM ended WHERE expires_at > now()
              ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at
              RETURNING jti, EXTRACT(EPOCH FROM expires_at)::bigint AS expires),
            sessions AS (
              DELETE FROM web_sessions
              WHERE user_id = $1 AND id_hash IS DISTINCT FROM decode($3::text, 'hex')
              RETURNING id_hash),
            captchas AS (
              DELETE FROM captchas WHERE session_hash IN (SELECT id_hash FROM sessions))
            SELECT jti, expires FROM revoked""")
        .execute(Tuple.of(userId, keptJti, keptSessionHash))
        .map(PgRevokedTokenStore::tokens);
  }

  private static List<RevokedToken> tokens(Iterable<Row> rows) {
    List<RevokedToken> revoked = new ArrayList<>();
    rows.forEach(row -> revoked.add(new RevokedToken().setJti(row.getString("jti")).setExpiresAt(row.getLong("expires"))));
    return revoked;
  }

  /** Deletes the tokens past their expiry, revoked or still issued. */
  Future<Void> sweep() {
    return pool.query("DELETE FROM revoked_tokens WHERE expires_at <= now()").execute()
        .compose(v -> pool.query("DELETE FROM issued_tokens WHERE expires_at <= now()").execute())
        .mapEmpty();
  }
}
