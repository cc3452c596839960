package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.ActivationKey;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountRecoveryStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.PasswordResetOutcome;
import io.xphoto.db.PasswordResetRequest;
import io.xphoto.mail.Mails;
import io.xphoto.pages.Negotiation;
import io.xphoto.pages.Page;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BodyValidation;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.RequestThrottle;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code POST /password/forgot}, {@code GET /password/reset} (the page of the mail's link) and
 * {@code POST /password/reset} (JSON, or the page's form), docs/API.md "Password reset".
 */
final class PasswordResetRoutes {

  static final String FORGOT = "forgot";
  static final String RESET = "reset";
  private static final ApiError TOO_MANY = ApiError.of(429, RecoveryMessages.TOO_MANY_REQUESTS);
  private static final ApiError REFUSED = ApiError.of(422, RecoveryMessages.RESET_REFUSED);
  /** The form's action, relative to the page ({@code /password/reset}), so it holds behind a path prefix too. */
  private static final String FORM_ACTION = "reset";

  private final AccountRecoveryStore store;
  private final Audit audit;
  private final RevokedTokens revoked;
  private final RequestThrottle throttle;
  private final WorkerExecutor hashing;
  /** The reset form's {@code minlength}: the configured minimum, as the body's schema checks it. */
  private final int passwordMin;
  private final Mails mails;
  private final int ttlSeconds;
  private final int intervalSeconds;
  private final int mailRequests;
  private final int resetAttempts;

  PasswordResetRoutes(Settings settings, AccountRecoveryStore store, RevokedTokens revoked, RequestThrottle throttle,
                      Audit audit,
                      WorkerExecutor hashing) {
    this.store = store;
    this.audit = audit;
    this.revoked = revoked;
    this.throttle = throttle;
    this.hashing = hashing;
    this.passwordMin = settings.integer("password.min-length");
    this.mails = new Mails(settings);
    this.ttlSeconds = (int) settings.duration("password.reset-ttl").toSeconds();
    this.intervalSeconds = (int) settings.duration("password.reset-interval").toSeconds();
    this.mailRequests = settings.integer("throttle.mail-requests");
    this.resetAttempts = settings.integer("throttle.reset-attempts");
  }

  /**
   * The bodies are validated with their schemas, as signup's ({@link ContractRoutes#bodyValidation}); the reset's
   * by its handler, which takes the page's form too and answers a browser with a page.
   */
  void mount(ContractRoutes routes, Handler<RoutingContext> body) {
    Function<String, ApiError> refusal = message -> ApiError.of(422, message);
    BodyValidation resetBody = routes.bodyValidation("resetPassword", Map.of(), refusal);
    routes.handle("forgotPassword", body, routes.bodyValidation("forgotPassword", Map.of(), refusal), this::forgot)
        .handle("resetPasswordPage", this::page)
        .handle("resetPassword", body, ctx -> reset(ctx, resetBody));
  }

  /**
   * The same answer whether or not an account matches, after the same two statements (the throttle's, then one
   * that queues a mail only if an account matches): nothing the client sees or times tells them apart.
   */
  private void forgot(RoutingContext ctx) {
    String identifier = JsonBody.object(ctx).getString("username").trim();
    ActivationKey key = ActivationKey.generate();
    throttle.admit(ctx, FORGOT, mailRequests, TOO_MANY)
        .compose(v -> store.requestPasswordReset(new PasswordResetRequest()
            .setIdentifier(identifier)
            .setKeyHash(key.hash())
            .setTtlSeconds(ttlSeconds)
            .setIntervalSeconds(intervalSeconds)
            .setMail(mails.passwordReset(key))))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", RecoveryMessages.FORGOT_SENT)))
        .onFailure(ctx::fail);
  }

  /** The mail's link: the form when the key is valid (a key tried, for the throttle), else the refusal. */
  private void page(RoutingContext ctx) {
    boolean page = Negotiation.prefersHtml(ctx.request());
    String key = ctx.request().getParam("key");
    throttle.admit(ctx, RESET, resetAttempts, TOO_MANY)
        .compose(v -> key == null || key.isEmpty() ? Future.succeededFuture(false)
            : store.resetKeyValid(ActivationKey.hashOf(key)))
        .compose(valid -> valid ? Future.succeededFuture() : Future.<Void>failedFuture(REFUSED))
        .onSuccess(v -> {
          if (page) {
            form(key, null).send(ctx, 200);
          } else {
            Responses.json(ctx, 200, new JsonObject().put("success", RecoveryMessages.RESET_KEY_VALID));
          }
        })
        .onFailure(e -> MailLinkPages.failure(ctx, page, RecoveryMessages.RESET_TITLE, e));
  }

  /**
   * Checks in this order: the body (JSON, or the page's form as an object of strings) with its schema (the fields,
   * the password's length), the repeat, the throttle (a body refused before it tries no key), then the key. The key
   * is spent only by a reset that succeeds; a browser's form post whose password breaks a rule gets the form again.
   */
  private void reset(RoutingContext ctx, BodyValidation validation) {
    boolean page = Negotiation.prefersHtml(ctx.request());
    String key = null;
    try {
      JsonObject body = JsonBody.objectOrForm(ctx);
      key = body.getValue("key") instanceof String text ? text : null;
      validation.check(body);
      String password = body.getString("password");
      if (!password.equals(body.getString("repeat_password"))) {
        throw ApiError.of(422, AccountMessages.PASSWORDS_DIFFER);
      }
      String keyHash = ActivationKey.hashOf(key);
      String formKey = key;
      throttle.admit(ctx, RESET, resetAttempts, TOO_MANY)
          .compose(v -> hashing.executeBlocking(() -> PasswordHasher.hash(password), false))
          .compose(hash -> store.resetPassword(keyHash, hash, audit.event(ctx, AuditEvent.PASSWORD_RESET)))
          .compose(this::announced)
          .onSuccess(v -> MailLinkPages.success(ctx, page, RecoveryMessages.RESET_TITLE, RecoveryMessages.RESET_OK))
          .onFailure(e -> resetFailed(ctx, page, formKey, e));
    } catch (ApiError e) {
      resetFailed(ctx, page, key, e);
    }
  }

  /** The revoked tokens are refused on every HTTP node before the reset is answered. */
  private Future<Void> announced(PasswordResetOutcome outcome) {
    if (!outcome.isReset()) {
      return Future.failedFuture(REFUSED);
    }
    return revoked.announce(outcome.getRevoked());
  }

  private void resetFailed(RoutingContext ctx, boolean page, String key, Throwable failure) {
    ApiError refusal = MailLinkPages.refusal(failure);
    boolean ruleBroken = refusal != null && refusal.status() == 422 && refusal != REFUSED;
    if (page && ruleBroken && key != null && !key.isEmpty()) {
      form(key, refusal.body().getString("error")).send(ctx, 422);
    } else {
      MailLinkPages.failure(ctx, page, RecoveryMessages.RESET_TITLE, failure);
    }
  }

  private Page form(String key, String error) {
    Page page = new Page(RecoveryMessages.RESET_TITLE);
    if (error != null) {
      page.message(error, false);
    }
    return page.passwordForm(FORM_ACTION, key, RecoveryMessages.NEW_PASSWORD, RecoveryMessages.REPEAT_PASSWORD,
        RecoveryMessages.RESET_BUTTON, passwordMin);
  }
}
