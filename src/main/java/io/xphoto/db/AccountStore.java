package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Accounts: creation, activation keys, roles, served by the DB verticle on {@link #ADDRESS}. Sign-in failures,
 * revoked tokens and forum profiles have services of their own.
 */
@ProxyGen
public interface AccountStore {

  String ADDRESS = "xphoto.db.accounts";

  static AccountStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AccountStore.class);
  }

  /** Creates an account in one transaction with its activation key, mail and audit event, if given. */
  Future<AccountCreation> createUser(NewAccount account);

  /**
   * Activates the account if the key (its SHA-256, hex) is one of its unexpired keys; the key is used up, and
   * {@code event} ({@code activation}, its account set here) written with it.
   */
  Future<Boolean> activate(String username, String keyHash, AuditEvent event);

  /** Queues a new activation key and its mail unless one was queued within the interval; whether it was. */
  Future<Boolean> resendActivation(ActivationResend resend);

  /**
   * In one transaction: writes the new password hash only over the one that was checked, then revokes every
   * other token and forum session of the account ({@link RevokedTokenStore#revokeAccount}, keeping the
   * calling ones) and writes its audit event. Not changed (nothing written) when the account is gone or its password changed since.
   */
  Future<PasswordChangeResult> changePassword(PasswordChange change);

  /**
   * Gives the admin role to the accounts named in {@code admins} that exist (the DB verticle does at start;
   * an account created later with such a name is an admin from its creation).
   */
  Future<Void> grantAdmins();

  /** Succeeds when the database answers. */
  Future<Void> ping();
}
