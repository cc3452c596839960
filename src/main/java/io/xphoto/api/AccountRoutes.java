package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.AccountRules;
import io.xphoto.accounts.ActivationKey;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.accounts.Tokens;
import io.xphoto.config.Settings;
import io.xphoto.db.Account;
import io.xphoto.db.AccountStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.ActivationResend;
import io.xphoto.db.NewAccount;
import io.xphoto.db.NewActivationKey;
import io.xphoto.mail.Mails;
import io.xphoto.pages.Negotiation;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;

import java.util.Map;
import java.util.function.Function;

/**
 * {@code /signup}, {@code /active_account}, {@code /signin} (with the TOTP code of an account that has it on),
 * {@code /signout}, {@code /userInfo}.
 */
final class AccountRoutes {

  private final AccountStore store;
  private final Tokens tokens;
  private final RevokedTokens revoked;
  private final WorkerExecutor hashing;
  private final Mails mails;
  private final int activationTtlSeconds;
  private final int resendIntervalSeconds;
  private final PasswordSignin signin;
  private final Audit audit;

  AccountRoutes(Settings settings, AccountStore store, Tokens tokens, RevokedTokens revoked, WorkerExecutor hashing,
                PasswordSignin signin, Audit audit) {
    this.audit = audit;
    this.store = store;
    this.tokens = tokens;
    this.revoked = revoked;
    this.hashing = hashing;
    this.mails = new Mails(settings);
    this.activationTtlSeconds = (int) settings.duration("activation.ttl").toSeconds();
    this.resendIntervalSeconds = (int) settings.duration("activation.resend-interval").toSeconds();
    this.signin = signin;
  }

  /**
   * The bodies of signup and signin are validated with their schemas in {@code openapi.yaml}
   * ({@link ContractRoutes#bodyValidation}): presence, type and the rules of each field, with the document's
   * messages; the handlers add what no schema says (the repeated password, a name or email taken).
   */
  void mount(ContractRoutes routes, Handler<RoutingContext> jsonBody, BearerAuth auth) {
    Function<String, ApiError> refusal = message -> ApiError.of(422, message);
    routes.handle("signup", jsonBody,
            routes.bodyValidation("signup", Map.of(AccountRules.EMAIL_FORMAT, AccountRules::isEmail), refusal),
            this::signup)
        .handle("activate", pagesUnvalidated(routes.validation("activate",
            ApiError.of(422, AccountMessages.ACTIVATION_REFUSED))), this::activate)
        .handle("signin", jsonBody, routes.bodyValidation("signin", Map.of(), refusal), this::signin)
        .handle("signout", auth, this::signout)
        .handle("userInfo", auth, this::userInfo);
  }

