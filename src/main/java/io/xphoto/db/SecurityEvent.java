package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** Something that happened to an account's security, as its export shows it. */
@DataObject
@JsonGen(publicConverter = false)
public class SecurityEvent {

  private String type;
  private String at;
  private String address;

  public SecurityEvent() {
  }

  public SecurityEvent(JsonObject json) {
    SecurityEventConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    SecurityEventConverter.toJson(this, json);
    return json;
  }

  /** {@code signin_failed}: a failed sign-in still counted by the throttle. */
  public String getType() {
    return type;
  }

  public SecurityEvent setType(String type) {
    this.type = type;
    return this;
  }

  /** ISO-8601 instant. */
  public String getAt() {
    return at;
  }

  public SecurityEvent setAt(String at) {
    this.at = at;
    return this;
  }

  /** The client address (an IPv6 one as its /64). */
  public String getAddress() {
    return address;
  }

  public SecurityEvent setAddress(String address) {
    this.address = address;
    return this;
  }
}
