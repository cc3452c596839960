package io.xphoto.db;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceProxyBuilder;

import java.util.List;

/**
 * The audit log, served by the DB verticle on {@link #ADDRESS}. An event that records a change is written by
 * the service making the change, in its transaction ({@link PgAuditLog#recordIn}); {@link #record} is for events
 * that change nothing else (a failed or throttled sign-in).
 */
@ProxyGen
public interface AuditLog {

  String ADDRESS = "xphoto.db.audit";

  static AuditLog proxy(Vertx vertx) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS).build(AuditLog.class);
  }

  /** Records an event that goes with no other change. */
  Future<Void> record(AuditEvent event);

  /** The account's own last {@code limit} events, newest first (those done to it). */
  Future<List<AuditEvent>> accountEvents(long userId, int limit);

  /** A page of the whole log, newest first. */
  Future<List<AuditEvent>> search(AuditQuery query);
}
