package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/** Signed-out tokens, kept until they expire, served by the DB verticle on {@link #ADDRESS}. */
@ProxyGen
public interface RevokedTokenStore {

  String ADDRESS = "xphoto.db.tokens";

  static RevokedTokenStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(RevokedTokenStore.class);
  }

  /** Revokes one token (a sign-out; it leaves the account's issued tokens), writing {@code event} with it. */
  Future<Void> revokeToken(RevokedToken token, AuditEvent event);

  /** Every revoked token that has not expired yet. */
  Future<List<RevokedToken>> revokedTokens();

  /**
   * In one transaction, revokes every unexpired issued token of the account but {@code keptJti} and deletes
   * every forum session of the account but {@code keptSessionHash} (with their captchas). Answers the
   * revoked tokens (those revoked before by a single sign-out too), for the HTTP nodes to learn. Its audit
   * event, if any, is written in that transaction.
   */
  Future<List<RevokedToken>> revokeAccount(AccountRevocation revocation);
}
