package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A sign-in of an account as its export shows it: never a token, a jti or a session id. */
@DataObject
@JsonGen(publicConverter = false)
public class ExportedSession {

  private String kind;
  private String created;
  private String expires;
  private String lastAccess;
  private String address;
  private String userAgent;

  public ExportedSession() {
  }

  public ExportedSession(JsonObject json) {
    ExportedSessionConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ExportedSessionConverter.toJson(this, json);
    return json;
  }

  /** {@code token} (a JWT issued by a sign-in) or {@code forum} (a forum session). */
  public String getKind() {
    return kind;
  }

  public ExportedSession setKind(String kind) {
    this.kind = kind;
    return this;
  }

  /** ISO-8601 instant: when the token was issued or the session made; null when not recorded. */
  public String getCreated() {
    return created;
  }

  public ExportedSession setCreated(String created) {
    this.created = created;
    return this;
  }

  /** ISO-8601 instant. */
  public String getExpires() {
    return expires;
  }

  public ExportedSession setExpires(String expires) {
    this.expires = expires;
    return this;
  }

  /** ISO-8601 instant of a forum session's last request; null for a token. */
  public String getLastAccess() {
    return lastAccess;
  }

  public ExportedSession setLastAccess(String lastAccess) {
    this.lastAccess = lastAccess;
    return this;
  }

  /** The client address it was issued to; null when not recorded. */
  public String getAddress() {
    return address;
  }

  public ExportedSession setAddress(String address) {
    this.address = address;
    return this;
  }

  /** The client's User-Agent; null when not recorded. */
  public String getUserAgent() {
    return userAgent;
  }

  public ExportedSession setUserAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }
}
