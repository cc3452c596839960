package io.xphoto.mail;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.xphoto.config.Settings;
import io.xphoto.db.MailOutbox;
import io.xphoto.db.OutboxMail;
import io.xphoto.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Delivers the mail outbox: at start, whenever the DB verticle announces a queued mail, and every
 * {@code mail.poll} for retries. A failed mail is retried with exponential back-off, so nothing is lost
 * while the SMTP server is down.
 */
public final class MailVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MailVerticle.class);
  private static final int BATCH = 20;
  private static final int LEASE_SECONDS = 120;

  private MailOutbox outbox;
  private MailSender sender;
  private Metrics metrics;
  private Duration retryMin;
  private Duration retryMax;
  private boolean draining;
  private boolean drainAgain;

  @Override
  public Future<?> start() {
    Settings settings = Settings.fromJson(config());
    outbox = MailOutbox.proxy(vertx);
    metrics = Metrics.of(vertx);
    sender = settings.string("smtp.host").isEmpty() ? new LoggingMailSender() : new SmtpMailSender(vertx, settings);
    retryMin = settings.duration("mail.retry-min");
    retryMax = settings.duration("mail.retry-max");
    vertx.setPeriodic(settings.duration("mail.poll").toMillis(), id -> {
      drain();
      measureLag();
    });
    drain();
    return vertx.eventBus().consumer(MailOutbox.QUEUED, message -> drain()).completion();
  }

  @Override
  public Future<?> stop() {
    return sender.close();
  }

  private void drain() {
    if (draining) {
      drainAgain = true;
      return;
    }
    draining = true;
    drainAgain = false;
    outbox.claimDue(BATCH, LEASE_SECONDS)
        .compose(mails -> Future.join(mails.stream().map(this::deliver).toList()).map(mails))
        .onComplete(result -> {
          draining = false;
          if (result.failed()) {
            LOG.warn("cannot read the mail outbox: {}", result.cause().getMessage());
          } else if (drainAgain || result.result().size() == BATCH) {
            drain();
          }
        });
  }

  private Future<Void> deliver(OutboxMail mail) {
    long id = mail.getId();
    return sender.send(mail)
        .compose(sent -> {
          metrics.mailSent();
          return outbox.markSent(id);
        }, failure -> {
          metrics.mailFailed();
          int retryIn = retryDelaySeconds(mail.getAttempts());
          LOG.warn("mail {} to {} failed (attempt {}), retry in {} s: {}", id, mail.getRecipient(),
              mail.getAttempts() + 1, retryIn, failure.getMessage());
          return outbox.markFailed(id, String.valueOf(failure.getMessage()), retryIn);
        });
  }

  /** The outbox's oldest unsent mail, for the metrics: one small indexed query per poll. */
  private void measureLag() {
    if (metrics.enabled()) {
      outbox.oldestUnsentSeconds().onSuccess(metrics::oldestUnsentMail);
    }
  }

  private int retryDelaySeconds(int attempts) {
    long delay = retryMin.toSeconds() << Math.min(attempts, 20);
    return (int) Math.max(1, Math.min(delay, retryMax.toSeconds()));
  }

}
