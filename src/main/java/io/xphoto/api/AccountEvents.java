package io.xphoto.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.db.AuditEvent;
import io.xphoto.db.AuditLog;
import io.xphoto.web.BearerAuth;
import io.xphoto.web.Caller;
import io.xphoto.web.ContractRoutes;
import io.xphoto.web.Responses;

/**
 * {@code GET /account/events}: the caller's own last {@link #LAST} events of the audit log, the "recent activity"
 * page; the account export ({@link AccountExport}) carries the same list, in the same form ({@link #view}).
 */
final class AccountEvents {

  static final int LAST = 50;

  private final AuditLog log;

  AccountEvents(AuditLog log) {
    this.log = log;
  }

  void mount(ContractRoutes routes, BearerAuth auth) {
    routes.handle("accountEvents", auth, this::events);
  }

  private void events(RoutingContext ctx) {
    log.accountEvents(Caller.id(ctx), LAST)
        .onSuccess(events -> Responses.json(ctx, 200, new JsonObject()
            .put("events", new JsonArray(events.stream().map(AccountEvents::view).toList()))))
        .onFailure(ctx::fail);
  }

  /** An event as its account sees it: what, when, from where, in which request, and whether an admin did it. */
  static JsonObject view(AuditEvent event) {
    return new JsonObject()
        .put("type", event.getType())
        .put("at", event.getAt())
        .put("address", event.getAddress())
        .put("requestId", event.getRequestId())
        .put("byAdmin", event.getActorId() != null);
  }
}
