package io.xphoto.mail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import io.xphoto.config.Settings;

import io.xphoto.db.OutboxMail;
import java.util.Locale;

final class SmtpMailSender implements MailSender {

  private final MailClient client;
  private final String from;

  SmtpMailSender(Vertx vertx, Settings settings) {
    this.client = MailClient.create(vertx, config(settings));
    this.from = settings.string("mail.from");
  }

  @Override
  public Future<Void> send(OutboxMail mail) {
    return client.sendMail(new MailMessage()
            .setFrom(from)
            .setTo(mail.getRecipient())
            .setSubject(mail.getSubject())
            .setText(mail.getBody()))
        .mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static MailConfig config(Settings settings) {
    MailConfig config = new MailConfig()
        .setHostname(settings.string("smtp.host"))
        .setPort(settings.integer("smtp.port"));
    String tls = settings.string("smtp.tls").toLowerCase(Locale.ROOT);
    switch (tls) {
      case "none" -> config.setStarttls(StartTLSOptions.DISABLED);
      case "starttls" -> config.setStarttls(StartTLSOptions.OPTIONAL);
      case "required" -> config.setStarttls(StartTLSOptions.REQUIRED);
      case "tls" -> config.setSsl(true).setStarttls(StartTLSOptions.DISABLED);
      default -> throw new IllegalArgumentException(
          "setting smtp.tls (XPHOTO_SMTP_TLS) must be none, starttls, required or tls, not '" + tls + "'");
    }
    if (!settings.string("smtp.user").isEmpty()) {
      config.setUsername(settings.string("smtp.user"))
          .setPassword(settings.string("smtp.password"))
          .setLogin(LoginOption.REQUIRED);
    } else {
      config.setLogin(LoginOption.DISABLED);
    }
    return config;
  }
}
