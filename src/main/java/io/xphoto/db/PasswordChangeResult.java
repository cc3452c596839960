package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The answer of {@link AccountStore#changePassword}. */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordChangeResult {

  private boolean changed;
  private List<RevokedToken> revoked = new ArrayList<>();

  public PasswordChangeResult() {
  }

  public PasswordChangeResult(JsonObject json) {
    PasswordChangeResultConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    PasswordChangeResultConverter.toJson(this, json);
    return json;
  }

  /** False when the account is gone or its password changed since it was checked. */
  public boolean isChanged() {
    return changed;
  }

  public PasswordChangeResult setChanged(boolean changed) {
    this.changed = changed;
    return this;
  }

  /** The tokens revoked with the change, to announce to the HTTP nodes. */
  public List<RevokedToken> getRevoked() {
    return revoked;
  }

  public PasswordChangeResult setRevoked(List<RevokedToken> revoked) {
    this.revoked = revoked;
    return this;
  }
}
