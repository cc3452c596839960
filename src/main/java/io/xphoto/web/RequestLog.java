package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id (the {@code X-Request-Id} header) and writes its access-log line once the
 * exchange is over, with what the client really got: the status sent, or that the connection closed first.
 */
public final class RequestLog implements Handler<RoutingContext> {

  static final String REQUEST_ID = "requestId";
  private static final Logger LOG = LoggerFactory.getLogger("xphoto.access");

  private final boolean accessLog;

  public RequestLog(boolean accessLog) {
    this.accessLog = accessLog;
  }

  static String id(RoutingContext ctx) {
    return ctx.get(REQUEST_ID);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String id = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    if (accessLog) {
      long start = System.nanoTime();
      ctx.addEndHandler(done -> LOG.info("{} {} {} {} {}ms", id, ctx.request().method(), ctx.request().path(),
          sent(ctx.response(), done.succeeded()), (System.nanoTime() - start) / 1_000_000));
    }
    ctx.next();
  }

  /** The status that went out, or that the connection closed before the answer (or its end) went out. */
  static String sent(HttpServerResponse response, boolean ended) {
    if (ended) {
      return Integer.toString(response.getStatusCode());
    }
    return response.headWritten() ? response.getStatusCode() + " (connection closed before the end)"
        : "- (connection closed without an answer)";
  }
}
