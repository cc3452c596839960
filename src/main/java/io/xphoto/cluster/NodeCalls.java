package io.xphoto.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls addressed to one node that fail with {@link NodeLeft} as soon as that node leaves the cluster,
 * instead of waiting for their reply timeout. One per verticle instance, used on its context only.
 */
public final class NodeCalls {

  private final ClusterMembers members;
  private final Map<String, Set<Promise<?>>> pending = new HashMap<>();

  public NodeCalls(Vertx vertx, ClusterMembers members) {
    this.members = members;
    Context context = vertx.getOrCreateContext();
    members.onLeft(node -> context.runOnContext(v -> left(node)));
  }

  /** The answer of {@code call}, which sends to {@code node}; fails at once if the node is gone or leaves. */
  public <T> Future<T> call(String node, Supplier<Future<T>> call) {
    if (!members.isMember(node)) {
      return Future.failedFuture(new NodeLeft(node));
    }
    Future<T> sent;
    try {
      sent = call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Promise<T> answer = Promise.promise();
    pending.computeIfAbsent(node, n -> new HashSet<>()).add(answer);
    sent.onComplete(result -> {
      Set<Promise<?>> calls = pending.get(node);
      if (calls != null && calls.remove(answer) && calls.isEmpty()) {
        pending.remove(node);
      }
      if (result.succeeded()) {
        answer.tryComplete(result.result());
      } else {
        answer.tryFail(result.cause());
      }
    });
    return answer.future();
  }

  private void left(String node) {
    Set<Promise<?>> calls = pending.remove(node);
    if (calls != null) {
      calls.forEach(call -> call.tryFail(new NodeLeft(node)));
    }
  }
}
