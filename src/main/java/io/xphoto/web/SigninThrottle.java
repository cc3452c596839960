package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.config.Settings;
import io.xphoto.db.Account;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.IssuedToken;
import io.xphoto.db.SigninFailureStore;
import io.xphoto.db.SigninLimits;
import io.xphoto.db.SigninState;
import io.xphoto.db.SigninSuccess;

import java.util.concurrent.TimeUnit;

/**
 * Sign-in throttling, for {@link PasswordSignin} (docs/API.md, "Sign-in throttling"). Failures of one account
 * from one address, and failures from one address, refuse that address with 429. Failures of one account from
 * many addresses only slow every sign-in to it down: they never refuse the owner's right password from an
 * address that has not failed.
 */
public final class SigninThrottle {

  /** IPv6 clients are counted by their /64: one subscriber commonly holds all of it. */
  private static final int IPV6_SUBSCRIBER_PREFIX = 64;

  private final Vertx vertx;
  private final SigninFailureStore store;
  private final ClientAddress clientAddress;
  private final SigninLimits limits;
  private final long slowdownMillis;

  public SigninThrottle(Vertx vertx, Settings settings, SigninFailureStore store) {
    this.vertx = vertx;
    this.store = store;
    this.clientAddress = ClientAddress.from(settings);
    this.limits = new SigninLimits()
        .setWindowSeconds((int) settings.duration("throttle.window").toSeconds())
        .setAccountAddressFailures(atLeastOne(settings, "throttle.account-address-failures"))
        .setAddressFailures(atLeastOne(settings, "throttle.address-failures"))
        .setAccountSlowdownFailures(atLeastOne(settings, "throttle.account-slowdown-failures"));
    this.slowdownMillis = settings.duration("throttle.account-slowdown-delay").toMillis();
  }

  private static int atLeastOne(Settings settings, String key) {
    int limit = settings.integer(key);
    if (limit < 1) {
      throw new IllegalArgumentException("setting " + key + " (" + Settings.envName(key) + ") must be at least 1, not " + limit);
    }
    return limit;
  }

  /**
   * The client's address as {@code http.trusted-proxies} decides (not as counted).
   */
  String clientAddress(RoutingContext ctx) {
    return clientAddress.of(ctx.request());
  }

  /**
   * Looks the account up and applies the limits: an attempt {@link Attempt#refusal refused} (429) when this
   * address is over a limit; for an account over its slow-down limit, completes only after the delay (a timer,
   * nothing waits on a thread).
   */
  Future<Attempt> begin(RoutingContext ctx, String identifier) {
    String address = countedAddress(clientAddress.of(ctx.request()));
    return store.signinState(identifier, address, limits).compose(state -> {
      Attempt attempt = new Attempt(state, address);
      return state.getRetryAfter() == 0 && state.isSlowDown()
          ? vertx.timer(slowdownMillis, TimeUnit.MILLISECONDS).map(attempt)
          : Future.succeededFuture(attempt);
    });
  }

  static String countedAddress(String address) {
    IpAddress ip = IpAddress.parse(address);
    return ip != null && ip.isIpv6() ? ip.network(IPV6_SUBSCRIBER_PREFIX) + "/" + IPV6_SUBSCRIBER_PREFIX : address;
  }

  /**
   * One sign-in past the throttle. It already counts as a failure (see {@link SigninFailureStore#signinState}):
   * a wrong password needs nothing more, a right one calls {@link #rightPassword}.
   */
  final class Attempt {

    private final SigninState state;
    private final String address;

    private Attempt(SigninState state, String address) {
      this.state = state;
      this.address = address;
    }

    /** The 429 (with {@code Retry-After}) when this address is over a limit; null when the attempt may go on. */
    ApiError refusal() {
      int retryAfter = state.getRetryAfter();
      return retryAfter == 0 ? null : ApiError.of(429, WebMessages.TOO_MANY_ATTEMPTS)
          .withHeader("Retry-After", Integer.toString(retryAfter));
    }

    /** The account, or null when none matches. */
    Account user() {
      return state.getUser();
    }

    SigninState state() {
      return state;
    }

    /**
     * Clears this address's failures for the account, this attempt's included, records {@code token}
     * (null for none), spends the second factor given (a TOTP step, a recovery code's hash; null for none) and
     * writes the sign-in's audit {@code event} (null: a password asked again, no sign-in) and
     * {@code recoveryCodeUsed} (null when no recovery code was given), in one transaction; false, with nothing
     * written, when the account is gone, disabled, its password is no longer the one checked or the second
     * factor is spent ({@link SigninFailureStore#signedIn}).
     *
     * @param secondFactorChecked whether the sign-in asks for the second factor of an account with TOTP on
     */
    Future<Boolean> rightPassword(IssuedToken token, AuditEvent event, AuditEvent recoveryCodeUsed,
                                  boolean secondFactorChecked, Long totpStep, String recoveryCodeHash) {
      Account user = state.getUser();
      return store.signedIn(new SigninSuccess()
          .setAudit(event)
          .setRecoveryCodeAudit(recoveryCodeUsed)
          .setAccount(state.getAccount())
          .setAddress(address)
          .setUserId(user.getId())
          .setCheckedHash(user.getPasswordHash())
          .setToken(token)
          .setSecondFactorChecked(secondFactorChecked)
          .setTotpStep(totpStep)
          .setRecoveryCodeHash(recoveryCodeHash));
    }
  }
}
