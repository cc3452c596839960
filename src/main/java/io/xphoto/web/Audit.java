package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.config.Settings;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.AuditLog;

/**
 * Makes the audit log's events of a request: its client address (as {@code http.trusted-proxies} decides),
 * its request id ({@link RequestLog}) and the caller's account when one is signed in. A service making a change
 * takes the event in its payload and writes it in its transaction; {@link #record} writes one that goes with no
 * change.
 */
public final class Audit {

  private final ClientAddress clientAddress;
  private final AuditLog log;

  public Audit(Settings settings, AuditLog log) {
    this.clientAddress = ClientAddress.from(settings);
    this.log = log;
  }

  /** An event of {@code type} from this request, about the caller's own account (none when nobody is signed in). */
  public AuditEvent event(RoutingContext ctx, String type) {
    return new AuditEvent()
        .setType(type)
        .setUserId(Caller.known(ctx))
        .setAddress(clientAddress.of(ctx.request()))
        .setRequestId(RequestLog.id(ctx));
  }

  /** An admin's action on the account {@code userId}: the caller is its actor. */
  public AuditEvent adminEvent(RoutingContext ctx, String type, long userId) {
    return event(ctx, type).setActorId(Caller.known(ctx)).setUserId(userId);
  }

  /** Writes an event that records no other change (a refused sign-in); a failure to write it fails the request. */
  public Future<Void> record(AuditEvent event) {
    return log.record(event);
  }
}
