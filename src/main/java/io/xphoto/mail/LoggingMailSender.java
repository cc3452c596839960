package io.xphoto.mail;

import io.vertx.core.Future;
import io.xphoto.db.OutboxMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** With no SMTP server configured, mails are written to the log so that their links can be followed. */
final class LoggingMailSender implements MailSender {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingMailSender.class);

  @Override
  public Future<Void> send(OutboxMail mail) {
    LOG.info("mail not sent (no SMTP host configured) to {}, subject \"{}\":\n{}",
        mail.getRecipient(), mail.getSubject(), mail.getBody());
    return Future.succeededFuture();
  }
}
