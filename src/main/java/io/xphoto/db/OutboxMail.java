package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A mail of the outbox, claimed for delivery ({@link MailOutbox#claimDue}). */
@DataObject
@JsonGen(publicConverter = false)
public class OutboxMail {

  private long id;
  private String recipient;
  private String subject;
  private String body;
  private int attempts;

  public OutboxMail() {
  }

  public OutboxMail(JsonObject json) {
    OutboxMailConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    OutboxMailConverter.toJson(this, json);
    return json;
  }

  public long getId() {
    return id;
  }

  public OutboxMail setId(long id) {
    this.id = id;
    return this;
  }

  public String getRecipient() {
    return recipient;
  }

  public OutboxMail setRecipient(String recipient) {
    this.recipient = recipient;
    return this;
  }

  public String getSubject() {
    return subject;
  }

  public OutboxMail setSubject(String subject) {
    this.subject = subject;
    return this;
  }

  public String getBody() {
    return body;
  }

  public OutboxMail setBody(String body) {
    this.body = body;
    return this;
  }

  /** Failed attempts so far. */
  public int getAttempts() {
    return attempts;
  }

  public OutboxMail setAttempts(int attempts) {
    this.attempts = attempts;
    return this;
  }
}
