package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The answer of {@link AccountStore#createUser}. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountCreation {

  private boolean created;
  private Long id;

  public AccountCreation() {
  }

  public AccountCreation(JsonObject json) {
    AccountCreationConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountCreationConverter.toJson(this, json);
    return json;
  }

  /** False when the username or the email is taken (case-insensitively). */
  public boolean isCreated() {
    return created;
  }

  public AccountCreation setCreated(boolean created) {
    this.created = created;
    return this;
  }

  /** The new account's id; null when not created. */
  public Long getId() {
    return id;
  }

  public AccountCreation setId(Long id) {
    this.id = id;
    return this;
  }
}