  private void signup(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String username = body.getString("username");
    String email = body.getString("email").trim();
    String password = body.getString("password");
    if (!password.equals(body.getString("repeat_password"))) {
      throw ApiError.of(422, AccountMessages.PASSWORDS_DIFFER);
    }
    ActivationKey key = ActivationKey.generate();
    hash(password)
        .compose(passwordHash -> store.createUser(new NewAccount()
            .setUsername(username)
            .setEmail(email)
            .setPasswordHash(passwordHash)
            .setActive(false)
            .setActivation(activation(key))
            .setMail(mails.activation(username, email, key))
            .setAudit(audit.event(ctx, AuditEvent.SIGNUP))))
        .onSuccess(result -> {
          if (result.isCreated()) {
            Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.SIGNUP_OK));
          } else {
            ctx.fail(ApiError.of(422, AccountMessages.TAKEN));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * Wrong key, unknown account and an already active one all get the same answer, as the seed says; a browser
   * gets it as a page. Its parameters are checked here, so a browser's request skips the contract's validation
   * (whose refusal is JSON).
   */
  private void activate(RoutingContext ctx) {
    boolean page = Negotiation.prefersHtml(ctx.request());
    String key = ctx.request().getParam("key");
    String username = ctx.request().getParam("username");
    Future<Boolean> activated = key == null || username == null || key.isEmpty() || username.isEmpty()
        ? Future.succeededFuture(false) : store.activate(username, ActivationKey.hashOf(key),
        audit.event(ctx, AuditEvent.ACTIVATION));
    activated.compose(done -> done ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(ApiError.of(422, AccountMessages.ACTIVATION_REFUSED)))
        .onSuccess(v -> MailLinkPages.success(ctx, page, RecoveryMessages.ACTIVATION_TITLE, AccountMessages.ACTIVATED))
        .onFailure(e -> MailLinkPages.failure(ctx, page, RecoveryMessages.ACTIVATION_TITLE, e));
  }

  private static Handler<RoutingContext> pagesUnvalidated(Handler<RoutingContext> validation) {
    return ctx -> {
      if (Negotiation.prefersHtml(ctx.request())) {
        ctx.next();
      } else {
        validation.handle(ctx);
      }
    };
  }

  private void signin(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String identifier = (body.getValue("username") != null ? body.getString("username") : body.getString("email"))
        .trim();
    String password = body.getString("password");
    signin.signIn(ctx, identifier, password, body.getString("totp"), PasswordSignin.PasswordForm.PLAIN,
            user -> user.isActive() ? tokens.issue(user.getId(), user.getUsername(), user.getEmail()) : null)
        .recover(e -> Future.failedFuture(signinRefusal(e)))
        .compose(this::signedIn)
        .onSuccess(token -> Responses.json(ctx, 200,
            new JsonObject().put("success", AccountMessages.SIGNIN_OK).put("JWTToken", token)))
        .onFailure(ctx::fail);
  }

  /**
   * Wrong password; the right one of an account with TOTP on, without its code or with a wrong one: each a 401.
   * The right password of a disabled account: 403.
   */
  private static Throwable signinRefusal(Throwable failure) {
    if (failure instanceof PasswordSignin.WrongCredentials) {
      return ApiError.of(401, AccountMessages.WRONG_CREDENTIALS);
    }
    if (failure instanceof PasswordSignin.AccountDisabled) {
      return ApiError.of(403, AccountMessages.ACCOUNT_DISABLED);
    }
    if (failure instanceof PasswordSignin.SecondFactorRequired) {
      return TotpMessages.refusal(TotpMessages.CODE_REQUIRED, TotpMessages.REQUIRED);
    }
    if (failure instanceof PasswordSignin.WrongSecondFactor) {
      return TotpMessages.refusal(TotpMessages.WRONG_CODE, TotpMessages.INVALID);
    }
    return failure;
  }

  private Future<String> signedIn(PasswordSignin.SignedIn signedIn) {
    Account user = signedIn.user();
    if (!user.isActive()) {
      ActivationKey key = ActivationKey.generate();
      String email = user.getEmail();
      return store.resendActivation(new ActivationResend()
              .setUserId(user.getId())
              .setActivation(activation(key))
              .setResendIntervalSeconds(resendIntervalSeconds)
              .setMail(mails.activation(user.getUsername(), email, key)))
          .compose(queued -> Future.failedFuture(ApiError.of(403, AccountMessages.inactive(email))));
    }
    return Future.succeededFuture(signedIn.token().token());
  }

  private void signout(RoutingContext ctx) {
    JsonObject claims = BearerAuth.claims(ctx);
    String jti = claims.getString("jti");
    long expiresAt = claims.getLong("exp");
    revoked.revoke(jti, expiresAt, audit.event(ctx, AuditEvent.SIGNOUT))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.SIGNED_OUT)))
        .onFailure(ctx::fail);
  }

  private void userInfo(RoutingContext ctx) {
    JsonObject claims = BearerAuth.claims(ctx);
    Responses.json(ctx, 200, new JsonObject()
        .put("id", claims.getString("id"))
        .put("username", claims.getString("username"))
        .put("email", claims.getString("email"))
        .put("iat", claims.getLong("iat")));
  }

  private Future<String> hash(String password) {
    return hashing.executeBlocking(() -> PasswordHasher.hash(password), false);
  }

  private NewActivationKey activation(ActivationKey key) {
    return new NewActivationKey().setKeyHash(key.hash()).setTtlSeconds(activationTtlSeconds);
  }
}
