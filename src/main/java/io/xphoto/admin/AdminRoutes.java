package io.xphoto.admin;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.AccountDisabling;
import io.xphoto.db.AccountSearch;
import io.xphoto.db.AccountSummary;
import io.xphoto.db.AdminStore;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.AuditLog;
import io.xphoto.db.AuditQuery;
import io.xphoto.db.RoleChange;
import io.xphoto.web.ApiError;
import io.xphoto.web.Audit;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.JsonBody;
import io.xphoto.web.Responses;
import io.xphoto.web.RevokedTokens;
import io.xphoto.web.SameOrigin;
import io.xphoto.web.SessionOrBearerAuth;
import io.xphoto.web.WebMessages;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code /admin/users...} and {@code /admin/audit} (see {@link io.xphoto.admin}). Every route passes the forum's
 * session handler (a forum login is read from its cookie), then one authentication (a Bearer token, else the
 * forum session; 401), then {@link #adminsOnly} (403), whose role is read afresh from the database on each
 * request: a role revoked or an account disabled takes effect at once.
 */
public final class AdminRoutes {

  /** The operations of {@code openapi.yaml} these routes answer. */
  public static final Set<String> OPERATIONS = Set.of("adminUsers", "adminDisableUser", "adminEnableUser",
      "adminSignoutUser", "adminSetRole", "adminAudit");
  static final int DEFAULT_SIZE = 20;
  static final int MAX_SIZE = 100;
  /** Events per page of {@code GET /admin/audit}. */
  static final int AUDIT_PAGE = 50;
  private static final String ADMIN = "admin";
  private static final Set<String> ROLES = Set.of(ADMIN, "user");
  private static final Set<String> EVENT_TYPES = Set.of(AuditEvent.SIGNUP, AuditEvent.ACTIVATION,
      AuditEvent.SIGNIN_OK, AuditEvent.SIGNIN_FAILED, AuditEvent.SIGNIN_THROTTLED, AuditEvent.SIGNOUT,
      AuditEvent.SIGNOUT_ALL, AuditEvent.PASSWORD_CHANGE, AuditEvent.PASSWORD_RESET, AuditEvent.EMAIL_CHANGE,
      AuditEvent.ACCOUNT_DELETED, AuditEvent.ACCOUNT_DISABLED, AuditEvent.ACCOUNT_ENABLED, AuditEvent.ROLE_CHANGE,
      AuditEvent.ADMIN_SIGNOUT, AuditEvent.TOTP_ENABLED, AuditEvent.TOTP_DISABLED, AuditEvent.TOTP_RECOVERY_CODE_USED);

  private final AdminStore store;
  private final AuditLog log;
  private final RevokedTokens revoked;
  private final Audit audit;
  private final SameOrigin sameOrigin;

  public AdminRoutes(AdminStore store, AuditLog log, RevokedTokens revoked, Audit audit, SameOrigin sameOrigin) {
    this.store = store;
    this.log = log;
    this.revoked = revoked;
    this.audit = audit;
    this.sameOrigin = sameOrigin;
  }

  /**
   * @param sessions the forum's session handler (its cookie and database store), so that a forum login is an
   *                 admin's way in too
   */
  public void mount(ContractRoutes routes, Handler<RoutingContext> sessions, Handler<RoutingContext> jsonBody,
                    BearerAuth bearer) {
    SessionOrBearerAuth auth = new SessionOrBearerAuth(bearer,
        () -> BearerAuth.challenging(ApiError.of(401, WebMessages.UNAUTHORIZED)));
    routes.handle("adminUsers", sessions, auth, this::adminsOnly, this::users)
        .handle("adminDisableUser", sessions, auth, this::sameSite, this::adminsOnly, ctx -> setDisabled(ctx, true))
        .handle("adminEnableUser", sessions, auth, this::sameSite, this::adminsOnly, ctx -> setDisabled(ctx, false))
        .handle("adminSignoutUser", sessions, auth, this::sameSite, this::adminsOnly, this::signout)
        .handle("adminSetRole", sessions, jsonBody, auth, this::sameSite, this::adminsOnly, this::setRole)
        .handle("adminAudit", sessions, auth, this::adminsOnly, this::auditLog);
  }

  /** 403 unless the caller's account (read now) has the admin role and is not disabled; 401 when it is gone. */
  private void adminsOnly(RoutingContext ctx) {
    store.account(Caller.id(ctx))
        .onSuccess(caller -> {
          if (caller == null) {
            ctx.fail(BearerAuth.challenging(ApiError.of(401, WebMessages.UNAUTHORIZED)));
          } else if (!ADMIN.equals(caller.getRole()) || "disabled".equals(caller.getState())) {
            ctx.fail(ApiError.of(403, AdminMessages.FORBIDDEN));
          } else {
            ctx.next();
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * A change asked with a forum session cookie must come from this site: a browser sends {@code Origin} with a
   * POST, and another site's origin is refused (the cookie is {@code SameSite=Lax} too). A Bearer token is never
   * sent by a browser on its own, so its requests need no such check.
   */
  private void sameSite(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (BearerAuth.token(ctx.request()) == null && origin != null
        && !sameOrigin.allows(origin, ctx.request().getHeader("Host"))) {
      ctx.fail(ApiError.of(403, AdminMessages.CROSS_SITE));
      return;
    }
    ctx.next();
  }

  private void users(RoutingContext ctx) {
    String prefix = ctx.request().getParam("q", "").trim();
    int page = positive(ctx.request().getParam("page"), 1, Integer.MAX_VALUE / MAX_SIZE);
    int size = positive(ctx.request().getParam("size"), DEFAULT_SIZE, MAX_SIZE);
    store.findAccounts(new AccountSearch().setPrefix(prefix).setOffset((long) (page - 1) * size)
            .setLimit(size + 1))
        .onSuccess(found -> Responses.json(ctx, 200, new JsonObject()
            .put("users", new JsonArray(found.stream().limit(size).map(AdminRoutes::view).toList()))
            .put("page", page)
            .put("size", size)
            .put("more", found.size() > size)))
        .onFailure(ctx::fail);
  }

  /**
   * Disabling: one transaction marks the account and revokes every token and forum session of it; every HTTP node
   * has learnt the revoked tokens before the answer ({@link RevokedTokens#announce}).
   */
  private void setDisabled(RoutingContext ctx, boolean disabled) {
    long userId = userId(ctx);
    if (disabled && userId == Caller.id(ctx)) {
      throw ApiError.of(422, AdminMessages.NOT_YOURSELF);
    }
    AuditEvent event = audit.adminEvent(ctx, disabled ? AuditEvent.ACCOUNT_DISABLED : AuditEvent.ACCOUNT_ENABLED, userId);
    store.setDisabled(new AccountDisabling().setUserId(userId).setDisabled(disabled).setAudit(event))
        .compose(change -> change.isFound()
            ? revoked.announce(change.revokedTokens())
            : Future.failedFuture(ApiError.of(404, AdminMessages.NO_SUCH_USER)))
        .onSuccess(v -> success(ctx, disabled ? AdminMessages.DISABLED : AdminMessages.ENABLED))
        .onFailure(ctx::fail);
  }

  private void signout(RoutingContext ctx) {
    long userId = userId(ctx);
    store.account(userId)
        .compose(account -> account == null
            ? Future.failedFuture(ApiError.of(404, AdminMessages.NO_SUCH_USER))
            : revoked.revokeAccount(userId, null, null, audit.adminEvent(ctx, AuditEvent.ADMIN_SIGNOUT, userId)))
        .onSuccess(v -> success(ctx, AdminMessages.SIGNED_OUT))
        .onFailure(ctx::fail);
  }

  /** The same change as {@code ./run.sh admin grant|revoke} ({@link AdminStore#setRole}). */
  private void setRole(RoutingContext ctx) {
    long userId = userId(ctx);
    Object role = JsonBody.object(ctx).getValue("role");
    if (!(role instanceof String name) || !ROLES.contains(name)) {
      throw ApiError.of(422, AdminMessages.BAD_ROLE);
    }
    store.setRole(new RoleChange().setUserId(userId).setRole(name)
            .setAudit(audit.adminEvent(ctx, AuditEvent.ROLE_CHANGE, userId)))
        .onSuccess(found -> {
          if (found) {
            success(ctx, AdminMessages.ROLE_SET);
          } else {
            ctx.fail(ApiError.of(404, AdminMessages.NO_SUCH_USER));
          }
        })
        .onFailure(ctx::fail);
  }

  private void auditLog(RoutingContext ctx) {
    String user = ctx.request().getParam("user");
    String type = ctx.request().getParam("type");
    String since = ctx.request().getParam("since");
    int page = positive(ctx.request().getParam("page"), 1, Integer.MAX_VALUE / AUDIT_PAGE);
    AuditQuery query = new AuditQuery().setOffset((long) (page - 1) * AUDIT_PAGE).setLimit(AUDIT_PAGE + 1);
    if (user != null && !user.isEmpty()) {
      query.setUserId(id(user));
    }
    if (type != null && !type.isEmpty()) {
      if (!EVENT_TYPES.contains(type)) {
        throw ApiError.of(422, AdminMessages.BAD_TYPE);
      }
      query.setType(type);
    }
    if (since != null && !since.isEmpty()) {
      try {
        query.setSince(Instant.parse(since).toString());
      } catch (DateTimeParseException e) {
        throw ApiError.of(422, AdminMessages.BAD_SINCE);
      }
    }
    log.search(query)
        .onSuccess(events -> Responses.json(ctx, 200, new JsonObject()
            .put("events", new JsonArray(events.stream().limit(AUDIT_PAGE).map(AdminRoutes::view).toList()))
            .put("page", page)
            .put("more", events.size() > AUDIT_PAGE)))
        .onFailure(ctx::fail);
  }

  private static long userId(RoutingContext ctx) {
    return id(ctx.pathParam("id"));
  }

  private static long id(String text) {
    if (text == null || !text.matches("[1-9]\\d{0,17}")) {
      throw ApiError.of(422, AdminMessages.BAD_USER_ID);
    }
    return Long.parseLong(text);
  }

  /** A positive integer parameter up to {@code max}; {@code absent} when it is not given. */
  private static int positive(String text, int absent, int max) {
    if (text == null || text.isEmpty()) {
      return absent;
    }
    if (!text.matches("[1-9]\\d{0,8}") || Integer.parseInt(text) > max) {
      throw ApiError.of(422, AdminMessages.BAD_PAGE);
    }
    return Integer.parseInt(text);
  }

  private static void success(RoutingContext ctx, String message) {
    Responses.json(ctx, 200, new JsonObject().put("success", message));
  }

  static JsonObject view(AccountSummary account) {
    return new JsonObject()
        .put("id", account.getId())
        .put("username", account.getUsername())
        .put("email", account.getEmail())
        .put("role", account.getRole())
        .put("state", account.getState())
        .put("created", account.getCreated())
        .put("lastSignin", account.getLastSignin());
  }

  static JsonObject view(AuditEvent event) {
    return new JsonObject()
        .put("id", event.getId())
        .put("type", event.getType())
        .put("at", event.getAt())
        .put("userId", event.getUserId())
        .put("actorId", event.getActorId())
        .put("address", event.getAddress())
        .put("requestId", event.getRequestId())
        .put("details", event.getDetails());
  }
}
