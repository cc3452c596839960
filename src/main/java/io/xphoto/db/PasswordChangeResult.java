package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link AccountStore#changePassword}. */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordChangeResult {

  private boolean changed;
  private JsonArray revoked = new JsonArray();

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

  /**
   * The tokens revoked with the change, as {@link RevokedToken} JSON objects, to announce to the HTTP nodes ({@link #revokedTokens}
   * reads them). A JSON array rather than a {@code List}: codegen's converter for a list field does an
   * unchecked cast, and the build is warning-free.
   */
  public JsonArray getRevoked() {
    return revoked;
  }

  public PasswordChangeResult setRevoked(JsonArray revoked) {
    this.revoked = revoked;
    return this;
  }

  /** {@link #getRevoked} as data objects. */
  public List<RevokedToken> revokedTokens() {
    return RevokedToken.listOf(revoked);
  }
}
