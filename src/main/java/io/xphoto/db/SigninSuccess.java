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
  private AuditEvent recoveryCodeAudit;
  private boolean secondFactorChecked;
  private Long totpStep;
  private String recoveryCodeHash;

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

  /** The {@code totp_recovery_code_used} event, written with the recovery code's deletion; null when none is spent. */
  public AuditEvent getRecoveryCodeAudit() {
    return recoveryCodeAudit;
  }

  public SigninSuccess setRecoveryCodeAudit(AuditEvent recoveryCodeAudit) {
    this.recoveryCodeAudit = recoveryCodeAudit;
    return this;
  }

  /**
   * Whether the sign-in asks for the second factor when the account has TOTP on (a sign-in does; a password asked
   * for again does not): with neither {@link #getTotpStep} nor {@link #getRecoveryCodeHash}, nothing is written if
   * TOTP is on by now.
   */
  public boolean isSecondFactorChecked() {
    return secondFactorChecked;
  }

  public SigninSuccess setSecondFactorChecked(boolean secondFactorChecked) {
    this.secondFactorChecked = secondFactorChecked;
    return this;
  }

  /** The time step of the TOTP code checked, to record as the last one used; null when none. */
  public Long getTotpStep() {
    return totpStep;
  }

  public SigninSuccess setTotpStep(Long totpStep) {
    this.totpStep = totpStep;
    return this;
  }

  /** The SHA-256 (hex) of the recovery code given, to spend; null when none. */
  public String getRecoveryCodeHash() {
    return recoveryCodeHash;
  }

  public SigninSuccess setRecoveryCodeHash(String recoveryCodeHash) {
    this.recoveryCodeHash = recoveryCodeHash;
    return this;
  }
}
