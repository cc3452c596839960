package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account to create ({@link AccountStore#createUser}), with its activation key and mail if it is not active yet. */
@DataObject
@JsonGen(publicConverter = false)
public class NewAccount {

  private String username;
  private String email;
  private String passwordHash;
  private String alias;
  private boolean active;
  private NewActivationKey activation;
  private MailContent mail;
  private AuditEvent audit;

  public NewAccount() {
  }

  public NewAccount(JsonObject json) {
    NewAccountConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    NewAccountConverter.toJson(this, json);
    return json;
  }

  public String getUsername() {
    return username;
  }

  public NewAccount setUsername(String username) {
    this.username = username;
    return this;
  }

  /** Null when the account has none (forum accounts). */
  public String getEmail() {
    return email;
  }

  public NewAccount setEmail(String email) {
    this.email = email;
    return this;
  }

  /** Argon2id PHC string. */
  public String getPasswordHash() {
    return passwordHash;
  }

  public NewAccount setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
    return this;
  }

  public String getAlias() {
    return alias;
  }

  public NewAccount setAlias(String alias) {
    this.alias = alias;
    return this;
  }

  public boolean isActive() {
    return active;
  }

  public NewAccount setActive(boolean active) {
    this.active = active;
    return this;
  }

  /** Null for an account created active. */
  public NewActivationKey getActivation() {
    return activation;
  }

  public NewAccount setActivation(NewActivationKey activation) {
    this.activation = activation;
    return this;
  }

  /** Null for no mail; queued in the account's transaction. */
  public MailContent getMail() {
    return mail;
  }

  public NewAccount setMail(MailContent mail) {
    this.mail = mail;
    return this;
  }

  /** The {@code signup} event, written with the account (its id set then); null for none. */
  public AuditEvent getAudit() {
    return audit;
  }

  public NewAccount setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
