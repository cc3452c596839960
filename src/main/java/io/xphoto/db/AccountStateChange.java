package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link AdminStore#setDisabled}. */
@DataObject
@JsonGen(publicConverter = false)
public class AccountStateChange {

  private boolean found;
  private boolean changed;
  private JsonArray revoked = new JsonArray();

  public AccountStateChange() {
  }

  public AccountStateChange(JsonObject json) {
    AccountStateChangeConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    AccountStateChangeConverter.toJson(this, json);
    return json;
  }

  /** False when no account has the id: nothing written. */
  public boolean isFound() {
    return found;
  }

  public AccountStateChange setFound(boolean found) {
    this.found = found;
    return this;
  }

  /** False when the account already was in that state (nothing written but the revocation). */
  public boolean isChanged() {
    return changed;
  }

  public AccountStateChange setChanged(boolean changed) {
    this.changed = changed;
    return this;
  }

  /** The tokens revoked by a disabling, as {@link RevokedToken} JSON (a JSON array: see {@link PasswordChangeResult#getRevoked}), to announce to the HTTP nodes. */
  public JsonArray getRevoked() {
    return revoked;
  }

  public AccountStateChange setRevoked(JsonArray revoked) {
    this.revoked = revoked;
    return this;
  }

  /** {@link #getRevoked} as data objects. */
  public List<RevokedToken> revokedTokens() {
    return RevokedToken.listOf(revoked);
  }
}
