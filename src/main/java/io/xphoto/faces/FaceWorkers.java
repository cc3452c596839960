package io.xphoto.faces;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.cluster.NodeCalls;
import io.xphoto.cluster.NodeLeft;
import io.xphoto.cluster.NodeRole;
import io.xphoto.images.Image;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The face workers as a caller sees them: each call goes to the workers of one node with the faces role, in
 * turn, and is retried on the next node when that one has no worker yet (starting) or leaves before it
 * answers (killed). A search only reads, so doing one twice is harmless; a registration carries its request
 * id, which the DB verticle records with it, so a registration done twice is recorded once. No live worker:
 * the call fails as unavailable (503). One per verticle instance, used on its context only.
 */
public final class FaceWorkers {

  private static final Logger LOG = LoggerFactory.getLogger(FaceWorkers.class);

  private final Vertx vertx;
  private final ClusterMembers members;
  private final NodeCalls calls;
  private final Map<String, FaceService> proxies = new HashMap<>();
  private int turn;

  public FaceWorkers(Vertx vertx, ClusterMembers members) {
    this.vertx = vertx;
    this.members = members;
    this.calls = new NodeCalls(vertx, members);
    Context context = vertx.getOrCreateContext();
    members.onLeft(node -> context.runOnContext(v -> proxies.remove(node)));
    vertx.eventBus().<String>consumer(FaceService.READY, ready -> proxy(ready.body()).ping()
        .onFailure(e -> LOG.debug("face node {} announced itself but did not answer a ping: {}", ready.body(), e.getMessage())));
  }

  /** As {@link FaceService#register}: the caller makes one {@code requestId} per registration it receives. */
  public Future<FaceRegistrationResult> register(long ownerId, String requestId, ImagesToRegister registration) {
    return onLiveWorker(node -> proxy(node).register(ownerId, requestId, registration));
  }

  /** A search with a stored probe ({@link FaceService#searchStored}). */
  public Future<FaceSearch> search(long ownerId, ImageSource probe) {
    return onLiveWorker(node -> proxy(node).searchStored(ownerId, probe));
  }

  /** A search with a probe just checked and not stored, sent as bytes ({@link FaceProbes}). */
  public Future<FaceSearch> search(long ownerId, Image probe) {
    return onLiveWorker(node -> FaceProbes.search(vertx, node, ownerId, probe));
  }

  public Future<Void> ping() {
    return onLiveWorker(node -> proxy(node).ping());
  }

  private <T> Future<T> onLiveWorker(Function<String, Future<T>> call) {
    List<String> nodes = new ArrayList<>(members.withRole(NodeRole.FACES));
    if (!nodes.isEmpty()) {
      Collections.rotate(nodes, -Math.floorMod(turn++, nodes.size()));
    }
    return attempt(nodes, 0, call);
  }

  private <T> Future<T> attempt(List<String> nodes, int index, Function<String, Future<T>> call) {
    if (index == nodes.size()) {
      return Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, "no face worker is running"));
    }
    String node = nodes.get(index);
    return calls.call(node, () -> call.apply(node))
        .recover(e -> {
          if (!notServed(e)) {
            return Future.failedFuture(e);
          }
          if (e instanceof NodeLeft && index + 1 < nodes.size()) {
            LOG.info("face worker node {} left before it answered: the call goes to {}", node, nodes.get(index + 1));
          }
          return attempt(nodes, index + 1, call);
        });
  }

  private FaceService proxy(String node) {
    return proxies.computeIfAbsent(node, n -> FaceService.proxy(vertx, n));
  }

  /** The node did not do the call (no worker registered) or left before answering (it may have, unseen). */
  private static boolean notServed(Throwable e) {
    return e instanceof NodeLeft
        || e instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
  }
}
