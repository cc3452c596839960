package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An account's TOTP secret and state ({@link TotpStore#totpState}). */
@DataObject
@JsonGen(publicConverter = false)
public class TotpState {

  private String sealedSecret;
  private boolean enabled;
  private long lastUsedStep;

  public TotpState() {
  }

  public TotpState(JsonObject json) {
    TotpStateConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    TotpStateConverter.toJson(this, json);
    return json;
  }

  /** The secret as sealed in the database ({@code accounts.TotpSecretBox}). */
  public String getSealedSecret() {
    return sealedSecret;
  }

  public TotpState setSealedSecret(String sealedSecret) {
    this.sealedSecret = sealedSecret;
    return this;
  }

  /** Whether TOTP is on (false: set up, waiting for its first code). */
  public boolean isEnabled() {
    return enabled;
  }

  public TotpState setEnabled(boolean enabled) {
    this.enabled = enabled;
    return this;
  }

  /** The last time step whose code was accepted. */
  public long getLastUsedStep() {
    return lastUsedStep;
  }

  public TotpState setLastUsedStep(long lastUsedStep) {
    this.lastUsedStep = lastUsedStep;
    return this;
  }
}
