package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.db.Account;
import io.xphoto.db.AccountStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.PasswordChange;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;

import java.util.Map;

/** {@code /signout/all} and {@code /password/change}: what ends an account's other sign-ins. */
final class AccountSecurityRoutes {

  private final AccountStore store;
  private final RevokedTokens revoked;
  private final WorkerExecutor hashing;
  private final PasswordSignin signin;
  private final Audit audit;

  AccountSecurityRoutes(AccountStore store, RevokedTokens revoked, WorkerExecutor hashing, PasswordSignin signin,
                        Audit audit) {
    this.audit = audit;
    this.store = store;
    this.revoked = revoked;
    this.hashing = hashing;
    this.signin = signin;
  }

  /** changePassword's body is validated with its schema, as signup's ({@link ContractRoutes#bodyValidation}). */
  void mount(ContractRoutes routes, Handler<RoutingContext> jsonBody, BearerAuth auth) {
    routes.handle("signoutAll", auth, this::signoutAll)
        .handle("changePassword", jsonBody, auth,
            routes.bodyValidation("changePassword", Map.of(), message -> ApiError.of(422, message)),
            this::changePassword);
  }

  /** Every token of the account, the calling one included, and every forum session, on every node. */
  private void signoutAll(RoutingContext ctx) {
    revoked.revokeAccount(Caller.id(ctx), null, null, audit.event(ctx, AuditEvent.SIGNOUT_ALL))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.SIGNED_OUT_EVERYWHERE)))
        .onFailure(ctx::fail);
  }

  /**
   * The fields and the new password's rules first (the schema, then the repeat: no attempt counted for a malformed
   * request), then the old
   * password as a sign-in checks it: throttled, and a wrong one counted as a failed sign-in, so that this
   * cannot be used to guess. The new hash is written only over the one checked, with the other sign-ins'
   * revocation, in one transaction; the nodes learn the revoked tokens before the answer.
   */
  private void changePassword(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String oldPassword = body.getString("old_password");
    String password = body.getString("password");
    if (!password.equals(body.getString("repeat_password"))) {
      throw ApiError.of(422, AccountMessages.PASSWORDS_DIFFER);
    }
    long userId = Caller.id(ctx);
    JsonObject claims = BearerAuth.claims(ctx);
    signin.checkPassword(ctx, claims.getString("username"), oldPassword, PasswordSignin.PasswordForm.PLAIN)
        .recover(e -> Future.failedFuture(e instanceof PasswordSignin.WrongCredentials ? wrongOldPassword() : e))
        .compose(account -> account.getId() == userId
            ? Future.succeededFuture(account)
            : Future.<Account>failedFuture(wrongOldPassword()))
        .compose(account -> hashing.executeBlocking(() -> PasswordHasher.hash(password), false)
            .compose(passwordHash -> store.changePassword(new PasswordChange()
                .setUserId(userId)
                .setCheckedHash(account.getPasswordHash())
                .setPasswordHash(passwordHash)
                .setKeptJti(claims.getString("jti"))
                .setAudit(audit.event(ctx, AuditEvent.PASSWORD_CHANGE)))))
        // not changed: the password changed (or the account went) since the check
        .compose(result -> result.isChanged()
            ? revoked.announce(result.revokedTokens())
            : Future.failedFuture(wrongOldPassword()))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.PASSWORD_CHANGED)))
        .onFailure(ctx::fail);
  }

  private static ApiError wrongOldPassword() {
    return ApiError.of(422, AccountMessages.WRONG_OLD_PASSWORD);
  }
}
