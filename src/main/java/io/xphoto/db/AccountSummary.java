package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account as the admins' list shows it ({@link AdminStore#findAccounts}). */
@DataObject
@JsonGen(publicConverter = false)
public class AccountSummary {

  private long id;
  private String username;
  private String email;
  private String role;
  private String state;
  private String created;
  private String lastSignin;

  public AccountSummary() {
  }

  public AccountSummary(JsonObject json) {
    AccountSummaryConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountSummaryConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public AccountSummary setId(long id) {
    this.id = id;
    return this;
  }

  public String getUsername() {
    return username;
  }

  public AccountSummary setUsername(String username) {
    this.username = username;
    return this;
  }

  /** Null when the account has none. */
  public String getEmail() {
    return email;
  }

  public AccountSummary setEmail(String email) {
    this.email = email;
    return this;
  }

  /** {@code user} or {@code admin}. */
  public String getRole() {
    return role;
  }

  public AccountSummary setRole(String role) {
    this.role = role;
    return this;
  }

  /** {@code active}, {@code inactive} (not activated yet) or {@code disabled} (by an admin; wins over the others). */
  public String getState() {
    return state;
  }

  public AccountSummary setState(String state) {
    this.state = state;
    return this;
  }

  /** ISO-8601 instant. */
  public String getCreated() {
    return created;
  }

  public AccountSummary setCreated(String created) {
    this.created = created;
    return this;
  }

  /** ISO-8601 instant of its last sign-in (token or forum login) in the audit log; null for none within {@code audit.retention}. */
  public String getLastSignin() {
    return lastSignin;
  }

  public AccountSummary setLastSignin(String lastSignin) {
    this.lastSignin = lastSignin;
    return this;
  }
}
