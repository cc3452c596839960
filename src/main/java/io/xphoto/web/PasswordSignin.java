package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.accounts.Tokens;
import io.xphoto.db.Account;
import io.xphoto.db.AuditEvent;
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
  private final Audit audit;

  public PasswordSignin(SigninThrottle throttle, WorkerExecutor hashing, Metrics metrics, Audit audit) {
    this.throttle = throttle;
    this.hashing = hashing;
    this.metrics = metrics;
    this.audit = audit;
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
    return attempt(ctx, identifier, password, form, tokenFor, true).onComplete(this::count);
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
    return attempt(ctx, username, password, form, user -> null, false).map(SignedIn::user);
  }

  /**
   * Every outcome is in the audit log: a refusal (429) as {@code signin_throttled}, a wrong password as
   * {@code signin_failed}, both with the account when one matched; a sign-in ({@code signingIn}) of an active,
   * enabled account as {@code signin_ok}, in the transaction that records its token; one of an inactive or
   * disabled account as {@code signin_failed} with its reason. A password asked again records only its failure.
   */
  private Future<SignedIn> attempt(RoutingContext ctx, String identifier, String password, PasswordForm form,
                                   Function<Account, Tokens.Issued> tokenFor, boolean signingIn) {
    return throttle.begin(ctx, identifier).compose(attempt -> {
      Account user = attempt.user();
      Long userId = user == null ? null : user.getId();
      ApiError refusal = attempt.refusal();
      if (refusal != null) {
        return audit.record(audit.event(ctx, AuditEvent.SIGNIN_THROTTLED).setUserId(userId))
            .compose(v -> Future.failedFuture(refusal));
      }
      String stored = user == null ? null : user.getPasswordHash();
      return hashing.executeBlocking(() -> matches(form, password, stored), false).compose(matches -> {
        if (!matches) {
          return audit.record(audit.event(ctx, AuditEvent.SIGNIN_FAILED).setUserId(userId))
              .compose(v -> Future.failedFuture(new WrongCredentials()));
        }
        if (user.isDisabled()) {
          return audit.record(refused(ctx, userId, "disabled"))
              .compose(v -> Future.failedFuture(new AccountDisabled()));
        }
        Tokens.Issued token = tokenFor.apply(user);
        AuditEvent event = !signingIn ? null : user.isActive()
            ? audit.event(ctx, AuditEvent.SIGNIN_OK).setUserId(userId) : refused(ctx, userId, "inactive");
        return attempt.rightPassword(token == null ? null : record(ctx, user, token), event)
            .compose(unchanged -> unchanged
                ? Future.succeededFuture(new SignedIn(user, token))
                : Future.failedFuture(new WrongCredentials()));
      });
    });
  }

  private AuditEvent refused(RoutingContext ctx, Long userId, String reason) {
    return audit.event(ctx, AuditEvent.SIGNIN_FAILED).setUserId(userId).setDetails(new JsonObject().put("reason", reason));
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

  /**
   * The right password of an account an admin disabled: no sign-in (each surface answers its documented
   * message). Only a client knowing the password learns that the account is disabled.
   */
  public static final class AccountDisabled extends RuntimeException {

    AccountDisabled() {
      super("account disabled", null, false, false);
    }
  }

  /** No account by that name, or not that password: the surfaces answer both alike. */
  public static final class WrongCredentials extends RuntimeException {

    WrongCredentials() {
      super("wrong credentials", null, false, false);
    }
  }
}
