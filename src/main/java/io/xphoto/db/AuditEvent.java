package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/**
 * One security event of the audit log ({@code audit_events}): what happened, to which account, done by whom,
 * from which client address, in which request. Never anything secret (no password, key, token or jti):
 * {@link #getDetails} holds only names such as a role. Recorded by {@link PgAuditLog#recordIn} inside the
 * transaction of the change it records, or by {@link AuditLog#record} when nothing else is written.
 */
@DataObject
@JsonGen(publicConverter = false)
public class AuditEvent {

  public static final String SIGNUP = "signup";
  public static final String ACTIVATION = "activation";
  public static final String SIGNIN_OK = "signin_ok";
  public static final String SIGNIN_FAILED = "signin_failed";
  public static final String SIGNIN_THROTTLED = "signin_throttled";
  public static final String SIGNOUT = "signout";
  public static final String SIGNOUT_ALL = "signout_all";
  public static final String PASSWORD_CHANGE = "password_change";
  public static final String PASSWORD_RESET = "password_reset";
  public static final String EMAIL_CHANGE = "email_change";
  public static final String ACCOUNT_DELETED = "account_deleted";
  public static final String ACCOUNT_DISABLED = "account_disabled";
  public static final String ACCOUNT_ENABLED = "account_enabled";
  public static final String ROLE_CHANGE = "role_change";
  /** An admin signed an account out everywhere ({@code POST /admin/users/{id}/signout}). */
  public static final String ADMIN_SIGNOUT = "admin_signout";
  /** TOTP turned on ({@code POST /totp/enable}). */
  public static final String TOTP_ENABLED = "totp_enabled";
  /** TOTP turned off ({@code POST /totp/disable}). */
  public static final String TOTP_DISABLED = "totp_disabled";
  /** A recovery code spent (a sign-in or {@code /totp/disable}); which one is not recorded. */
  public static final String TOTP_RECOVERY_CODE_USED = "totp_recovery_code_used";

  private long id;
  private String type;
  private String at;
  private Long userId;
  private Long actorId;
  private String address;
  private String requestId;
  private JsonObject details;

  public AuditEvent() {
  }

  public AuditEvent(JsonObject json) {
    AuditEventConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AuditEventConverter.toJson(this, json);
    return json;
  }

  /** A copy of this event with another type (the same request, address and actor). */
  public AuditEvent as(String otherType) {
    return new AuditEvent(toJson()).setType(otherType);
  }

  /** Its row's id, when read. */
  public long getId() {
    return id;
  }

  public AuditEvent setId(long id) {
    this.id = id;
    return this;
  }

  /** One of the constants of this class. */
  public String getType() {
    return type;
  }

  public AuditEvent setType(String type) {
    this.type = type;
    return this;
  }

  /** ISO-8601 instant, when read (the database's clock when written). */
  public String getAt() {
    return at;
  }

  public AuditEvent setAt(String at) {
    this.at = at;
    return this;
  }

  /** The account it happened to; null for a failed sign-in naming no account. */
  public Long getUserId() {
    return userId;
  }

  public AuditEvent setUserId(Long userId) {
    this.userId = userId;
    return this;
  }

  /** The admin who did it, for admin actions; null when the account's owner (or the command line) did. */
  public Long getActorId() {
    return actorId;
  }

  public AuditEvent setActorId(Long actorId) {
    this.actorId = actorId;
    return this;
  }

  /** The client's address as {@code http.trusted-proxies} decides it; null from the command line. */
  public String getAddress() {
    return address;
  }

  public AuditEvent setAddress(String address) {
    this.address = address;
    return this;
  }

  /** The request's {@code X-Request-Id}; null from the command line. */
  public String getRequestId() {
    return requestId;
  }

  public AuditEvent setRequestId(String requestId) {
    this.requestId = requestId;
    return this;
  }

  /** Names only, never a secret: {@code {"role": "admin"}}, {@code {"via": "command"}}; null for none. */
  public JsonObject getDetails() {
    return details;
  }

  public AuditEvent setDetails(JsonObject details) {
    this.details = details;
    return this;
  }
}
