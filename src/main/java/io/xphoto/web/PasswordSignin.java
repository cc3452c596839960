package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.accounts.Tokens;
import io.xphoto.db.Account;
import io.xphoto.db.IssuedToken;
import io.xphoto.metrics.Metrics;

import java.util.function.Function;

/**
 * The one sign-in by password, for {@code /signin}, {@code /forum/user/login} and the old password of
 * {@code /password/change}: the throttle ({@link SigninThrottle}), the password check on the hashing pool
 * (Argon2id stays off the event loop) and the failure counting, then one statement that clears the failures
 * and records the issued token, if any, only while the password checked is still the account's. Each
 * surface maps the outcome to its own answer.
 */
public final class PasswordSignin {

  /** What a surface accepts as the password. */
  public enum PasswordForm {
    /** The password as typed (xphoto). */
    PLAIN,
    /** The password as typed, or the client-side {@code hex(md5^3(password))} of the forum's front ends. */
    PLAIN_OR_REDUCED
  }

  /** Longest {@code User-Agent} recorded with a token. */
  static final int USER_AGENT_MAX = 256;

  private final SigninThrottle throttle;
  private final WorkerExecutor hashing;
  private final Metrics metrics;

  public PasswordSignin(SigninThrottle throttle, WorkerExecutor hashing, Metrics metrics) {
    this.throttle = throttle;
    this.hashing = hashing;
    this.metrics = metrics;
  }

  /**
   * An account (active or not) whose password this is, its failures from this address cleared, and the token
   * {@code tokenFor} issued it (null: none; a token is recorded in {@code issued_tokens} before it is
   * answered). Fails with {@link WrongCredentials} for an unknown account, a wrong password (alike, in time
   * too) or an account whose password changed (or that was deleted) since it was checked, or with the
   * throttle's 429 {@link ApiError}.
   */
  public Future<SignedIn> signIn(RoutingContext ctx, String identifier, String password, PasswordForm form,
                                 Function<Account, Tokens.Issued> tokenFor) {
    return attempt(ctx, identifier, password, form, tokenFor).onComplete(this::count);
  }

  /** A sign-in that issues no token (a forum login). */
  public Future<Account> signIn(RoutingContext ctx, String identifier, String password, PasswordForm form) {
    return signIn(ctx, identifier, password, form, user -> null).map(SignedIn::user);
  }

  /**
   * The account's password checked as a sign-in checks it (throttled, a wrong one counted as a failed sign-in),
   * for an operation that asks for it again (a password or email change, a deletion): not counted in the
   * sign-in metrics, since nobody signs in.
   */
  public Future<Account> checkPassword(RoutingContext ctx, String username, String password, PasswordForm form) {
    return attempt(ctx, username, password, form, user -> null).map(SignedIn::user);
  }

  private Future<SignedIn> attempt(RoutingContext ctx, String identifier, String password, PasswordForm form,
                                   Function<Account, Tokens.Issued> tokenFor) {
    return throttle.begin(ctx, identifier).compose(attempt -> {
      Account user = attempt.user();
      String stored = user == null ? null : user.getPasswordHash();
      return hashing.executeBlocking(() -> matches(form, password, stored), false).compose(matches -> {
        if (!matches) {
          return Future.failedFuture(new WrongCredentials());
        }
        Tokens.Issued token = tokenFor.apply(user);
        return attempt.rightPassword(token == null ? null : record(ctx, user, token))
            .compose(unchanged -> unchanged
                ? Future.succeededFuture(new SignedIn(user, token))
                : Future.failedFuture(new WrongCredentials()));
      });
    });
  }

  /** Outcomes other than these four (the database unreachable: 503) are not sign-ins decided. */
  private void count(SignedIn signedIn, Throwable failure) {
    if (failure == null) {
      metrics.signin(signedIn.user().isActive() ? Metrics.SIGNIN_OK : Metrics.SIGNIN_INACTIVE);
    } else if (failure instanceof WrongCredentials) {
      metrics.signin(Metrics.SIGNIN_WRONG_PASSWORD);
    } else if (failure instanceof ApiError refused && refused.status() == 429) {
      metrics.signin(Metrics.SIGNIN_THROTTLED);
    }
  }

  private IssuedToken record(RoutingContext ctx, Account user, Tokens.Issued token) {
    String userAgent = ctx.request().getHeader("User-Agent");
    if (userAgent != null && userAgent.length() > USER_AGENT_MAX) {
      int end = Character.isHighSurrogate(userAgent.charAt(USER_AGENT_MAX - 1)) ? USER_AGENT_MAX - 1 : USER_AGENT_MAX;
      userAgent = userAgent.substring(0, end);
    }
    return new IssuedToken()
        .setJti(token.jti())
        .setUserId(user.getId())
        .setIssuedAt(token.issuedAt())
        .setExpiresAt(token.expiresAt())
        .setClientAddress(throttle.clientAddress(ctx))
        .setUserAgent(userAgent);
  }

  private static boolean matches(PasswordForm form, String password, String stored) {
    return form == PasswordForm.PLAIN
        ? PasswordHasher.verify(password, stored)
        : PasswordHasher.verifyPlainOrReduced(password, stored);
  }

  /**
   * A right password.
   *
   * @param token the issued token; null when none was asked for
   */
  public record SignedIn(Account user, Tokens.Issued token) {
  }

  /** No account by that name, or not that password: the surfaces answer both alike. */
  public static final class WrongCredentials extends RuntimeException {

    WrongCredentials() {
      super("wrong credentials", null, false, false);
    }
  }
}
