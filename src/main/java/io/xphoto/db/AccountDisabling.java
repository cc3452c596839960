package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An admin's disabling or enabling of an account ({@link AdminStore#setDisabled}). */
@DataObject
@JsonGen(publicConverter = false)
public class AccountDisabling {

  private long userId;
  private boolean disabled;
  private AuditEvent audit;

  public AccountDisabling() {
  }

  public AccountDisabling(JsonObject json) {
    AccountDisablingConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountDisablingConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public AccountDisabling setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  /** True to disable, false to enable. */
  public boolean isDisabled() {
    return disabled;
  }

  public AccountDisabling setDisabled(boolean disabled) {
    this.disabled = disabled;
    return this;
  }

  /** Its event ({@code account_disabled} or {@code account_enabled}, with the acting admin), written with it. */
  public AuditEvent getAudit() {
    return audit;
  }

  public AccountDisabling setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
