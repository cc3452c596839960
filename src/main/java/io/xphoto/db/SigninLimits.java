package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** The throttling limits a sign-in is checked against (docs/API.md, "Sign-in throttling"). */
@DataObject
@JsonGen(publicConverter = false)
public class SigninLimits {

  private int windowSeconds;
  private int accountAddressFailures;
  private int addressFailures;
  private int accountSlowdownFailures;

  public SigninLimits() {
  }

  public SigninLimits(JsonObject json) {
    SigninLimitsConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SigninLimitsConverter.toJson(this, json);
    return json;
  }

  public int getWindowSeconds() {
    return windowSeconds;
  }

  public SigninLimits setWindowSeconds(int windowSeconds) {
    this.windowSeconds = windowSeconds;
    return this;
  }

  public int getAccountAddressFailures() {
    return accountAddressFailures;
  }

  public SigninLimits setAccountAddressFailures(int accountAddressFailures) {
    this.accountAddressFailures = accountAddressFailures;
    return this;
  }

  public int getAddressFailures() {
    return addressFailures;
  }

  public SigninLimits setAddressFailures(int addressFailures) {
    this.addressFailures = addressFailures;
    return this;
  }

  public int getAccountSlowdownFailures() {
    return accountSlowdownFailures;
  }

  public SigninLimits setAccountSlowdownFailures(int accountSlowdownFailures) {
    this.accountSlowdownFailures = accountSlowdownFailures;
    return this;
  }
}
