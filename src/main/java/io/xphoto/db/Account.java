package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account as a sign-in sees it. */
@DataObject
@JsonGen(publicConverter = false)
public class Account {

  private long id;
  private String username;
  private String email;
  private String passwordHash;
  private boolean active;
  private boolean disabled;

  public Account() {
  }

  public Account(JsonObject json) {
    AccountConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public Account setId(long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public Account setUsername(String username) {
    this.username = username;
    return this;
  }

  public String getEmail() {
    return email;
  }

  public Account setEmail(String email) {
    this.email = email;
    return this;
  }

  /** Argon2id PHC string: never logged. */
  public String getPasswordHash() {
    return passwordHash;
  }

  public Account setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
    return this;
  }

  public boolean isActive() {
    return active;
  }

  public Account setActive(boolean active) {
    this.active = active;
    return this;
  }

  /** Disabled by an admin: it cannot sign in. */
  public boolean isDisabled() {
    return disabled;
  }

  public Account setDisabled(boolean disabled) {
    this.disabled = disabled;
    return this;
  }
}
