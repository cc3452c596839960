package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.accounts.RecoveryCodes;
import io.xphoto.accounts.Tokens;
import io.xphoto.accounts.Totp;
import io.xphoto.accounts.TotpSecretBox;
import io.xphoto.db.Account;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.IssuedToken;
import io.xphoto.db.SigninState;
import io.xphoto.metrics.Metrics;

import java.util.function.Function;

/**
 * The one sign-in by password, for {@code /signin}, {@code /forum/user/login} and the old password of
 * {@code /password/change}: the throttle ({@link SigninThrottle}), the password check on the hashing pool
 * (Argon2id stays off the event loop) and the failure counting, then one statement that clears the failures
 * and records the issued token, if any, only while the password checked is still the account's. Each
 * surface maps the outcome to its own answer.
 *
 * <p>An account with TOTP on signs in only with its second factor (a TOTP code or a recovery code) next to the
 * right password: checked on the hashing pool after the password (only a right password learns that a code is
 * needed), a missing one failing with {@link SecondFactorRequired}, a wrong or spent one with
 * {@link WrongSecondFactor}. Both leave the attempt counted as a failed sign-in (the throttle counts it when it
 * begins), so codes are throttled as passwords are; the code is spent by the statement that completes the
 * sign-in, only if still unspent (no replay, even in parallel).
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

  /** Whether a check asks for the account's second factor. */
  private enum SecondFactor {
    /** A sign-in: required when the account has TOTP on. */
    IF_ENABLED,
    /** A password asked for again by a signed-in caller: never. */
    NONE
  }

  private final SigninThrottle throttle;
  private final WorkerExecutor hashing;
  private final Metrics metrics;
  private final Audit audit;
  private final TotpSecretBox totpSecrets;

  public PasswordSignin(SigninThrottle throttle, WorkerExecutor hashing, Metrics metrics, Audit audit,
                        TotpSecretBox totpSecrets) {
    this.throttle = throttle;
    this.hashing = hashing;
    this.metrics = metrics;
    this.audit = audit;
    this.totpSecrets = totpSecrets;
  }

  /**
   * An account (active or not) whose password this is, its failures from this address cleared, and the token
   * {@code tokenFor} issued it (null: none; a token is recorded in {@code issued_tokens} before it is
   * answered). Fails with {@link WrongCredentials} for an unknown account, a wrong password (alike, in time
   * too) or an account whose password changed (or that was deleted) since it was checked, with
   * {@link AccountDisabled}, {@link SecondFactorRequired} or {@link WrongSecondFactor}, or with the throttle's
   * 429 {@link ApiError}.
   */
  public Future<SignedIn> signIn(RoutingContext ctx, String identifier, String password, String secondFactor,
                                 PasswordForm form, Function<Account, Tokens.Issued> tokenFor) {
    return attempt(ctx, identifier, password, form, SecondFactor.IF_ENABLED, secondFactor, tokenFor, true)
        .onComplete(this::count);
  }

  /** A sign-in that issues no token (a forum login). */
  public Future<Account> signIn(RoutingContext ctx, String identifier, String password, String secondFactor,
                                PasswordForm form) {
    return signIn(ctx, identifier, password, secondFactor, form, user -> null).map(SignedIn::user);
  }

  /**
   * The account's password checked as a sign-in checks it (throttled, a wrong one counted as a failed sign-in),
   * for an operation that asks for it again (a password or email change, a deletion): not counted in the
   * sign-in metrics, since nobody signs in.
   */
  public Future<Account> checkPassword(RoutingContext ctx, String username, String password, PasswordForm form) {
    return attempt(ctx, username, password, form, SecondFactor.NONE, null, user -> null, false)
        .map(SignedIn::user);
  }

  /**
   * The password and, when the account has TOTP on, the second factor, checked as a sign-in checks them (throttled,
   * failures counted, the code spent), for an operation that asks for both again (turning TOTP off). Not counted
   * in the sign-in metrics. {@link SignedIn#secondFactor} says whether TOTP was on.
   */
  public Future<SignedIn> checkPasswordAndCode(RoutingContext ctx, String username, String password, String code,
                                               PasswordForm form) {
    return attempt(ctx, username, password, form, SecondFactor.IF_ENABLED, code, user -> null, false);
  }

  /**
   * Every outcome is in the audit log: a refusal (429) as {@code signin_throttled}, a wrong password as
   * {@code signin_failed}, both with the account when one matched; the right password of a disabled account, or
   * without the second factor its TOTP asks for, or with a wrong or spent one, as {@code signin_failed} with its
   * reason ({@code disabled} is decided with the password, before a code is asked for); a sign-in
   * ({@code signingIn}) of an active, enabled account as {@code signin_ok}, in the transaction that records its
   * token; one of an inactive account as {@code signin_failed} with its reason. A recovery code spent is
   * {@code totp_recovery_code_used}, in the same transaction. A password asked again records only its failure.
   */
  private Future<SignedIn> attempt(RoutingContext ctx, String identifier, String password, PasswordForm form,
                                   SecondFactor asked, String code, Function<Account, Tokens.Issued> tokenFor,
                                   boolean signingIn) {
    return throttle.begin(ctx, identifier).compose(attempt -> {
      Account user = attempt.user();
      Long userId = user == null ? null : user.getId();
      ApiError refusal = attempt.refusal();
      if (refusal != null) {
        return audit.record(audit.event(ctx, AuditEvent.SIGNIN_THROTTLED).setUserId(userId))
            .compose(v -> Future.failedFuture(refusal));
      }
      String stored = user == null ? null : user.getPasswordHash();
      SigninState state = attempt.state();
      boolean totpOn = asked == SecondFactor.IF_ENABLED && state.getTotpSecret() != null;
      long now = System.currentTimeMillis();
      return hashing.executeBlocking(() -> {
        if (!matches(form, password, stored)) {
          throw new WrongCredentials();
        }
        if (user.isDisabled()) {
          throw new AccountDisabled();
        }
        return totpOn ? secondFactor(user.getId(), state, code, now) : Proof.NONE;
      }, false).transform(checked -> {
        if (checked.failed()) {
          return refusedAfterCheck(ctx, userId, checked.cause());
        }
        Proof proof = checked.result();
        Tokens.Issued token = tokenFor.apply(user);
        AuditEvent event = !signingIn ? null : user.isActive()
            ? audit.event(ctx, AuditEvent.SIGNIN_OK).setUserId(userId) : refused(ctx, userId, "inactive");
        AuditEvent recoveryCodeUsed = proof.recoveryCodeHash() == null ? null
            : audit.event(ctx, AuditEvent.TOTP_RECOVERY_CODE_USED).setUserId(userId);
        return attempt.rightPassword(token == null ? null : record(ctx, user, token), event, recoveryCodeUsed,
                asked == SecondFactor.IF_ENABLED, proof.step(), proof.recoveryCodeHash())
            .compose(unchanged -> unchanged
                ? Future.succeededFuture(new SignedIn(user, token, totpOn))
                : totpOn
                ? refusedAfterCheck(ctx, userId, new WrongSecondFactor())
                : Future.failedFuture(new WrongCredentials()));
      });
    });
  }

  /** The failed check recorded (with its reason, when the password was right), then failing with it. */
  private Future<SignedIn> refusedAfterCheck(RoutingContext ctx, Long userId, Throwable failure) {
    AuditEvent event;
    if (failure instanceof WrongCredentials) {
      event = audit.event(ctx, AuditEvent.SIGNIN_FAILED).setUserId(userId);
    } else if (failure instanceof AccountDisabled) {
      event = refused(ctx, userId, "disabled");
    } else if (failure instanceof SecondFactorRequired) {
      event = refused(ctx, userId, "totp_required");
    } else if (failure instanceof WrongSecondFactor) {
      event = refused(ctx, userId, "wrong_totp");
    } else {
      return Future.failedFuture(failure);
    }
    return audit.record(event).compose(v -> Future.failedFuture(failure));
  }

  private AuditEvent refused(RoutingContext ctx, Long userId, String reason) {
    return audit.event(ctx, AuditEvent.SIGNIN_FAILED).setUserId(userId).setDetails(new JsonObject().put("reason", reason));
  }

  /** What proves the second factor, to be spent with the sign-in: a TOTP code's step or a recovery code's hash. */
  private record Proof(Long step, String recoveryCodeHash) {
    static final Proof NONE = new Proof(null, null);
  }

  /** Runs on the hashing pool: opens the sealed secret and computes the codes of the window. */
  private Proof secondFactor(long userId, SigninState state, String code, long now) {
    if (code == null || code.isBlank()) {
      throw new SecondFactorRequired();
    }
    if (!Totp.isCodeShaped(code)) {
      return new Proof(null, RecoveryCodes.hashOf(code));
    }
    long step = Totp.matchingStep(totpSecrets.open(userId, state.getTotpSecret()), code, state.getTotpLastStep(), now);
    if (step < 0) {
      throw new WrongSecondFactor();
    }
    return new Proof(step, null);
  }

  /** Outcomes other than these six (the database unreachable: 503) are not sign-ins decided. */
  private void count(SignedIn signedIn, Throwable failure) {
    if (failure == null) {
      metrics.signin(signedIn.user().isActive() ? Metrics.SIGNIN_OK : Metrics.SIGNIN_INACTIVE);
    } else if (failure instanceof WrongCredentials) {
      metrics.signin(Metrics.SIGNIN_WRONG_PASSWORD);
    } else if (failure instanceof SecondFactorRequired) {
      metrics.signin(Metrics.SIGNIN_SECOND_FACTOR_REQUIRED);
    } else if (failure instanceof WrongSecondFactor) {
      metrics.signin(Metrics.SIGNIN_WRONG_SECOND_FACTOR);
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
   * A right password (and second factor).
   *
   * @param token        the issued token; null when none was asked for
   * @param secondFactor whether the account has TOTP on and its second factor was checked (and spent)
   */
  public record SignedIn(Account user, Tokens.Issued token, boolean secondFactor) {
  }

  /** The right password of an account with TOTP on, without a second factor: the client asks for the code. */
  public static final class SecondFactorRequired extends RuntimeException {

    SecondFactorRequired() {
      super("second factor required", null, false, false);
    }
  }

  /** The right password with a TOTP code or recovery code that is wrong, outside the window or already spent. */
  public static final class WrongSecondFactor extends RuntimeException {

    WrongSecondFactor() {
      super("wrong second factor", null, false, false);
    }
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
