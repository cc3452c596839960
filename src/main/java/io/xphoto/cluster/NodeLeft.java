package io.xphoto.cluster;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/** A call to a node that left the cluster (or died) before it answered: a 503 if nothing else is tried. */
public final class NodeLeft extends ReplyException {

  /** As {@code io.xphoto.web.Unavailable.CODE}: the HTTP layer answers it 503. */
  private static final int UNAVAILABLE = 503;

  public NodeLeft(String node) {
    super(ReplyFailure.RECIPIENT_FAILURE, UNAVAILABLE, "cluster node " + node + " left before it answered");
  }
}
