package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** An activation key to store: its SHA-256 (hex), never the key itself. */
@DataObject
@JsonGen(publicConverter = false)
public class NewActivationKey {

  private String keyHash;
  private int ttlSeconds;

  public NewActivationKey() {
  }

  public NewActivationKey(JsonObject json) {
    NewActivationKeyConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    NewActivationKeyConverter.toJson(this, json);
    return json;
  }

  public String getKeyHash() {
    return keyHash;
  }

  public NewActivationKey setKeyHash(String keyHash) {
    this.keyHash = keyHash;
    return this;
  }

  public int getTtlSeconds() {
    return ttlSeconds;
  }

  public NewActivationKey setTtlSeconds(int ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
    return this;
  }
}
