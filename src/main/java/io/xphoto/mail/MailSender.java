package io.xphoto.mail;

import io.vertx.core.Future;
import io.xphoto.db.OutboxMail;

/** Delivers one outbox mail ({@code recipient, subject, body}). */
interface MailSender {

  Future<Void> send(OutboxMail mail);

  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
