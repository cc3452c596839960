package io.xphoto.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.accounts.QrCodes;
import io.xphoto.accounts.RecoveryCodes;
import io.xphoto.accounts.Totp;
import io.xphoto.accounts.TotpSecretBox;
import io.xphoto.db.Account;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.TotpState;
import io.xphoto.db.TotpStore;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.PasswordSignin;
import io.xphoto.web.Responses;
import io.xphoto.web.WebMessages;

import java.util.List;
import java.util.Map;

/**
 * {@code /totp}, {@code /totp/setup}, {@code /totp/enable}, {@code /totp/disable}: the TOTP second factor (docs/API.md
 * "Two-step verification (TOTP)"). The secret leaves the server once, in setup's answer; it is stored sealed
 * ({@link TotpSecretBox}). Secrets are opened, codes computed and QR codes drawn on worker threads.
 */
final class TotpRoutes {

  private final TotpStore store;
  private final TotpSecretBox secrets;
  private final PasswordSignin signin;
  private final WorkerExecutor hashing;
  private final WorkerExecutor images;
  private final String issuer;
  private final Audit audit;

  TotpRoutes(TotpStore store, TotpSecretBox secrets, PasswordSignin signin, WorkerExecutor hashing,
             WorkerExecutor images, String issuer, Audit audit) {
    this.store = store;
    this.secrets = secrets;
    this.signin = signin;
    this.hashing = hashing;
    this.images = images;
    this.issuer = issuer;
    this.audit = audit;
  }

  /** enable's and disable's bodies are validated with their schemas ({@link ContractRoutes#bodyValidation}). */
  void mount(ContractRoutes routes, Handler<RoutingContext> jsonBody, BearerAuth auth) {
    routes.handle("totpStatus", auth, this::status)
        .handle("setupTotp", auth, this::setup)
        .handle("enableTotp", jsonBody, auth,
            routes.bodyValidation("enableTotp", Map.of(), message -> ApiError.of(422, message)), this::enable)
        .handle("disableTotp", jsonBody, auth,
            routes.bodyValidation("disableTotp", Map.of(), message -> ApiError.of(422, message)), this::disable);
  }

  /** Whether TOTP is on (a secret set up and not enabled yet is not). */
  private void status(RoutingContext ctx) {
    store.totpState(Caller.id(ctx))
        .onSuccess(state -> Responses.json(ctx, 200, new JsonObject().put("enabled", state != null && state.isEnabled())))
        .onFailure(ctx::fail);
  }

