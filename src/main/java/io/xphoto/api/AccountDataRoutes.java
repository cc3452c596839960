package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.AccountData;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.AuditLog;
import io.xphoto.db.AccountDeletion;
import io.xphoto.db.Account;
import io.xphoto.db.RevokedToken;
import io.xphoto.storage.ObjectStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;
import io.xphoto.web.WebMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** {@code GET /account/export} (a JSON download of everything held about the caller) and {@code DELETE /account}. */
final class AccountDataRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AccountDataRoutes.class);
  /** Objects deleted at once after an account's deletion: a large library is not sent to the store in one burst. */
  private static final int DELETES_IN_FLIGHT = 32;

  private final AccountData data;
  private final ObjectStore objects;
  private final PasswordSignin signin;
  private final RevokedTokens revoked;
  private final AccountExport export;
  private final Audit audit;

  AccountDataRoutes(AccountData data, AuditLog log, ObjectStore objects, PasswordSignin signin, RevokedTokens revoked,
                    Audit audit) {
    this.data = data;
    this.audit = audit;
    this.objects = objects;
    this.signin = signin;
    this.revoked = revoked;
    this.export = new AccountExport(data, log, objects);
  }

  void mount(ContractRoutes routes, Handler<RoutingContext> jsonBody, BearerAuth auth) {
    routes.handle("exportAccount", auth, this::export)
        .handle("deleteAccount", jsonBody, auth, this::delete);
  }

  private void export(RoutingContext ctx) {
    boolean embeddings = "true".equals(ctx.request().getParam("embeddings"));
    export.send(ctx, Caller.id(ctx), embeddings, ctx.request().method() == HttpMethod.HEAD);
  }

  /**
   * The password is checked as a sign-in is (throttled, counted, hashed on the hashing pool); then every row
   * goes in one transaction, the tokens are announced to every HTTP node, and the objects are deleted last (a
   * crash before leaves them to the storage verticle's orphan sweep: no row names them any more).
   */
  private void delete(RoutingContext ctx) {
    String password = JsonBody.string(JsonBody.object(ctx), "password");
    JsonObject claims = BearerAuth.claims(ctx);
    long userId = Caller.id(ctx);
    RevokedToken token = new RevokedToken().setJti(claims.getString("jti")).setExpiresAt(claims.getLong("exp"));
    signin.checkPassword(ctx, claims.getString("username"), password, PasswordSignin.PasswordForm.PLAIN)
        .recover(e -> Future.failedFuture(e instanceof PasswordSignin.WrongCredentials
            ? ApiError.of(403, AccountMessages.WRONG_PASSWORD) : e))
        .compose(account -> isCaller(account, userId)
            ? data.deleteAccount(userId, token, audit.event(ctx, AuditEvent.ACCOUNT_DELETED))
            : Future.failedFuture(ApiError.of(403, AccountMessages.WRONG_PASSWORD)))
        .compose(deletion -> deletion.isDeleted()
            ? afterCommit(deletion)
            : Future.failedFuture(BearerAuth.challenging(ApiError.of(401, WebMessages.UNAUTHORIZED))))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", AccountMessages.ACCOUNT_DELETED)))
        .onFailure(ctx::fail);
  }

  private static boolean isCaller(Account account, long userId) {
    return account.getId() == userId;
  }

  /** The revocations reach every HTTP node and the objects are deleted; a node not acknowledging fails (503) after both. */
  private Future<Void> afterCommit(AccountDeletion deletion) {
    return revoked.announce(deletion.revokedTokens()).transform(done -> removeObjects(deletion.objectKeyList(), 0)
        .transform(v -> done.succeeded() ? Future.succeededFuture() : Future.failedFuture(done.cause())));
  }

  /** A failure leaves the rest to the orphan sweep. */
  private Future<Void> removeObjects(List<String> keys, int from) {
    if (from >= keys.size()) {
      return Future.succeededFuture();
    }
    List<String> batch = keys.subList(from, Math.min(keys.size(), from + DELETES_IN_FLIGHT));
    return Future.all(batch.stream().map(objects::delete).toList())
        .compose(v -> removeObjects(keys, from + batch.size()), e -> {
          LOG.warn("could not remove {} object(s) of a deleted account; the orphan sweep will: {}",
              keys.size() - from, e.getMessage());
          return Future.succeededFuture();
        });
  }
}
