package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The answer of {@link ProfileStore#updateProfile}. */
@DataObject
@JsonGen(publicConverter = false)
public class ProfileUpdate {

  private boolean updated;
  private String reason;
  private JsonArray revoked = new JsonArray();

  public ProfileUpdate() {
  }

  public ProfileUpdate(JsonObject json) {
    ProfileUpdateConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ProfileUpdateConverter.toJson(this, json);
    return json;
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

  /**
   * With a new password: the tokens revoked with it, as {@link RevokedToken} JSON objects, to announce to the HTTP nodes ({@link #revokedTokens}
   * reads them). A JSON array rather than a {@code List}: codegen's converter for a list field does an
   * unchecked cast, and the build is warning-free.
   */
  public JsonArray getRevoked() {
    return revoked;
  }

  public ProfileUpdate setRevoked(JsonArray revoked) {
    this.revoked = revoked;
    return this;
  }

  /** {@link #getRevoked} as data objects. */
  public List<RevokedToken> revokedTokens() {
    return RevokedToken.listOf(revoked);
  }
}
