package io.xphoto.web;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * A service the request needed could not do its part for a reason that passes: no live consumer on its
 * event-bus address, no reply in time, or a reply failed with code {@link #CODE} (its dependency is down).
 * The client gets 503 with {@code Retry-After} in the surface's error body, never 500.
 */
public final class Unavailable {

  /** The failure code a service replies with when a dependency of its own (database, store, ...) is down. */
  public static final int CODE = 503;
  /** Seconds a client is asked to wait before it tries again. */
  public static final int RETRY_AFTER_SECONDS = 5;

  private Unavailable() {
  }

  public static boolean is(Throwable failure) {
    return failure instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT
            || reply.failureCode() == CODE);
  }

  /** The 503 of a surface: {@code {"error": message}} (the forum's failure handler reshapes it). */
  public static ApiError error(String message) {
    return ApiError.of(503, message).withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
  }
}
