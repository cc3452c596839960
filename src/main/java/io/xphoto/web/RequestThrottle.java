package io.xphoto.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.xphoto.config.Settings;
import io.xphoto.db.SigninFailureStore;

/**
 * Per client address limits on requests that mail someone or try a key (docs/API.md "Password reset"):
 * at most {@code limit} requests of one kind from one address within {@code throttle.window}, counted by the
 * sign-in throttle's store, the address as {@link SigninThrottle} counts it.
 */
public final class RequestThrottle {

  private final SigninFailureStore store;
  private final ClientAddress clientAddress;
  private final int windowSeconds;

  public RequestThrottle(Settings settings, SigninFailureStore store) {
    this.store = store;
    this.clientAddress = ClientAddress.from(settings);
    this.windowSeconds = (int) settings.duration("throttle.window").toSeconds();
  }

  /** Counts this request; fails with {@code tooMany} and {@code Retry-After} when the address is over the limit. */
  public Future<Void> admit(RoutingContext ctx, String action, int limit, ApiError tooMany) {
    String address = SigninThrottle.countedAddress(clientAddress.of(ctx.request()));
    return store.countRequest(action, address, windowSeconds, limit).compose(retryAfter -> retryAfter > 0
        ? Future.failedFuture(tooMany.withHeader("Retry-After", Integer.toString(retryAfter)))
        : Future.succeededFuture());
  }
}
