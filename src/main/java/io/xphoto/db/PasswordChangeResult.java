package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link AccountStore#changePassword}. */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordChangeResult {

  private boolean changed;
  private List<RevokedToken> revoked = List.of();

  public PasswordChangeResult() {
  }

  public PasswordChangeResult(JsonObject json) {
    PasswordChangeResultConverter.fromJson(json, this);
    revoked = JsonLists.objects(json.getJsonArray("revoked"), RevokedToken::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    PasswordChangeResultConverter.toJson(this, json);
    return json.put("revoked", JsonLists.of(revoked, RevokedToken::toJson));
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
  @GenIgnore
  public List<RevokedToken> getRevoked() {
    return revoked;
  }

  @GenIgnore
  public PasswordChangeResult setRevoked(List<RevokedToken> revoked) {
    this.revoked = revoked == null ? List.of() : revoked;
    return this;
  }
}
