package io.xphoto.cluster;

import io.vertx.core.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * Logs what a handler left unhandled, as Vert.x does, but for one known harmless failure of Vert.x 5.0.7: a
 * reply to a node that died, on the connection that failed under it, completes its write twice
 * ({@code IllegalStateException: Promise already completed} from {@code OutboundConnection.writeMessage}).
 * The reply was lost with the node anyway; a face worker whose caller died logged one ERROR per such reply.
 */
final class UnhandledFailures implements Handler<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnhandledFailures.class);

  @Override
  public void handle(Throwable failure) {
    if (isReplyToDeadNode(failure)) {
      LOG.debug("a reply to a cluster node that died was dropped: {}", failure.toString());
    } else {
      LOG.error("Unhandled exception", failure);
    }
  }

  static boolean isReplyToDeadNode(Throwable failure) {
    return failure instanceof IllegalStateException && "Promise already completed".equals(failure.getMessage())
        && Arrays.stream(failure.getStackTrace()).anyMatch(frame ->
            frame.getClassName().equals("io.vertx.core.eventbus.impl.clustered.OutboundConnection"));
  }
}
