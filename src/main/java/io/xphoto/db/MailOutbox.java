package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;


/**
 * The mail outbox, served by the DB verticle on {@link #ADDRESS}. Mails are written by {@link AccountStore}
 * in the transaction that causes them; whenever it commits one, the DB verticle publishes on
 * {@link #QUEUED} so that a mail verticle delivers it at once.
 */
@ProxyGen
public interface MailOutbox {

  String ADDRESS = "xphoto.db.outbox";
  String QUEUED = "xphoto.outbox.queued";

  static MailOutbox proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(MailOutbox.class);
  }

  /**
   * Takes up to {@code limit} due mails and hides them from other callers for {@code leaseSeconds}, so
   * that several mail verticles never send the same mail at once.
   *
   * @return {@code [{id, recipient, subject, body, attempts}]}
   */
  Future<List<OutboxMail>> claimDue(int limit, int leaseSeconds);

  Future<Void> markSent(long id);

  Future<Void> markFailed(long id, String error, int retryInSeconds);

  /** Age in seconds of the oldest mail not sent yet, 0 when every mail is sent (metrics, readiness). */
  Future<Long> oldestUnsentSeconds();
}
