package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** What a sign-in needs to know before checking the password ({@link SigninFailureStore#signinState}). */
@DataObject
@JsonGen(publicConverter = false)
public class SigninState {

  private Account user;
  private String account;
  private int retryAfter;
  private boolean slowDown;
  private String totpSecret;
  private long totpLastStep;

  public SigninState() {
  }

  public SigninState(JsonObject json) {
    SigninStateConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SigninStateConverter.toJson(this, json);
    return json;
  }

  /** The matching account; null when none matches. */
  public Account getUser() {
    return user;
  }

  public SigninState setUser(Account user) {
    this.user = user;
    return this;
  }

  /** The account as failures are counted: {@code id:<n>}, or {@code name:<typed name, lower case>}. */
  public String getAccount() {
    return account;
  }

  public SigninState setAccount(String account) {
    this.account = account;
    return this;
  }

  /** Seconds until this address may try again; 0 under the limits. */
  public int getRetryAfter() {
    return retryAfter;
  }

  public SigninState setRetryAfter(int retryAfter) {
    this.retryAfter = retryAfter;
    return this;
  }

  /** The account has failed too often from all addresses together. */
  public boolean isSlowDown() {
    return slowDown;
  }

  public SigninState setSlowDown(boolean slowDown) {
    this.slowDown = slowDown;
    return this;
  }

  /** The account's TOTP secret as sealed in the database ({@code accounts.TotpSecretBox}) when TOTP is on; null otherwise. */
  public String getTotpSecret() {
    return totpSecret;
  }

  public SigninState setTotpSecret(String totpSecret) {
    this.totpSecret = totpSecret;
    return this;
  }

  /** The last time step whose TOTP code was accepted for the account (a code is accepted only for a later one). */
  public long getTotpLastStep() {
    return totpLastStep;
  }

  public SigninState setTotpLastStep(long totpLastStep) {
    this.totpLastStep = totpLastStep;
    return this;
  }
}
