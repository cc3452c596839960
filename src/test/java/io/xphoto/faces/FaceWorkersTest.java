package io.xphoto.faces;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.serviceproxy.ServiceBinder;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.cluster.NodeRole;
import io.xphoto.web.Unavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Face calls on a node that leaves before it answers move to the next face node at once, without waiting
 * for their timeout; with no face node left they fail as unavailable. Members are simulated, the workers are
 * stubs on the (local) event bus.
 */
class FaceWorkersTest {

  private final Vertx vertx = Vertx.vertx();
  private final Members members = new Members();

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aCallOnANodeThatLeavesIsAnsweredByTheNext() throws Exception {
    members.join("silent");
    members.join("live");
    serve("silent", Promise.<FaceSearch>promise().future());
    serve("live", Future.succeededFuture(new FaceSearch().setFaces(1).setMatched(true)));

    long start = System.nanoTime();
    CompletableFuture<FaceSearch> answer = onContext(faces -> faces.search(1, ImageSource.stored("probe.jpg")));
    Thread.sleep(300);
    assertFalse(answer.isDone(), "the silent node holds the call until it leaves");
    members.leave("silent");
    assertTrue(answer.get(5, TimeUnit.SECONDS).isMatched());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3_000, "answered long before the 30 s timeout");
  }

  @Test
  void withNoFaceNodeLeftACallFailsAsUnavailable() throws Exception {
    members.join("silent");
    serve("silent", Promise.<FaceSearch>promise().future());
    CompletableFuture<FaceRegistrationResult> answer =
        onContext(faces -> faces.register(1, "request-1", new ImagesToRegister()));
    Thread.sleep(200);
    members.leave("silent");
    Throwable failure = answer.handle((ok, e) -> e).get(5, TimeUnit.SECONDS);
    assertTrue(Unavailable.is(failure), String.valueOf(failure));
  }

  private <T> CompletableFuture<T> onContext(Function<FaceWorkers, Future<T>> call) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> call.apply(new FaceWorkers(vertx, members))
        .onSuccess(answer::complete).onFailure(answer::completeExceptionally));
    return answer;
  }

  /** Workers that answer every search with {@code answer}, and every registration when it completes. */
  private void serve(String node, Future<FaceSearch> answer) throws Exception {
    FaceService stub = new FaceService() {
      @Override
      public Future<FaceRegistrationResult> register(long ownerId, String requestId, ImagesToRegister registration) {
        return answer.map(search -> FaceRegistrationResult.noFaceIn(0));
      }

      @Override
      public Future<FaceSearch> searchStored(long ownerId, ImageSource probe) {
        return answer;
      }

      @Override
      public Future<Void> ping() {
        return answer.mapEmpty();
      }
    };
    new ServiceBinder(vertx).setAddress(FaceService.address(node)).register(FaceService.class, stub)
        .completion().await(5, TimeUnit.SECONDS);
  }

  /** Face nodes that join and leave when the test says so. */
  private static final class Members implements ClusterMembers {

    private final List<String> faceNodes = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> leftListeners = new CopyOnWriteArrayList<>();

    void join(String node) {
      faceNodes.add(node);
    }

    void leave(String node) {
      faceNodes.remove(node);
      leftListeners.forEach(listener -> listener.accept(node));
    }

    @Override
    public String localId() {
      return "http";
    }

    @Override
    public List<String> withRole(NodeRole role) {
      return role == NodeRole.FACES ? List.copyOf(faceNodes) : List.of();
    }

    @Override
    public boolean isMember(String id) {
      return faceNodes.contains(id);
    }

    @Override
    public void onLeft(Consumer<String> listener) {
      leftListeners.add(listener);
    }

    @Override
    public Future<Void> settled(Vertx vertx) {
      return Future.succeededFuture();
    }
  }
}
