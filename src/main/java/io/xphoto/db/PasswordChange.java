package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A new password for {@link AccountStore#changePassword}, written only over the hash that was checked. */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordChange {

  private long userId;
  private String checkedHash;
  private String passwordHash;
  private String keptJti;
  private String keptSessionHash;
  private AuditEvent audit;

  public PasswordChange() {
  }

  public PasswordChange(JsonObject json) {
    PasswordChangeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    PasswordChangeConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public PasswordChange setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  /** The hash the old password was checked against: the change is refused when it is no longer the account's. */
  public String getCheckedHash() {
    return checkedHash;
  }

  public PasswordChange setCheckedHash(String checkedHash) {
    this.checkedHash = checkedHash;
    return this;
  }

  /** The new hash. */
  public String getPasswordHash() {
    return passwordHash;
  }

  public PasswordChange setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
    return this;
  }

  /** The calling token, which stays valid; null for none. */
  public String getKeptJti() {
    return keptJti;
  }

  public PasswordChange setKeptJti(String keptJti) {
    this.keptJti = keptJti;
    return this;
  }

  /** The SHA-256 (hex) of the calling forum session's id, which stays; null for none. */
  public String getKeptSessionHash() {
    return keptSessionHash;
  }

  public PasswordChange setKeptSessionHash(String keptSessionHash) {
    this.keptSessionHash = keptSessionHash;
    return this;
  }

  /** The {@code password_change} event, written with the new hash; null for none. */
  public AuditEvent getAudit() {
    return audit;
  }

  public PasswordChange setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
