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
import io.xphoto.db.ActivationResend;
import io.xphoto.db.NewAccount;
import io.xphoto.db.NewActivationKey;
import io.xphoto.mail.Mails;
import io.xphoto.web.ApiError;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;

import java.util.Optional;

/** {@code /signup}, {@code /active_account}, {@code /signin}, {@code /signout}, {@code /userInfo}. */
final class AccountRoutes {

  private final AccountStore store;
  private final Tokens tokens;
  private final AccountRules rules;
  private final RevokedTokens revoked;
  private final WorkerExecutor hashing;
  private final Mails mails;
  private final int activationTtlSeconds;
  private final int resendIntervalSeconds;
  private final PasswordSignin signin;

  AccountRoutes(Settings settings, AccountStore store, Tokens tokens, RevokedTokens revoked, WorkerExecutor hashing,
                PasswordSignin signin) {
    this.store = store;
    this.tokens = tokens;
    this.rules = new AccountRules(settings);
    this.revoked = revoked;
    this.hashing = hashing;
    this.mails = new Mails(settings);
    this.activationTtlSeconds = (int) settings.duration("activation.ttl").toSeconds();
    this.resendIntervalSeconds = (int) settings.duration("activation.resend-interval").toSeconds();
    this.signin = signin;
  }

  /**
   * The bodies of signup and signin are read by {@link JsonBody}, not validated against their schemas: the
   * documented answer is the first failure in the handler's order (each field's presence and type, then the
   * account rules with their own messages, {@code "username": null} counting as absent at signin), where the
   * schema validator reports all of them at once in an order and wording of its own.
   */
  void mount(ContractRoutes routes, Handler<RoutingContext> jsonBody, BearerAuth auth) {
    routes.handle("signup", jsonBody, this::signup)
        .handle("activate", routes.validation("activate", ApiError.of(422, AccountMessages.ACTIVATION_REFUSED)),
            this::activate)
        .handle("signin", jsonBody, this::signin)
        .handle("signout", auth, this::signout)
        .handle("userInfo", auth, this::userInfo);
  }

  private void signup(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String username = JsonBody.string(body, "username");
    String email = JsonBody.string(body, "email").trim();
    String password = JsonBody.string(body, "password");
    String repeat = JsonBody.string(body, "repeat_password");
    rules.checkUsername(username)
        .or(() -> rules.checkEmail(email))
        .or(() -> rules.checkPassword(password))
        .or(() -> password.equals(repeat) ? Optional.empty() : Optional.of(AccountMessages.PASSWORDS_DIFFER))
        .ifPresent(message -> {
          throw ApiError.of(422, message);
        });
    ActivationKey key = ActivationKey.generate();
    hash(password)
        .compose(passwordHash -> store.createUser(new NewAccount()
            .setUsername(username)
            .setEmail(email)
            .setPasswordHash(passwordHash)
            .setActive(false)
            .setActivation(activation(key))
            .setMail(mails.activation(username, email, key))))
        .onSuccess(result -> {
          if (result.isCreated()) {
            Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.SIGNUP_OK));
          } else {
            ctx.fail(ApiError.of(422, AccountMessages.TAKEN));
          }
        })
        .onFailure(ctx::fail);
  }

  /** Wrong key, unknown account and an already active one all get the same answer, as the seed says. */
  private void activate(RoutingContext ctx) {
    String key = ctx.request().getParam("key");
    String username = ctx.request().getParam("username");
    if (key == null || username == null || key.isEmpty() || username.isEmpty()) {
      ctx.fail(ApiError.of(422, AccountMessages.ACTIVATION_REFUSED));
      return;
    }
    store.activate(username, ActivationKey.hashOf(key))
        .onSuccess(activated -> {
          if (activated) {
            Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.ACTIVATED));
          } else {
            ctx.fail(ApiError.of(422, AccountMessages.ACTIVATION_REFUSED));
          }
        })
        .onFailure(ctx::fail);
  }

  private void signin(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String identifier = (body.getValue("username") != null
        ? JsonBody.string(body, "username") : JsonBody.string(body, "email")).trim();
    String password = JsonBody.string(body, "password");
    signin.signIn(ctx, identifier, password, PasswordSignin.PasswordForm.PLAIN,
            user -> user.isActive() ? tokens.issue(user.getId(), user.getUsername(), user.getEmail()) : null)
        .recover(e -> Future.failedFuture(e instanceof PasswordSignin.WrongCredentials
            ? ApiError.of(401, AccountMessages.WRONG_CREDENTIALS) : e))
        .compose(this::signedIn)
        .onSuccess(token -> Responses.json(ctx, 200,
            new JsonObject().put("success", AccountMessages.SIGNIN_OK).put("JWTToken", token)))
        .onFailure(ctx::fail);
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
    revoked.revoke(jti, expiresAt)
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
