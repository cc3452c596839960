package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.AccountRules;
import io.xphoto.accounts.ActivationKey;
import io.xphoto.config.Settings;
import io.xphoto.db.Account;
import io.xphoto.db.AccountRecoveryStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.EmailChangeRequest;
import io.xphoto.mail.Mails;
import io.xphoto.pages.Negotiation;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.RequestThrottle;
import io.xphoto.web.Responses;

import java.util.Map;

/** {@code POST /email/change} and {@code GET /email/confirm} (JSON, or a page), docs/API.md "Email change". */
final class EmailChangeRoutes {

  static final String EMAIL_CHANGE = "email-change";
  private static final ApiError TOO_MANY = ApiError.of(429, RecoveryMessages.TOO_MANY_REQUESTS);
  private static final ApiError WRONG_PASSWORD = ApiError.of(422, RecoveryMessages.WRONG_PASSWORD);
  private static final ApiError TAKEN = ApiError.of(422, AccountMessages.TAKEN);
  private static final ApiError REFUSED = ApiError.of(422, RecoveryMessages.EMAIL_CONFIRM_REFUSED);

  private final AccountRecoveryStore store;
  private final Audit audit;
  private final RequestThrottle throttle;
  private final PasswordSignin signin;
  private final Mails mails;
  private final int ttlSeconds;
  private final int mailRequests;

  EmailChangeRoutes(Settings settings, AccountRecoveryStore store, RequestThrottle throttle, PasswordSignin signin,
                    Audit audit) {
    this.audit = audit;
    this.store = store;
    this.throttle = throttle;
    this.signin = signin;
    this.mails = new Mails(settings);
    this.ttlSeconds = (int) settings.duration("email.confirm-ttl").toSeconds();
    this.mailRequests = settings.integer("throttle.mail-requests");
  }

  /** changeEmail's body is validated with its schema, as signup's ({@link ContractRoutes#bodyValidation}). */
  void mount(ContractRoutes routes, Handler<RoutingContext> body, BearerAuth auth) {
    routes.handle("changeEmail", body, auth,
            routes.bodyValidation("changeEmail", Map.of(AccountRules.EMAIL_FORMAT, AccountRules::isEmail),
                message -> ApiError.of(422, message)),
            this::change)
        .handle("confirmEmail", this::confirm);
  }

  /**
   * Checks in this order: the fields and the address (the schema, as sign-up's), the throttle, the password (a sign-in of
   * the caller's account: a wrong one counts as a failed sign-in), the address being another account's.
   */
  private void change(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String email = body.getString("email").trim();
    String password = body.getString("password");
    long caller = Caller.id(ctx);
    String username = BearerAuth.claims(ctx).getString("username");
    ActivationKey key = ActivationKey.generate();
    throttle.admit(ctx, EMAIL_CHANGE, mailRequests, TOO_MANY)
        .compose(v -> signin.checkPassword(ctx, username, password, PasswordSignin.PasswordForm.PLAIN))
        .recover(e -> Future.failedFuture(e instanceof PasswordSignin.WrongCredentials ? WRONG_PASSWORD : e))
        .compose(account -> account.getId() == caller ? Future.succeededFuture(account)
            : Future.<Account>failedFuture(WRONG_PASSWORD))
        .compose(account -> store.requestEmailChange(new EmailChangeRequest()
            .setUserId(caller)
            .setNewEmail(email)
            .setKeyHash(key.hash())
            .setTtlSeconds(ttlSeconds)
            .setConfirmation(mails.emailConfirmation(account.getUsername(), email, key))
            .setNotice(account.getEmail() == null ? null
                : mails.emailChangeNotice(account.getUsername(), account.getEmail(), email))))
        .compose(queued -> queued ? Future.succeededFuture() : Future.<Void>failedFuture(TAKEN))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", RecoveryMessages.EMAIL_CHANGE_SENT)))
        .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    boolean page = Negotiation.prefersHtml(ctx.request());
    String key = ctx.request().getParam("key");
    Future<String> outcome = key == null || key.isEmpty()
        ? Future.succeededFuture(AccountRecoveryStore.REFUSED) : store.confirmEmail(ActivationKey.hashOf(key),
        audit.event(ctx, AuditEvent.EMAIL_CHANGE));
    outcome.compose(result -> switch (result) {
          case AccountRecoveryStore.CONFIRMED -> Future.<Void>succeededFuture();
          case AccountRecoveryStore.TAKEN -> Future.<Void>failedFuture(TAKEN);
          default -> Future.<Void>failedFuture(REFUSED);
        })
        .onSuccess(v -> MailLinkPages.success(ctx, page, RecoveryMessages.EMAIL_CONFIRM_TITLE,
            RecoveryMessages.EMAIL_CONFIRMED))
        .onFailure(e -> MailLinkPages.failure(ctx, page, RecoveryMessages.EMAIL_CONFIRM_TITLE, e));
  }
}
