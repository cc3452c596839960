package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A new activation key and its mail for an inactive account ({@link AccountStore#resendActivation}). */
@DataObject
@JsonGen(publicConverter = false)
public class ActivationResend {

  private long userId;
  private NewActivationKey activation;
  private int resendIntervalSeconds;
  private MailContent mail;

  public ActivationResend() {
  }

  public ActivationResend(JsonObject json) {
    ActivationResendConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    ActivationResendConverter.toJson(this, json);
    return json;
  }

  public long getUserId() {
    return userId;
  }

  public ActivationResend setUserId(long userId) {
    this.userId = userId;
    return this;
  }

  public NewActivationKey getActivation() {
    return activation;
  }

  public ActivationResend setActivation(NewActivationKey activation) {
    this.activation = activation;
    return this;
  }

  /** No new key when one was queued within this interval. */
  public int getResendIntervalSeconds() {
    return resendIntervalSeconds;
  }

  public ActivationResend setResendIntervalSeconds(int resendIntervalSeconds) {
    this.resendIntervalSeconds = resendIntervalSeconds;
    return this;
  }

  public MailContent getMail() {
    return mail;
  }

  public ActivationResend setMail(MailContent mail) {
    this.mail = mail;
    return this;
  }
}
