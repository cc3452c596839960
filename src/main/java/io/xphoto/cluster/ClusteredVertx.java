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


/**
 * The Vert.x instance of a node: a plain one, or with {@code cluster.enabled} one that joins the other nodes
 * through Hazelcast (members listed in {@code cluster.members}: TCP/IP discovery, as multicast rarely
 * crosses real networks) so that the event bus, and with it every service, spans the cluster.
 */
public final class ClusteredVertx {

  private ClusteredVertx() {
  }

  public static Future<Vertx> start(Settings settings) {
    if (!settings.bool("cluster.enabled")) {
      return Future.succeededFuture(Vertx.vertx());
    }
    String host = settings.string("cluster.host");
    VertxOptions options = new VertxOptions()
        .setEventBusOptions(new EventBusOptions().setHost(host).setPort(settings.integer("cluster.bus-port")));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast(settings, host)))
        .buildClustered();
  }

  private static Config hazelcast(Settings settings, String host) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.string("cluster.name"));
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
