package io.xphoto.db;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.codegen.json.annotations.JsonGen;
import io.vertx.core.json.JsonObject;

/** A mail to queue in the outbox. */
@DataObject
@JsonGen(publicConverter = false)
public class MailContent {

  private String recipient;
  private String subject;
  private String body;

  public MailContent() {
  }

  public MailContent(JsonObject json) {
    MailContentConverter.fromJson(json, this);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    MailContentConverter.toJson(this, json);
    return json;
  }

  public String getRecipient() {
    return recipient;
  }

  public MailContent setRecipient(String recipient) {
    this.recipient = recipient;
    return this;
  }

  public String getSubject() {
    return subject;
  }

  public MailContent setSubject(String subject) {
    this.subject = subject;
    return this;
  }

  public String getBody() {
    return body;
  }

  public MailContent setBody(String body) {
    this.body = body;
    return this;
  }
}
