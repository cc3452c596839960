package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * What admins do to accounts (the admin API, {@code ./run.sh admin grant|revoke}), served by the DB verticle on
 * {@link #ADDRESS}. Each change writes its audit event in its transaction.
 */
@ProxyGen
public interface AdminStore {

  String ADDRESS = "xphoto.db.admin";

  static AdminStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AdminStore.class);
  }

  /** One account; null when no account has the id. */
  Future<AccountSummary> account(long id);

  /** A page of the accounts whose username or email starts with the prefix (case-insensitively), by id. */
  Future<List<AccountSummary>> findAccounts(AccountSearch search);

  /**
   * In one transaction: sets or clears the account's disabled mark, writes the event (when the state changed),
   * and, for a disabling, revokes every token and forum session of the account
   * ({@link PgRevokedTokenStore#revokeAccountIn}); the caller announces the revoked tokens to the HTTP nodes.
   */
  Future<AccountStateChange> setDisabled(AccountDisabling change);

  /** Sets an account's role and writes its event, in one transaction; false when there is no such account. */
  Future<Boolean> setRole(RoleChange change);
}
