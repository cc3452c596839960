package io.xphoto.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Gives every request an id (the {@code X-Request-Id} header) and writes its access-log line. */
final class RequestLog implements Handler<RoutingContext> {

  static final String REQUEST_ID = "requestId";
  private static final Logger LOG = LoggerFactory.getLogger("xphoto.access");

  private final boolean accessLog;

  RequestLog(boolean accessLog) {
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
          ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
    }
    ctx.next();
  }
}
