package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A change of an account's role ({@link AdminStore#setRole}): by id (the admin API) or by username (the command line). */
@DataObject
@JsonGen(publicConverter = false)
public class RoleChange {

  private Long userId;
  private String username;
  private String role;
  private AuditEvent audit;

  public RoleChange() {
  }

  public RoleChange(JsonObject json) {
    RoleChangeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    RoleChangeConverter.toJson(this, json);
    return json;
  }

  /** The account's id; null to name it by {@link #getUsername}. */
  public Long getUserId() {
    return userId;
  }

  public RoleChange setUserId(Long userId) {
    this.userId = userId;
    return this;
  }

  /** The account's username (case-insensitive), when no id is given. */
  public String getUsername() {
    return username;
  }

  public RoleChange setUsername(String username) {
    this.username = username;
    return this;
  }

  /** {@code admin} or {@code user}. */
  public String getRole() {
    return role;
  }

  public RoleChange setRole(String role) {
    this.role = role;
    return this;
  }

  /** Its {@code role_change} event (its account set when written; the role is put in its details). */
  public AuditEvent getAudit() {
    return audit;
  }

  public RoleChange setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
