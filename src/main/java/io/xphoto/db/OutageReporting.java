package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.serviceproxy.ServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the DB verticle's services fail with code {@link #UNAVAILABLE} (a {@link ServiceException}, which
 * keeps its code over the event bus) when the database cannot be reached, so that callers answer 503 rather
 * than 500; every other failure passes as it is. Logs one line when the database stops answering and one
 * when it answers again, not one per request.
 */
final class OutageReporting {

  /** The code of a service failure whose cause passes: the database is down (io.xphoto.web.Unavailable.CODE). */
  static final int UNAVAILABLE = 503;
  private static final Logger LOG = LoggerFactory.getLogger(OutageReporting.class);
  private static final long UP = 0;

  /** {@link System#nanoTime} when the current outage was first seen, {@link #UP} when there is none. */
  private final AtomicLong downSince = new AtomicLong(UP);

  /** {@code store} behind the service interface, each of its futures watched. */
  <T> T watching(Class<T> service, T store) {
    return service.cast(Proxy.newProxyInstance(service.getClassLoader(), new Class<?>[] {service},
        (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return result instanceof Future<?> future ? watched(future) : result;
        }));
  }

  /** The same result, but a lost connection becomes a failure with code 503. */
  <T> Future<T> watched(Future<T> call) {
    return call.transform(done -> {
      if (done.succeeded()) {
        answered();
        return Future.succeededFuture(done.result());
      }
      if (!ConnectionLoss.is(done.cause())) {
        return Future.failedFuture(done.cause());
      }
      unreachable(done.cause());
      return ServiceException.fail(UNAVAILABLE, "database unavailable: " + done.cause().getMessage());
    });
  }

  private void unreachable(Throwable cause) {
    long now = System.nanoTime();
    if (downSince.compareAndSet(UP, now == UP ? 1 : now)) {
      LOG.warn("the database does not answer ({}: {}); its requests answer 503 until it does",
          cause.getClass().getSimpleName(), cause.getMessage());
    }
  }

  private void answered() {
    long since = downSince.get();
    if (since != UP && downSince.compareAndSet(since, UP)) {
      LOG.info("the database answers again, after {} ms", (System.nanoTime() - since) / 1_000_000);
    }
  }
}
