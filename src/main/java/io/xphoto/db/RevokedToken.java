package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** A signed-out token, revoked until it expires. */
@DataObject
@JsonGen(publicConverter = false)
public class RevokedToken {

  private String jti;
  private long expiresAt;

  public RevokedToken() {
  }

  public RevokedToken(JsonObject json) {
    RevokedTokenConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    RevokedTokenConverter.toJson(this, json);
    return json;
  }

  public String getJti() {
    return jti;
  }

  public RevokedToken setJti(String jti) {
    this.jti = jti;
    return this;
  }

  /** Epoch seconds. */
  public long getExpiresAt() {
    return expiresAt;
  }

  public RevokedToken setExpiresAt(long expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  /** Tokens as a JSON array of their objects. */
  public static JsonArray arrayOf(List<RevokedToken> tokens) {
    JsonArray array = new JsonArray();
    tokens.forEach(token -> array.add(token.toJson()));
    return array;
  }

  /** The tokens of a JSON array of their objects. */
  public static List<RevokedToken> listOf(JsonArray array) {
    List<RevokedToken> tokens = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      tokens.add(new RevokedToken(array.getJsonObject(i)));
    }
    return tokens;
  }
}
