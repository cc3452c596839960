package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A JWT a sign-in issued, as recorded in {@code issued_tokens}. */
@DataObject
@JsonGen(publicConverter = false)
public class IssuedToken {

  private String jti;
  private long userId;
  private long issuedAt;
  private long expiresAt;
  private String clientAddress;
  private String userAgent;

  public IssuedToken() {
  }

  public IssuedToken(JsonObject json) {
    IssuedTokenConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    IssuedTokenConverter.toJson(this, json);
    return json;
  }

  public String getJti() {
    return jti;
  }

  public IssuedToken setJti(String jti) {
    this.jti = jti;
    return this;
  }

  public long getUserId() {
    return userId;
  }

  public IssuedToken setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  /** Epoch seconds. */
  public long getIssuedAt() {
    return issuedAt;
  }

  public IssuedToken setIssuedAt(long issuedAt) {
    this.issuedAt = issuedAt;
    return this;
  }

  /** Epoch seconds. */
  public long getExpiresAt() {
    return expiresAt;
  }

  public IssuedToken setExpiresAt(long expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  /** The client's address as {@code http.trusted-proxies} decides. */
  public String getClientAddress() {
    return clientAddress;
  }

  public IssuedToken setClientAddress(String clientAddress) {
    this.clientAddress = clientAddress;
    return this;
  }

  /** The client's {@code User-Agent}, at most 256 characters; null without one. */
  public String getUserAgent() {
    return userAgent;
  }

  public IssuedToken setUserAgent(String userAgent) {
    this.userAgent = userAgent;
    return this;
  }
}
