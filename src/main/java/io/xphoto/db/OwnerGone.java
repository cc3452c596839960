package io.xphoto.db;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.pgclient.PgException;
import io.vertx.serviceproxy.ServiceException;

/**
 * Rows written for an account that no longer exists (deleted while an upload or a face registration of it was
 * in flight: their foreign key to {@code users} fails): the services fail with {@link #CODE}, which the
 * surfaces answer as a token that is no longer valid, rather than as a fault.
 */
public final class OwnerGone {

  public static final int CODE = 410;
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private OwnerGone() {
  }

  /** Whether a service call failed with {@link #CODE}. */
  public static boolean is(Throwable failure) {
    return failure instanceof ReplyException reply && reply.failureCode() == CODE;
  }

  /** The failure as {@link #CODE} when it is an owner's missing row, as it is otherwise. */
  static <T> Future<T> mapped(Throwable failure) {
    if (failure instanceof PgException e && FOREIGN_KEY_VIOLATION.equals(e.getSqlState())
        && String.valueOf(e.getConstraint()).endsWith("owner_id_fkey")) {
      return ServiceException.fail(CODE, "the owner's account no longer exists");
    }
    return Future.failedFuture(failure);
  }
}
