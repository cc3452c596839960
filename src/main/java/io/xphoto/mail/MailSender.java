package io.xphoto.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Delivers one outbox mail ({@code recipient, subject, body}). */
interface MailSender {

  Future<Void> send(JsonObject mail);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
