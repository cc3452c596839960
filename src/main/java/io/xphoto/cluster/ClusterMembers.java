package io.xphoto.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The nodes this node can call, by their id: the live members of the cluster and the roles each runs. A
 * caller that sends to one node by its id learns from {@link #onLeft} within a second that the node died,
 * where an event-bus request to it would wait for its whole timeout.
 */
public interface ClusterMembers {

  /** This node's id. */
  String localId();

  /** The live members running {@code role}, this node included, in the same order on every call. */
  List<String> withRole(NodeRole role);

  boolean isMember(String id);

  /** Calls {@code listener} (on a cluster thread) with the id of each member that leaves or dies from now on. */
  void onLeft(Consumer<String> listener);

  /**
   * Completes once the cluster's shared data has settled on its members after this node joined (at most a few
   * seconds): until then the lookups of a first call to this node wait on it (~0.5-1 s measured).
   */
  Future<Void> settled(Vertx vertx);

  /** The members of a server that is not clustered: itself. */
  static ClusterMembers single(Set<NodeRole> roles) {
    String id = "local";
    return new ClusterMembers() {
      @Override
      public String localId() {
        return id;
      }

      @Override
      public List<String> withRole(NodeRole role) {
        return roles.contains(role) ? List.of(id) : List.of();
      }

      @Override
      public boolean isMember(String member) {
        return member.equals(id);
      }

      @Override
      public void onLeft(Consumer<String> listener) {
      }

      @Override
      public Future<Void> settled(Vertx vertx) {
        return Future.succeededFuture();
      }
    };
  }
}
