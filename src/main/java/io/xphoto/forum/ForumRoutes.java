package io.xphoto.forum;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.xphoto.accounts.PasswordHasher;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.NewAccount;
import io.xphoto.db.Profile;
import io.xphoto.db.ProfileChanges;
import io.xphoto.db.ProfileQuery;
import io.xphoto.db.ProfileStore;
import io.xphoto.db.SessionRecords;
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
import io.xphoto.web.SessionOrBearerAuth;
import io.xphoto.web.SurfaceRouters;
import io.xphoto.web.SurfaceServices;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The forum user API under {@code /forum/user/}: captcha, template, reg, login, logout, info (and the
 * avatar, see {@link AvatarRoutes}). A forum login is a vertx-web session in the database (see
 * {@link DbSessionStore}); an xphoto Bearer token is accepted too. Business failures answer 200 with
 * {@code {"status": "failed", "reason": ...}}, as forum front ends expect. Two routers, each with the forum's
 * failure handler: {@link #router} for {@link #MOUNT}, {@link #avatarRouter} for {@link #AVATAR_MOUNT}.
 */
public final class ForumRoutes {

  public static final String MOUNT_POINT = "/forum";
  public static final String MOUNT = MOUNT_POINT + "/*";
  public static final String AVATAR_MOUNT = AvatarRoutes.URL_PREFIX + "*";
  public static final String SESSION_COOKIE = "xphoto-forum-session";
  /** The operations of {@code openapi.yaml} whose routes RouterBuilder makes, at paths under {@link #MOUNT}. */
  public static final Set<String> ROUTED_OPERATIONS = Set.of("forumTemplate", "forumCaptcha", "forumRegister",
      "forumLogin", "forumLogout", "forumInfo", "forumUpdateInfo", "forumUploadAvatar");
  private static final String ADMIN = "admin";

  private final AccountStore store;
  private final ProfileStore profiles;
  private final SessionRecords records;
  private final ForumFields fields;
  private final CaptchaImages captchas = new CaptchaImages();
  private final String captchaTestAnswer;
  private final long captchaTtlMillis;
  private final WorkerExecutor hashing;
  private final WorkerExecutor imageWorkers;
  private final SessionHandler sessions;
  private final SessionOrBearerAuth auth;
  private final SameOriginGuard guard;
  private final AvatarRoutes avatars;
  private final PasswordSignin signin;
  private final RevokedTokens revoked;
  private final Handler<RoutingContext> jsonBody;
  private final Audit audit;

  public ForumRoutes(Vertx vertx, Settings settings, AccountStore store, ObjectStore objects,
                     SurfaceServices services) {
    this.store = store;
    this.profiles = ProfileStore.proxy(vertx);
    this.records = SessionRecords.proxy(vertx);
    this.fields = new ForumFields(settings);
    String testAnswer = settings.string("captcha.test-answer");
    this.captchaTestAnswer = testAnswer.isEmpty() ? null : testAnswer;
    this.captchaTtlMillis = settings.duration("captcha.ttl").toMillis();
    this.hashing = services.hashing();
    this.imageWorkers = services.imageChecks();
    this.sessions = SessionHandler.create(new DbSessionStore(vertx, records))
        .setSessionCookieName(SESSION_COOKIE)
        .setSessionTimeout(settings.duration("forum.session-timeout").toMillis())
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.LAX)
        .setCookieSecureFlag(settings.string("public.url").startsWith("https://"))
        .setNagHttps(false)
        .setLazySession(true)
        .setMinLength(32);
    this.auth = new SessionOrBearerAuth(services.bearer(),
        () -> BearerAuth.challenging(ForumError.of(401, ForumMessages.NOT_LOGGED_IN)));
    this.guard = new SameOriginGuard(settings.string("public.url"));
    this.avatars = new AvatarRoutes(vertx, profiles, objects, services.inspector(), imageWorkers);
    this.signin = services.signin();
    this.revoked = services.revoked();
    this.jsonBody = services.jsonBody();
    this.audit = services.audit();
  }

  /**
   * The routes under {@link #MOUNT}, built by RouterBuilder from {@code contract} (its paths relative to the
   * mount point). The registration's body is validated with its schema after the captcha is taken, a bad field
   * answering its template reason as a business failure (200 {@code failed}). Not validated with their schemas,
   * and why:
   * <ul>
   *   <li>login: a missing or non-string field is not refused on its own; it fails the sign-in (throttled and
   *   counted, {@code 用户名或密码错误。}) after the captcha, which no schema message can say;</li>
   *   <li>{@code PUT /user/info}: a {@code userID} that is no positive integer answers 400 before any field's 200,
   *   and a non-string {@code username} or {@code old_password} is no error (the caller stays the target; an admin
   *   needs no old password), where a schema would refuse it with one status;</li>
   *   <li>{@code GET /user/info}: its selector comes from the query or a body that wins over it, both read by
   *   one rule ({@code userID} 400).</li>
   * </ul>
   */
  public Router router(Vertx vertx, OpenAPIContract contract) {
    // the cross-site guard takes every POST/PUT/DELETE under /forum/, unknown paths and methods included
    ContractRoutes routes = new ContractRoutes(vertx, contract).rootHandler(guard);
    // no session: the template answers while the database is down
    routes.handle("forumTemplate", this::template)
        .handle("forumCaptcha", sessions, this::captcha)
        .handle("forumRegister", sessions, jsonBody, this::captchaFirst,
            routes.bodyValidation("forumRegister", Map.of(), ForumRoutes::failed), this::register)
        .handle("forumLogin", sessions, jsonBody, this::login)
        .handle("forumLogout", sessions, this::logout)
        .handle("forumInfo", sessions, jsonBody, auth, this::info)
        .handle("forumUpdateInfo", sessions, jsonBody, auth, this::update);
    avatars.mountUpload(routes, sessions, auth);
    return SurfaceRouters.complete(routes.router(), ForumError::reshape);
  }

  /** The forum's session handler (its cookie, its database store), for other routes that accept a forum login. */
  public Handler<RoutingContext> sessions() {
    return sessions;
  }

  /**
   * {@code GET} of the avatars (serveAvatar), under {@link #AVATAR_MOUNT}. Hand-mounted, still documented: one
   * route takes every path under the prefix and answers a name that is no avatar's with its own 404.
   */
  public Router avatarRouter(Vertx vertx) {
    Router router = Router.router(vertx);
    avatars.mountServing(router);
    return SurfaceRouters.complete(router, ForumError::reshape);
  }

  private void captcha(RoutingContext ctx) {
    String answer = captchaTestAnswer != null ? captchaTestAnswer : captchas.answer();
    String sessionHash = DbSessionStore.hash(ctx.session().id());
    imageWorkers.executeBlocking(() -> captchas.png(answer), false)
        .compose(png -> records.putCaptcha(sessionHash, answer, captchaTtlMillis).map(png))
        .compose(png -> sessions.flush(ctx).map(png))
        .onSuccess(png -> ctx.response()
            .putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "no-store")
            .end(Buffer.buffer(png)))
        .onFailure(ctx::fail);
  }

  private void template(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", Responses.JSON).end(fields.template().encode());
  }

  /** The registration's captcha is taken first, whatever else is wrong: every attempt costs a fresh one. */
  private void captchaFirst(RoutingContext ctx) {
    checkCaptcha(ctx, JsonBody.object(ctx))
        .onSuccess(v -> ctx.next())
        .onFailure(ctx::fail);
  }

  /** A body valid by its schema, after the captcha. */
  private void register(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String username = body.getString("username");
    String password = body.getString("password");
    String alias = body.getString("alias");
    hashing.executeBlocking(() -> PasswordHasher.hash(password), false)
        .compose(passwordHash -> store.createUser(new NewAccount()
            .setUsername(username)
            .setEmail(ForumFields.email(body))
            .setPasswordHash(passwordHash)
            .setAlias(alias)
            .setActive(true)
            .setAudit(audit.event(ctx, AuditEvent.SIGNUP))))
        .compose(created -> {
          if (!created.isCreated()) {
            throw failed(ForumMessages.TAKEN);
          }
          return logIn(ctx, created.getId());
        })
        .onSuccess(v -> ok(ctx, ForumMessages.GO_MAIN))
        .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    String identifier = Optional.ofNullable(ForumFields.text(body, "username")).orElse("").trim();
    String password = Optional.ofNullable(ForumFields.text(body, "password")).orElse("");
    checkCaptcha(ctx, body)
        .compose(v -> signin.signIn(ctx, identifier, password, ForumFields.text(body, "totp"),
            PasswordSignin.PasswordForm.PLAIN_OR_REDUCED))
        .recover(e -> Future.failedFuture(loginRefusal(e)))
        .compose(user -> user.isActive()
            ? logIn(ctx, user.getId())
            : Future.failedFuture(failed(ForumMessages.INACTIVE)))
        .onSuccess(v -> ok(ctx, ForumMessages.GO_MAIN))
        .onFailure(ctx::fail);
  }

  /**
   * Wrong password; the right one of a disabled account; the right one of an account with TOTP on, without its
   * code or with a wrong one.
   */
  private static Throwable loginRefusal(Throwable failure) {
    if (failure instanceof PasswordSignin.WrongCredentials) {
      return failed(ForumMessages.WRONG_CREDENTIALS);
    }
    if (failure instanceof PasswordSignin.AccountDisabled) {
      return failed(ForumMessages.ACCOUNT_DISABLED);
    }
    if (failure instanceof PasswordSignin.SecondFactorRequired) {
      return failed(ForumMessages.TOTP_REQUIRED);
    }
    if (failure instanceof PasswordSignin.WrongSecondFactor) {
      return failed(ForumMessages.WRONG_TOTP);
    }
    return failure;
  }

  /**
   * A logged-in session's logout is recorded ({@code signout}) once the session is deleted: the session store
   * is no transaction of the DB verticle's, so the event comes right after its change (a crash in between loses it).
   */
  private void logout(RoutingContext ctx) {
    Object userId = ctx.session().get(SessionOrBearerAuth.SESSION_USER);
    ctx.session().destroy();
    sessions.flush(ctx)
        .compose(v -> userId instanceof Number id
            ? audit.record(audit.event(ctx, AuditEvent.SIGNOUT).setUserId(id.longValue()))
            : Future.<Void>succeededFuture())
        .onSuccess(v -> ok(ctx, ForumMessages.GO_MAIN))
        .onFailure(ctx::fail);
  }

  private Future<Void> checkCaptcha(RoutingContext ctx, JsonObject body) {
    String answer = ForumFields.text(body, "captcha");
    return records.takeCaptcha(DbSessionStore.hash(ctx.session().id()), answer == null ? "" : answer)
        .compose(right -> right ? Future.succeededFuture() : Future.failedFuture(failed(ForumMessages.WRONG_CAPTCHA)));
  }

  /** A new session id for the logged-in session (no fixation), written before the answer goes out. */
  private Future<Void> logIn(RoutingContext ctx, long userId) {
    Session session = ctx.session();
    session.regenerateId();
    session.put(SessionOrBearerAuth.SESSION_USER, userId);
    return sessions.flush(ctx);
  }

  private void info(RoutingContext ctx) {
    Optional<ProfileQuery> selector = selector(ctx.body().length() > 0 ? JsonBody.object(ctx) : queryOf(ctx));
    caller(ctx)
        .compose(caller -> {
          if (selector.isEmpty()) {
            return Future.succeededFuture(new JsonArray().add(view(caller, true)));
          }
          return profiles.profile(selector.get()).map(target -> {
            if (target == null) {
              throw ForumError.of(404, ForumMessages.NO_SUCH_USER);
            }
            boolean full = isAdmin(caller) || target.getId() == caller.getId();
            return new JsonArray().add(view(target, full));
          });
        })
        .onSuccess(users -> ctx.response().putHeader("Content-Type", Responses.JSON).end(users.encode()))
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    JsonObject body = JsonBody.object(ctx);
    Optional<ProfileQuery> selector = selector(body);
    ProfileChanges changes = new ProfileChanges();
    Optional<String> invalid = Optional.empty();
    if (body.containsKey("alias")) {
      String alias = ForumFields.text(body, "alias");
      invalid = fields.checkAlias(alias);
      changes.setAliasChanged(true).setAlias(alias);
    }
    if (invalid.isEmpty() && body.containsKey("email")) {
      invalid = fields.checkEmail(body.getValue("email"));
      changes.setEmailChanged(true).setEmail(ForumFields.email(body));
    }
    String password = body.containsKey("password") ? ForumFields.text(body, "password") : null;
    if (invalid.isEmpty() && body.containsKey("password")) {
      invalid = fields.checkPassword(password);
    }
    invalid.ifPresent(reason -> {
      throw failed(reason);
    });
    String oldPassword = ForumFields.text(body, "old_password");
    caller(ctx)
        .compose(caller -> target(caller, selector))
        .compose(target -> {
          if (password == null) {
            return Future.succeededFuture(target);
          }
          boolean self = target.getId() == Caller.id(ctx);
          keepCallersSignin(ctx, self, changes);
          return (self ? checkOldPassword(ctx, target, oldPassword) : Future.<Void>succeededFuture())
              .compose(v -> hashing.executeBlocking(() -> {
                changes.setPasswordHash(PasswordHasher.hash(password));
                return target;
              }, false));
        })
        .compose(target -> profiles.updateProfile(target.getId(), changes.setAudit(target.getId() == Caller.id(ctx)
            ? audit.event(ctx, null) : audit.event(ctx, null).setActorId(Caller.id(ctx)))))
        .compose(result -> revoked.announce(result.revokedTokens()).map(result))
        .onSuccess(result -> {
          if (result.isUpdated()) {
            ok(ctx, ForumMessages.GO_INFO);
          } else if ("email".equals(result.getReason())) {
            ctx.fail(failed(ForumMessages.EMAIL_TAKEN));
          } else {
            ctx.fail(ForumError.of(404, ForumMessages.NO_SUCH_USER));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * One's own old password, checked as a login checks it (throttled, a wrong one counted as a failed login),
   * so that the profile cannot be used to guess it.
   */
  private Future<Void> checkOldPassword(RoutingContext ctx, Profile account, String oldPassword) {
    if (oldPassword == null) {
      return Future.failedFuture(failed(ForumMessages.WRONG_OLD_PASSWORD));
    }
    return signin.checkPassword(ctx, account.getUsername(), oldPassword, PasswordSignin.PasswordForm.PLAIN_OR_REDUCED)
        .recover(e -> Future.failedFuture(e instanceof PasswordSignin.WrongCredentials
            ? failed(ForumMessages.WRONG_OLD_PASSWORD) : e))
        .mapEmpty();
  }

  /**
   * A new password ends every other sign-in of the account (its tokens and forum sessions, on every node):
   * one's own keeps the calling token or session, an admin's change of another account keeps none.
   */
  private static void keepCallersSignin(RoutingContext ctx, boolean self, ProfileChanges changes) {
    if (!self) {
      return;
    }
    JsonObject claims = BearerAuth.claims(ctx);
    if (claims != null) {
      changes.setKeptJti(claims.getString("jti"));
    } else {
      changes.setKeptSessionHash(DbSessionStore.hash(ctx.session().id()));
    }
  }

  /** The account to update: the caller's own, or, for an admin only, the one named. */
  private Future<Profile> target(Profile caller, Optional<ProfileQuery> selector) {
    if (selector.isEmpty() || names(selector.get(), caller)) {
      return Future.succeededFuture(caller);
    }
    if (!isAdmin(caller)) {
      return Future.failedFuture(ForumError.of(403, ForumMessages.FORBIDDEN));
    }
    return profiles.profile(selector.get()).map(target -> {
      if (target == null) {
        throw ForumError.of(404, ForumMessages.NO_SUCH_USER);
      }
      return target;
    });
  }

  private static boolean names(ProfileQuery selector, Profile account) {
    return selector.getId() != null
        ? selector.getId() == account.getId()
        : selector.getUsername().equalsIgnoreCase(account.getUsername());
  }

  /** The caller's account, read afresh (a role granted or revoked takes effect at once). */
  private Future<Profile> caller(RoutingContext ctx) {
    return profiles.profile(new ProfileQuery().setId(Caller.id(ctx))).map(caller -> {
      if (caller == null) {
        throw ForumError.of(401, ForumMessages.NOT_LOGGED_IN);
      }
      return caller;
    });
  }

  private static JsonObject queryOf(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    ctx.queryParams().forEach((name, value) -> query.put(name, value));
    return query;
  }

  /** By id from {@code userID} (a number, or digits), else by {@code username}; empty when neither is given. */
  private static Optional<ProfileQuery> selector(JsonObject request) {
    Object id = request.getValue("userID");
    if (id != null) {
      long userId;
      if (id instanceof Number number && number.doubleValue() == number.longValue()) {
        userId = number.longValue();
      } else if (id instanceof String text && text.matches("\\d{1,18}")) {
        userId = Long.parseLong(text);
      } else {
        userId = 0;
      }
      if (userId < 1) {
        throw ForumError.of(400, ForumMessages.BAD_USER_ID);
      }
      return Optional.of(new ProfileQuery().setId(userId));
    }
    Object username = request.getValue("username");
    if (username instanceof String name && !name.isEmpty()) {
      return Optional.of(new ProfileQuery().setUsername(name));
    }
    return Optional.empty();
  }

  private static boolean isAdmin(Profile account) {
    return ADMIN.equals(account.getRole());
  }

  /** Public fields for everyone; email, role and creation time for the account itself and admins. */
  private static JsonObject view(Profile account, boolean full) {
    String avatarKey = account.getAvatarKey();
    JsonObject view = new JsonObject()
        .put("userID", account.getId())
        .put("username", account.getUsername())
        .put("alias", account.getAlias())
        .put("avatar", avatarKey == null ? null : AvatarRoutes.URL_PREFIX + avatarKey);
    if (full) {
      view.put("email", account.getEmail())
          .put("role", account.getRole())
          .put("created", Instant.ofEpochSecond(account.getCreated()).toString());
    }
    return view;
  }

  private static ApiError failed(String reason) {
    return ForumError.of(200, reason);
  }

  private static void ok(RoutingContext ctx, String go) {
    Responses.json(ctx, 200, new JsonObject().put("status", "ok").put("go", go));
  }
}
