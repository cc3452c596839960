package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account as its export shows it (no password hash). */
@DataObject
@JsonGen(publicConverter = false)
public class ExportedProfile {

  private long id;
  private String username;
  private String email;
  private String alias;
  private String role;
  private boolean active;
  private String created;
  private String avatarKey;

  public ExportedProfile() {
  }

  public ExportedProfile(JsonObject json) {
    ExportedProfileConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ExportedProfileConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public ExportedProfile setId(long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public ExportedProfile setUsername(String username) {
    this.username = username;
    return this;
  }

  /** Null for none. */
  public String getEmail() {
    return email;
  }

  public ExportedProfile setEmail(String email) {
    this.email = email;
    return this;
  }

  public String getAlias() {
    return alias;
  }

  public ExportedProfile setAlias(String alias) {
    this.alias = alias;
    return this;
  }

  /** {@code user} or {@code admin}. */
  public String getRole() {
    return role;
  }

  public ExportedProfile setRole(String role) {
    this.role = role;
    return this;
  }

  public boolean isActive() {
    return active;
  }

  public ExportedProfile setActive(boolean active) {
    this.active = active;
    return this;
  }

  /** ISO-8601 instant. */
  public String getCreated() {
    return created;
  }

  public ExportedProfile setCreated(String created) {
    this.created = created;
    return this;
  }

  /** Object key of the avatar, null without one. */
  public String getAvatarKey() {
    return avatarKey;
  }

  public ExportedProfile setAvatarKey(String avatarKey) {
    this.avatarKey = avatarKey;
    return this;
  }
}
