package io.xphoto.db;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means that the database could not be reached (refused, lost or timed-out connection,
 * a server shutting down or still starting up), as opposed to a fault of the statement: the former passes
 * when the database is back.
 */
final class ConnectionLoss {

  /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery), too_many_connections. */
  private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300");
  /** Class 08: connection exception. */
  private static final String CONNECTION_CLASS = "08";
  /** The sql client reports these as plain VertxExceptions. */
  private static final List<String> POOL_MESSAGES = List.of(
      "Timeout waiting for connection", "Pending requests failed to be sent due to connection has been closed",
      "Connection is not active now");

  private ConnectionLoss() {
  }

  static boolean is(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null && (state.startsWith(CONNECTION_CLASS) || TRANSIENT_STATES.contains(state));
      }
      if (e instanceof ClosedConnectionException || e instanceof IOException || e instanceof TimeoutException) {
        return true;
      }
      if (e instanceof VertxException && e.getMessage() != null
          && POOL_MESSAGES.stream().anyMatch(e.getMessage()::startsWith)) {
        return true;
      }
    }
    return false;
  }
}
