package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.annotations.GenIgnore;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link ProfileStore#updateProfile}. */
@DataObject
@JsonGen(publicConverter = false)
public class ProfileUpdate {

  private boolean updated;
  private String reason;
  private List<RevokedToken> revoked = List.of();

  public ProfileUpdate() {
  }

  public ProfileUpdate(JsonObject json) {
    ProfileUpdateConverter.fromJson(json, this);
    revoked = JsonLists.objects(json.getJsonArray("revoked"), RevokedToken::new);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ProfileUpdateConverter.toJson(this, json);
    return json.put("revoked", JsonLists.of(revoked, RevokedToken::toJson));
  }

  public boolean isUpdated() {
    return updated;
  }

  public ProfileUpdate setUpdated(boolean updated) {
    this.updated = updated;
    return this;
  }

  /** When not updated: {@code missing} (no such account) or {@code email} (the email belongs to another account). */
  public String getReason() {
    return reason;
  }

  public ProfileUpdate setReason(String reason) {
    this.reason = reason;
    return this;
  }

  /** With a new password: the tokens revoked with it, to announce to the HTTP nodes. */
  @GenIgnore
  public List<RevokedToken> getRevoked() {
    return revoked;
  }

  @GenIgnore
  public ProfileUpdate setRevoked(List<RevokedToken> revoked) {
    this.revoked = revoked == null ? List.of() : revoked;
    return this;
  }
}
