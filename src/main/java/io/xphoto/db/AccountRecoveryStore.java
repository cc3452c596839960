package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * Password reset by mail and email change (docs/API.md "Password reset", "Email change"), served by the DB
 * verticle on {@link #ADDRESS}. Keys are stored as their SHA-256 only; mails are queued in the outbox in the
 * transaction that causes them.
 */
@ProxyGen
public interface AccountRecoveryStore {

  String ADDRESS = "xphoto.db.recovery";
  /** In the body of a reset mail, replaced by the account's username (only the database knows which account). */
  String USERNAME = "{username}";
  String CONFIRMED = "confirmed";
  String REFUSED = "refused";
  String TAKEN = "taken";

  static AccountRecoveryStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AccountRecoveryStore.class);
  }

  /**
   * In one statement, whether or not an account matches (the same round trip and the same commit either way,
   * so its time says nothing): when an active account with an email has this username or email and was sent no
   * reset mail within the interval, stores the key for it and queues the mail to it; otherwise stores the key
   * for no account (never usable), so that every request commits a write and waits for the same WAL flush.
   */
  Future<Void> requestPasswordReset(PasswordResetRequest request);

  /** Whether the key (its SHA-256, hex) is an unexpired reset key of an active account; nothing is changed. */
  Future<Boolean> resetKeyValid(String keyHash);

  /**
   * In one transaction: spends the key (and every other reset key of the account), sets the password hash and
   * revokes every token and forum session of the account, and writes {@code event} ({@code password_reset}, its
   * account set here). Nothing changes when the key is not valid.
   */
  Future<PasswordResetOutcome> resetPassword(String keyHash, String passwordHash, AuditEvent event);

  /**
   * Stores the email change key and queues its two mails, unless another account has the new address
   * (case-insensitively): true when queued, false when taken.
   */
  Future<Boolean> requestEmailChange(EmailChangeRequest request);

  /**
   * Uses an email change key: {@link #CONFIRMED} (the address changed; every email change and reset key of the
   * account spent), {@link #REFUSED} (unknown, used or expired key) or {@link #TAKEN} (another account has the
   * address now; the key stays valid until it expires). A confirmed change writes {@code event}
   * ({@code email_change}, its account set here) in its transaction.
   */
  Future<String> confirmEmail(String keyHash, AuditEvent event);
}
