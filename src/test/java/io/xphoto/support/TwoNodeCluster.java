package io.xphoto.support;

import io.vertx.core.Vertx;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;

import java.util.HashMap;
import java.util.Map;

import static io.xphoto.support.ForumClient.CAPTCHA;

/**
 * Two clustered nodes on one fresh test database and one mailbox: node A runs the database, storage, mail and HTTP
 * roles, node B only HTTP, so whatever B answers crossed the event bus. {@code admins} names the accounts that are
 * admins from their creation.
 */
public record TwoNodeCluster(Mailbox mailbox, XphotoServer nodeA, XphotoServer nodeB, Api apiA, Api apiB, Sql sql)
    implements AutoCloseable {

  public static TwoNodeCluster start(Vertx vertx, String name, String admins) throws Exception {
    Mailbox mailbox = Mailbox.start();
    DatabaseTarget database = TestPostgres.freshDatabase();
    int[] hazelcastPorts = {Ports.free(), Ports.free()};
    String members = "127.0.0.1:" + hazelcastPorts[0] + ",127.0.0.1:" + hazelcastPorts[1];
    int portA = Ports.free();
    Map<String, String> shared = Map.of("cluster.members", members,
        "cluster.name", "xphoto-" + name + "-" + ProcessHandle.current().pid(),
        "data.dir", TestDirectories.createForTheRun(name).toString(),
        "public.url", "http://127.0.0.1:" + portA, "captcha.test-answer", CAPTCHA,
        "throttle.address-failures", "1000", "admins", admins);
    Map<String, String> a = node("db,storage,mail,http", hazelcastPorts[0], shared);
    a.put("http.port", Integer.toString(portA));
    XphotoServer nodeA = TestServer.startOn(database, mailbox.port(), a);
    XphotoServer nodeB = TestServer.startOn(database, mailbox.port(), node("http", hazelcastPorts[1], shared));
    return new TwoNodeCluster(mailbox, nodeA, nodeB, new Api(vertx, nodeA), new Api(vertx, nodeB), new Sql(database));
  }

  private static Map<String, String> node(String roles, int hazelcastPort, Map<String, String> shared) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("node.roles", roles);
    settings.put("cluster.enabled", "true");
    settings.put("cluster.port", Integer.toString(hazelcastPort));
    return settings;
  }

  @Override
  public void close() {
    nodeB.close();
    nodeA.close();
    mailbox.close();
  }
}
