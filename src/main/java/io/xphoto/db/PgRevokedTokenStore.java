package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

final class PgRevokedTokenStore implements RevokedTokenStore {

  private final Pool pool;

  PgRevokedTokenStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> revokeToken(RevokedToken token) {
    return pool.preparedQuery("""
            INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2::bigint))
            ON CONFLICT (jti) DO NOTHING""")
        .execute(Tuple.of(token.getJti(), token.getExpiresAt()))
        .mapEmpty();
  }

  @Override
  public Future<List<RevokedToken>> revokedTokens() {
    return pool.query("""
            SELECT jti, EXTRACT(EPOCH FROM expires_at)::bigint AS expires FROM revoked_tokens
            WHERE expires_at > now()""")
        .execute()
        .map(rows -> {
          List<RevokedToken> revoked = new ArrayList<>(rows.size());
          rows.forEach(row -> revoked.add(new RevokedToken().setJti(row.getString("jti")).setExpiresAt(row.getLong("expires"))));
          return revoked;
        });
  }

  /** Deletes the tokens past their expiry. */
  Future<Void> sweep() {
    return pool.query("DELETE FROM revoked_tokens WHERE expires_at <= now()").execute().mapEmpty();
  }
}
