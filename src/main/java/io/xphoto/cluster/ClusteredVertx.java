package io.xphoto.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.xphoto.config.Settings;
import io.xphoto.metrics.Metrics;

import java.util.Set;
import java.util.stream.Collectors;


/**
 * The Vert.x instance of a node and the members it sees: a plain instance, alone, or with
 * {@code cluster.enabled} one that joins the other nodes through Hazelcast (members listed in
 * {@code cluster.members}: TCP/IP discovery, as multicast rarely crosses real networks) so that the event
 * bus, and with it every service, spans the cluster.
 */
public record ClusteredVertx(Vertx vertx, ClusterMembers members) {

  /** {@code metrics}: where the instance's own meters go (none when metrics are off). */
  public static Future<ClusteredVertx> start(Settings settings, Set<NodeRole> roles, Metrics metrics) {
    if (!settings.bool("cluster.enabled")) {
      return Future.succeededFuture(new ClusteredVertx(metrics.vertxBuilder(new VertxOptions()).build(),
          ClusterMembers.single(roles)));
    }
    String host = settings.string("cluster.host");
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(host).setPort(settings.integer("cluster.bus-port")));
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings, host, roles));
    return metrics.vertxBuilder(options).withClusterManager(manager).buildClustered()
        .map(vertx -> new ClusteredVertx(vertx.exceptionHandler(new UnhandledFailures()),
            new HazelcastMembers(manager.getHazelcastInstance())));
  }

  private static Config hazelcast(Settings settings, String host, Set<NodeRole> roles) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.string("cluster.name"));
    config.getMemberAttributeConfig().setAttribute(HazelcastMembers.ROLES,
        roles.stream().map(NodeRole::name).collect(Collectors.joining(",")));
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The server's own shutdown hook leaves the cluster after undeploying; Hazelcast's would leave first.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", host);
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.getNetworkConfig().setPort(settings.integer("cluster.port")).setPortAutoIncrement(true);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.list("cluster.members"));
    return config;
  }
}
