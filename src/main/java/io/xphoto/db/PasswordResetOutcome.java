package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link AccountRecoveryStore#resetPassword}. */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordResetOutcome {

  private boolean reset;
  private List<RevokedToken> revoked = List.of();

  public PasswordResetOutcome() {
  }

  public PasswordResetOutcome(JsonObject json) {
    PasswordResetOutcomeConverter.fromJson(json, this);
    revoked = JsonLists.objects(json.getJsonArray("revoked"), RevokedToken::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    PasswordResetOutcomeConverter.toJson(this, json);
    return json.put("revoked", JsonLists.of(revoked, RevokedToken::toJson));
  }

  /** Whether the key was valid and the password is set. */
  public boolean isReset() {
    return reset;
  }

  public PasswordResetOutcome setReset(boolean reset) {
    this.reset = reset;
    return this;
  }

  /** The account's tokens revoked by the reset, to announce to the HTTP nodes. */
  @GenIgnore
  public List<RevokedToken> getRevoked() {
    return revoked;
  }

  @GenIgnore
  public PasswordResetOutcome setRevoked(List<RevokedToken> revoked) {
    this.revoked = revoked == null ? List.of() : revoked;
    return this;
  }
}
