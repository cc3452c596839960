package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/** Sign-in throttling: failed sign-ins per account and client address, served by the DB verticle on {@link #ADDRESS}. */
@ProxyGen
public interface SigninFailureStore {

  String ADDRESS = "xphoto.db.signin";

  static SigninFailureStore proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(SigninFailureStore.class);
  }

  /**
   * What a sign-in needs to know before checking the password, in one statement. Failures are counted per
   * account (its id, or the typed name when no account matches) and client address (see docs/API.md,
   * "Sign-in throttling"). An attempt under the limits is counted as a failure at once, so that parallel
   * guesses cannot all pass the check before the first is answered; a right password takes it back with
   * {@link #signedIn}. Over a limit ({@code retryAfter} > 0) the attempt is not counted.
   *
   * @param identifier a username or an email
   * @param address    the client's address as counted
   */
  Future<SigninState> signinState(String identifier, String address, SigninLimits limits);

  /**
   * The bookkeeping of a right password, in one transaction, only while the account still exists, enabled, with
   * the password hash that was checked (a reset, change or disabling racing the sign-in wins): forgets the
   * account's failures from the address, records the issued token, if any, spends the second factor given (a
   * TOTP code's step, a recovery code), only if it is still unspent, and writes the sign-in's audit event, if
   * any. False when the account is gone, disabled, its password changed since the check, or the second factor
   * was spent meanwhile (or TOTP was turned on while a sign-in that asks for it gave none): nothing was
   * written, the sign-in is refused.
   */
  Future<Boolean> signedIn(SigninSuccess success);

  /**
   * Counts one request of {@code action} (a reset mail asked for, a reset key tried, ...) from {@code address},
   * in one statement, unless {@code limit} of them were counted within the last {@code windowSeconds}: then the
   * seconds until the one that reached the limit leaves the window (at least 1), and this one is not counted;
   * 0 when it was. Kept with the sign-in failures under the account {@code request:<action>}, which the
   * sign-in limits leave out.
   */
  Future<Integer> countRequest(String action, String address, int windowSeconds, int limit);
}
