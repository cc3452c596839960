package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A request for a password reset mail ({@link AccountRecoveryStore#requestPasswordReset}). */
@DataObject
@JsonGen(publicConverter = false)
public class PasswordResetRequest {

  private String identifier;
  private String keyHash;
  private int ttlSeconds;
  private int intervalSeconds;
  private MailContent mail;

  public PasswordResetRequest() {
  }

  public PasswordResetRequest(JsonObject json) {
    PasswordResetRequestConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    PasswordResetRequestConverter.toJson(this, json);
    return json;
  }

  /** A username or an email, as typed. */
  public String getIdentifier() {
    return identifier;
  }

  public PasswordResetRequest setIdentifier(String identifier) {
    this.identifier = identifier;
    return this;
  }

  /** The SHA-256 (hex) of the key the mail holds, never the key itself. */
  public String getKeyHash() {
    return keyHash;
  }

  public PasswordResetRequest setKeyHash(String keyHash) {
    this.keyHash = keyHash;
    return this;
  }

  /** How long the key is valid. */
  public int getTtlSeconds() {
    return ttlSeconds;
  }

  public PasswordResetRequest setTtlSeconds(int ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
    return this;
  }

  /** No mail when the account was sent one within this interval. */
  public int getIntervalSeconds() {
    return intervalSeconds;
  }

  public PasswordResetRequest setIntervalSeconds(int intervalSeconds) {
    this.intervalSeconds = intervalSeconds;
    return this;
  }

  /** The mail; its recipient is the account's email, and {@link AccountRecoveryStore#USERNAME} in its body becomes the account's username. */
  public MailContent getMail() {
    return mail;
  }

  public PasswordResetRequest setMail(MailContent mail) {
    this.mail = mail;
    return this;
  }
}
