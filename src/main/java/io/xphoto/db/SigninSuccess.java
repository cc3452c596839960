package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A right password, for {@link SigninFailureStore#signedIn}. */
@DataObject
@JsonGen(publicConverter = false)
public class SigninSuccess {

  private String account;
  private String address;
  private long userId;
  private String checkedHash;
  private IssuedToken token;
  private AuditEvent audit;

  public SigninSuccess() {
  }

  public SigninSuccess(JsonObject json) {
    SigninSuccessConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SigninSuccessConverter.toJson(this, json);
    return json;
  }

  /** The account as failures are counted ({@link SigninState#getAccount}). */
  public String getAccount() {
    return account;
  }

  public SigninSuccess setAccount(String account) {
    this.account = account;
    return this;
  }

  /** The client's address as counted. */
  public String getAddress() {
    return address;
  }

  public SigninSuccess setAddress(String address) {
    this.address = address;
    return this;
  }

  public long getUserId() {
    return userId;
  }

  public SigninSuccess setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  /** The password hash the password was checked against. */
  public String getCheckedHash() {
    return checkedHash;
  }

  public SigninSuccess setCheckedHash(String checkedHash) {
    this.checkedHash = checkedHash;
    return this;
  }

  /** The token to record, or null for none (a forum login, an inactive account, a password check). */
  public IssuedToken getToken() {
    return token;
  }

  public SigninSuccess setToken(IssuedToken token) {
    this.token = token;
    return this;
  }

  /** The sign-in's audit event, written with it; null for a password asked again (no sign-in). */
  public AuditEvent getAudit() {
    return audit;
  }

  public SigninSuccess setAudit(AuditEvent audit) {
    this.audit = audit;
    return this;
  }
}
