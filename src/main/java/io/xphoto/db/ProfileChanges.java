package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** Changes to one account's profile; a field not flagged as changed keeps its value. */
@DataObject
@JsonGen(publicConverter = false)
public class ProfileChanges {

  private boolean aliasChanged;
  private String alias;
  private boolean emailChanged;
  private String email;
  private String passwordHash;
  private String keptJti;
  private String keptSessionHash;
  private AuditEvent audit;

  public ProfileChanges() {
  }

  public ProfileChanges(JsonObject json) {
    ProfileChangesConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ProfileChangesConverter.toJson(this, json);
    return json;
  }

  public boolean isAliasChanged() {
    return aliasChanged;
  }

  public ProfileChanges setAliasChanged(boolean aliasChanged) {
    this.aliasChanged = aliasChanged;
    return this;
  }

  /** Null clears it (when {@code aliasChanged}). */
  public String getAlias() {
    return alias;
  }

  public ProfileChanges setAlias(String alias) {
    this.alias = alias;
    return this;
  }

  public boolean isEmailChanged() {
    return emailChanged;
  }

  public ProfileChanges setEmailChanged(boolean emailChanged) {
    this.emailChanged = emailChanged;
    return this;
  }

  /** Null clears it (when {@code emailChanged}). */
  public String getEmail() {
    return email;
  }

  public ProfileChanges setEmail(String email) {
    this.email = email;
    return this;
  }

  /** Null keeps the password. */
  public String getPasswordHash() {
    return passwordHash;
  }

  public ProfileChanges setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
    return this;
  }

  /** With a new password: the caller's token, which stays valid while every other is revoked; null for none. */
  public String getKeptJti() {
    return keptJti;
  }

  public ProfileChanges setKeptJti(String keptJti) {
    this.keptJti = keptJti;
    return this;
  }

  /** With a new password: SHA-256 (hex) of the caller's forum session id, which stays; null for none. */
  public String getKeptSessionHash() {
    return keptSessionHash;
  }

  public ProfileChanges setKeptSessionHash(String keptSessionHash) {
    this.keptSessionHash = keptSessionHash;
    return this;
  }

  /**
   * The request's event, its type left unset: the update writes it as {@code password_change} for a new password
   * and as {@code email_change} for a new address (each with its account), in its transaction; null for none.
   */
  public AuditEvent getAudit() {
    return audit;
  }

  public ProfileChanges setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
