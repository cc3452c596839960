package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.db.Account;
import io.xphoto.metrics.Metrics;

/**
 * The one sign-in by password, for {@code /signin} and {@code /forum/user/login}: the throttle
 * ({@link SigninThrottle}), the password check on the hashing pool (Argon2id stays off the event loop) and
 * the failure counting. Each surface maps the outcome to its own answer.
 */
public final class PasswordSignin {

  /** What a surface accepts as the password. */
  public enum PasswordForm {
    /** The password as typed (xphoto). */
    PLAIN,
    /** The password as typed, or the client-side {@code hex(md5^3(password))} of the forum's front ends. */
    PLAIN_OR_REDUCED
  }

  private final SigninThrottle throttle;
  private final WorkerExecutor hashing;
  private final Metrics metrics;

  public PasswordSignin(SigninThrottle throttle, WorkerExecutor hashing, Metrics metrics) {
    this.throttle = throttle;
    this.hashing = hashing;
    this.metrics = metrics;
  }

  /**
   * The account (active or not) whose password this is,
   * its failures from this address cleared. Fails with {@link WrongCredentials} for an unknown account or a
   * wrong password (alike, in time too), or with the throttle's 429 {@link ApiError}.
   */
  public Future<Account> signIn(RoutingContext ctx, String identifier, String password, PasswordForm form) {
    return throttle.begin(ctx, identifier).compose(attempt -> {
      Account user = attempt.user();
      String stored = user == null ? null : user.getPasswordHash();
      return hashing.executeBlocking(() -> matches(form, password, stored), false)
          .compose(matches -> matches
              ? attempt.rightPassword().map(user)
              : Future.failedFuture(new WrongCredentials()));
    }).onComplete(this::count);
  }

  /** Outcomes other than these four (the database unreachable: 503) are not sign-ins decided. */
  private void count(Account account, Throwable failure) {
    if (failure == null) {
      metrics.signin(account.isActive() ? Metrics.SIGNIN_OK : Metrics.SIGNIN_INACTIVE);
    } else if (failure instanceof WrongCredentials) {
      metrics.signin(Metrics.SIGNIN_WRONG_PASSWORD);
    } else if (failure instanceof ApiError refused && refused.status() == 429) {
      metrics.signin(Metrics.SIGNIN_THROTTLED);
    }
  }

  private static boolean matches(PasswordForm form, String password, String stored) {
    return form == PasswordForm.PLAIN
        ? PasswordHasher.verify(password, stored)
        : PasswordHasher.verifyPlainOrReduced(password, stored);
  }

  /** No account by that name, or not that password: the surfaces answer both alike. */
  public static final class WrongCredentials extends RuntimeException {

    WrongCredentials() {
      super("wrong credentials", null, false, false);
    }
  }
}
