package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * The TOTP second factor's state (docs/API.md "Two-step verification (TOTP)"), served by the DB verticle on
 * {@link #ADDRESS}. Secrets arrive and leave sealed ({@code accounts.TotpSecretBox}); recovery codes as their
 * SHA-256. Each change is one transaction. Sign-ins read the state and spend codes through
 * {@link SigninFailureStore}.
 */
@ProxyGen
public interface TotpStore {

  String ADDRESS = "xphoto.db.totp";
  /** {@link #setUp}: the new secret is stored, waiting for {@link #enable}. */
  String SET_UP = "set-up";
  /** {@link #setUp}: TOTP is on; nothing changed. */
  String ALREADY_ENABLED = "enabled";
  /** {@link #setUp}: no such account (deleted meanwhile). */
  String NO_ACCOUNT = "no-account";

  static TotpStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(TotpStore.class);
  }

  /**
   * Stores a new sealed secret for the account, replacing one not enabled yet (and its last used step), unless
   * TOTP is on: {@link #SET_UP}, {@link #ALREADY_ENABLED} or {@link #NO_ACCOUNT}.
   */
  Future<String> setUp(long userId, String sealedSecret);

  /** The account's secret and state; null when it never asked for one (or disabled TOTP since). */
  Future<TotpState> totpState(long userId);

  /**
   * In one transaction: turns TOTP on with the secret that was checked ({@code checkedSecret}, as
   * {@link #totpState} gave it), records {@code step} as the last used one and replaces the recovery codes with
   * these hashes. False, with nothing changed, when that secret is no longer the account's pending one (a new
   * setup, or enabled meanwhile). Its {@code totp_enabled} {@code event} is written in the same transaction.
   */
  Future<Boolean> enable(long userId, String checkedSecret, long step, List<String> recoveryCodeHashes,
                         AuditEvent event);

  /**
   * In one transaction: deletes the account's secret and recovery codes, and writes its {@code totp_disabled}
   * {@code event}. False, with nothing written, when TOTP was not on.
   */
  Future<Boolean> disable(long userId, AuditEvent event);
}
