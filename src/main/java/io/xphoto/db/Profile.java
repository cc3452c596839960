package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account as the forum's profile endpoints see it. */
@DataObject
@JsonGen(publicConverter = false)
public class Profile {

  private long id;
  private String username;
  private String email;
  private String alias;
  private String role;
  private String avatarKey;
  private long created;
  private String passwordHash;

  public Profile() {
  }

  public Profile(JsonObject json) {
    ProfileConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ProfileConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public Profile setId(long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public Profile setUsername(String username) {
    this.username = username;
    return this;
  }

  public String getEmail() {
    return email;
  }

  public Profile setEmail(String email) {
    this.email = email;
    return this;
  }

  public String getAlias() {
    return alias;
  }

  public Profile setAlias(String alias) {
    this.alias = alias;
    return this;
  }

  /** {@code user} or {@code admin}. */
  public String getRole() {
    return role;
  }

  public Profile setRole(String role) {
    this.role = role;
    return this;
  }

  /** Object key of the current avatar; null without one. */
  public String getAvatarKey() {
    return avatarKey;
  }

  public Profile setAvatarKey(String avatarKey) {
    this.avatarKey = avatarKey;
    return this;
  }

  /** Epoch seconds. */
  public long getCreated() {
    return created;
  }

  public Profile setCreated(long created) {
    this.created = created;
    return this;
  }

  /** Argon2id PHC string: never logged. */
  public String getPasswordHash() {
    return passwordHash;
  }

  public Profile setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
    return this;
  }
}
