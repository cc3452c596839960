package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A requested email change and its two mails ({@link AccountRecoveryStore#requestEmailChange}). */
@DataObject
@JsonGen(publicConverter = false)
public class EmailChangeRequest {

  private long userId;
  private String newEmail;
  private String keyHash;
  private int ttlSeconds;
  private MailContent confirmation;
  private MailContent notice;

  public EmailChangeRequest() {
  }

  public EmailChangeRequest(JsonObject json) {
    EmailChangeRequestConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    EmailChangeRequestConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public EmailChangeRequest setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  public String getNewEmail() {
    return newEmail;
  }

  public EmailChangeRequest setNewEmail(String newEmail) {
    this.newEmail = newEmail;
    return this;
  }

  /** The SHA-256 (hex) of the key the confirmation mail holds. */
  public String getKeyHash() {
    return keyHash;
  }

  public EmailChangeRequest setKeyHash(String keyHash) {
    this.keyHash = keyHash;
    return this;
  }

  /** How long the key is valid. */
  public int getTtlSeconds() {
    return ttlSeconds;
  }

  public EmailChangeRequest setTtlSeconds(int ttlSeconds) {
    this.ttlSeconds = ttlSeconds;
    return this;
  }

  /** The mail with the confirmation link, to the new address. */
  public MailContent getConfirmation() {
    return confirmation;
  }

  public EmailChangeRequest setConfirmation(MailContent confirmation) {
    this.confirmation = confirmation;
    return this;
  }

  /** The notice without a link to the old address; null when the account has none. */
  public MailContent getNotice() {
    return notice;
  }

  public EmailChangeRequest setNotice(MailContent notice) {
    this.notice = notice;
    return this;
  }
}