  /**
   * A new secret replaces one not enabled yet; none is made while TOTP is on (409). Not in the audit log: a secret
   * set up changes nothing until {@code /totp/enable} (whose event is), and a setup left unused is replaced.
   */
  private void setup(RoutingContext ctx) {
    long userId = Caller.id(ctx);
    String username = BearerAuth.claims(ctx).getString("username");
    images.executeBlocking(() -> {
          byte[] secret = Totp.newSecret();
          String uri = Totp.uri(issuer, username, secret);
          return new Setup(secrets.seal(userId, secret), new JsonObject()
              .put("secret", Totp.base32(secret))
              .put("uri", uri)
              .put("qrCode", QrCodes.pngDataUri(uri)));
        }, false)
        .compose(setup -> store.setUp(userId, setup.sealed()).map(outcome -> switch (outcome) {
          case TotpStore.SET_UP -> setup.answer();
          case TotpStore.ALREADY_ENABLED -> throw ApiError.of(409, TotpMessages.ALREADY_ENABLED);
          default -> throw BearerAuth.challenging(ApiError.of(401, WebMessages.UNAUTHORIZED));
        }))
        .onSuccess(answer -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          Responses.json(ctx, 200, answer);
        })
        .onFailure(ctx::fail);
  }

  private record Setup(String sealed, JsonObject answer) {
  }

  /**
   * The first code of the secret set up turns TOTP on, with ten new recovery codes (shown once). Its step is
   * recorded as used: that code does not sign in afterwards.
   */
  private void enable(RoutingContext ctx) {
    long userId = Caller.id(ctx);
    String code = JsonBody.object(ctx).getString("code");
    long now = System.currentTimeMillis();
    store.totpState(userId)
        .compose(state -> {
          if (state == null) {
            return Future.failedFuture(ApiError.of(409, TotpMessages.NOT_SET_UP));
          }
          if (state.isEnabled()) {
            return Future.failedFuture(ApiError.of(409, TotpMessages.ALREADY_ENABLED));
          }
          return hashing.executeBlocking(() -> checked(userId, state, code, now), false);
        })
        .compose(checked -> store.enable(userId, checked.state().getSealedSecret(), checked.step(), checked.hashes(),
                audit.event(ctx, AuditEvent.TOTP_ENABLED))
            .map(enabled -> {
              if (!enabled) {
                throw ApiError.of(409, TotpMessages.NOT_SET_UP);
              }
              return checked.recoveryCodes();
            }))
        .onSuccess(codes -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          Responses.json(ctx, 200, new JsonObject().put("success", TotpMessages.ENABLED)
              .put("recoveryCodes", new JsonArray(List.copyOf(codes))));
        })
        .onFailure(ctx::fail);
  }

  /** A right code: its step, and the new recovery codes with their hashes. */
  private record Checked(TotpState state, long step, List<String> recoveryCodes, List<String> hashes) {
  }

  /** On the hashing pool: the secret opened, the window's codes computed, the recovery codes made and hashed. */
  private Checked checked(long userId, TotpState state, String code, long now) {
    long step = Totp.matchingStep(secrets.open(userId, state.getSealedSecret()), code, state.getLastUsedStep(), now);
    if (step < 0) {
      throw ApiError.of(422, TotpMessages.WRONG_CODE);
    }
    List<String> codes = RecoveryCodes.generate();
    return new Checked(state, step, codes, codes.stream().map(RecoveryCodes::hashOf).toList());
  }

  /**
   * The password and a code (a TOTP code or a recovery code), checked as a sign-in checks them (throttled, failures
   * counted, the code spent); then the secret and the recovery codes are deleted in one transaction.
   */
  private void disable(RoutingContext ctx) {
    long userId = Caller.id(ctx);
    JsonObject body = JsonBody.object(ctx);
    String username = BearerAuth.claims(ctx).getString("username");
    signin.checkPasswordAndCode(ctx, username, body.getString("password"), body.getString("code"),
            PasswordSignin.PasswordForm.PLAIN)
        .recover(e -> Future.failedFuture(disableRefusal(e)))
        .compose(checked -> {
          Account account = checked.user();
          if (account.getId() != userId) {
            return Future.failedFuture(ApiError.of(403, TotpMessages.WRONG_PASSWORD));
          }
          if (!checked.secondFactor()) {
            return Future.failedFuture(ApiError.of(409, TotpMessages.NOT_ENABLED));
          }
          return store.disable(userId, audit.event(ctx, AuditEvent.TOTP_DISABLED));
        })
        .compose(disabled -> disabled
            ? Future.<Void>succeededFuture()
            : Future.<Void>failedFuture(ApiError.of(409, TotpMessages.NOT_ENABLED)))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("success", TotpMessages.DISABLED)))
        .onFailure(ctx::fail);
  }

  private static Throwable disableRefusal(Throwable failure) {
    if (failure instanceof PasswordSignin.WrongCredentials) {
      return ApiError.of(403, TotpMessages.WRONG_PASSWORD);
    }
    if (failure instanceof PasswordSignin.SecondFactorRequired || failure instanceof PasswordSignin.WrongSecondFactor) {
      return ApiError.of(403, TotpMessages.WRONG_CODE_NOT_DISABLED);
    }
    return failure;
  }
}
