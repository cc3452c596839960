package io.xphoto;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.xphoto.bridge.EventBusBridgeVerticle;
import io.xphoto.cluster.ClusterMembers;
import io.xphoto.cluster.ClusteredVertx;
import io.xphoto.cluster.NodeRole;
import io.xphoto.cluster.RawBytesCodec;
import io.xphoto.config.Secrets;
import io.xphoto.config.Settings;
import io.xphoto.database.DataDirLock;
import io.xphoto.database.Database;
import io.xphoto.database.EmbeddedPostgres;
import io.xphoto.db.DbVerticle;
import io.xphoto.faces.FaceWorkerVerticle;
import io.xphoto.http.HttpPort;
import io.xphoto.health.OperationsRoutes;
import io.xphoto.http.HttpVerticle;
import io.xphoto.http.ManagementVerticle;
import io.xphoto.mail.MailVerticle;
import io.xphoto.metrics.Metrics;
import io.xphoto.storage.StorageVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One running xphoto server: its database (embedded or external, migrated), its Vert.x instance and the
 * verticles deployed on it. Used by {@link Main} and by the tests.
 */
public final class XphotoServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(XphotoServer.class);
  private static final int MIN_JWT_SECRET_BYTES = 32;

  private final Vertx vertx;
  private final Optional<Database> database;
  private final Optional<DataDirLock> dataDirLock;
  private final Settings settings;
  private final Metrics metrics;
  private final Map<NodeRole, String> deployments;

  private XphotoServer(Vertx vertx, Optional<Database> database, Optional<DataDirLock> dataDirLock, Settings settings,
                       Metrics metrics, Map<NodeRole, String> deployments) {
    this.vertx = vertx;
    this.database = database;
    this.dataDirLock = dataDirLock;
    this.settings = settings;
    this.metrics = metrics;
    this.deployments = deployments;
  }

  /**
   * Prepares the database (on a node with the db role) and deploys the verticles of this node's roles;
   * returns once they all run (the HTTP port accepts requests). A node running the embedded database first
   * takes its data directory's {@link DataDirLock}; a busy HTTP port refuses the start before the database
   * is prepared.
   */
  public static XphotoServer start(Settings configured) throws Exception {
    Path dataDir = Path.of(configured.string("data.dir")).toAbsolutePath().normalize();
    configured = configured.with(Map.of("data.dir", dataDir.toString()));
    Set<NodeRole> roles = NodeRole.parse(configured.string("node.roles"));
    if (configured.bool("cluster.enabled") && configured.string("cluster.name").isEmpty()) {
      throw new IllegalArgumentException("cluster.name (XPHOTO_CLUSTER_NAME) must be set when cluster.enabled is true: "
          + "the same on every node of this cluster and on no other, as nodes join any cluster of their name");
    }
    if (OperationsRoutes.managementPort(configured) && roles.contains(NodeRole.HTTP)
        && configured.integer("management.port") == configured.integer("http.port")) {
      // Vert.x would share the one port between both servers, each request going to either in turn
      throw new IllegalArgumentException("management.port (XPHOTO_MANAGEMENT_PORT) must differ from http.port, "
          + "or be empty to serve /metrics and the health endpoints on the main port");
    }
    boolean embedded = roles.contains(NodeRole.DB) && Database.isEmbedded(configured);
    Optional<DataDirLock> lock = embedded ? Optional.of(DataDirLock.acquire(dataDir)) : Optional.empty();
    Optional<Database> database = Optional.empty();
    Vertx vertx = null;
    Metrics metrics = Metrics.create(configured.bool("metrics.enabled"));
    try {
      if (roles.contains(NodeRole.HTTP)) {
        HttpPort.requireFree(configured);
      }
      Files.createDirectories(dataDir);
      database = roles.contains(NodeRole.DB) ? Optional.of(Database.prepare(configured, dataDir)) : Optional.empty();
      Settings settings = resolved(configured, dataDir, database);
      database.flatMap(Database::embedded).ifPresent(postgres ->
          metrics.embeddedPostgresRestarts(postgres, EmbeddedPostgres::restarts));
      ClusteredVertx node = await(ClusteredVertx.start(settings, roles, metrics));
      vertx = node.vertx();
      metrics.attach(vertx);
      Map<NodeRole, String> deployments = deploy(vertx, node.members(), settings, roles);
      return new XphotoServer(vertx, database, lock, settings, metrics, deployments);
    } catch (Exception e) {
      try {
        if (vertx != null) {
          await(vertx.close());
        }
      } finally {
        metrics.close();
        database.ifPresent(Database::close);
        lock.ifPresent(DataDirLock::close);
      }
      throw e;
    }
  }

  /** The deployment of each role's verticles. */
  private static Map<NodeRole, String> deploy(Vertx vertx, ClusterMembers members, Settings settings,
                                              Set<NodeRole> roles) throws Exception {
    RawBytesCodec.register(vertx.eventBus());
    DeploymentOptions options = new DeploymentOptions().setConfig(settings.toJson());
    Map<NodeRole, String> deployments = new EnumMap<>(NodeRole.class);
    if (roles.contains(NodeRole.DB)) {
      deployments.put(NodeRole.DB, await(vertx.deployVerticle(DbVerticle::new, options)));
    }
    if (roles.contains(NodeRole.MAIL)) {
      deployments.put(NodeRole.MAIL, await(vertx.deployVerticle(MailVerticle::new, options)));
    }
    if (roles.contains(NodeRole.STORAGE)) {
      deployments.put(NodeRole.STORAGE, await(vertx.deployVerticle(StorageVerticle::new, options)));
    }
    if (roles.contains(NodeRole.FACES)) {
      deployments.put(NodeRole.FACES, await(FaceWorkerVerticle.deploy(vertx, settings, members)));
    }
    if (OperationsRoutes.managementPort(settings)) {
      await(vertx.deployVerticle(() -> new ManagementVerticle(members), options));
      LOG.info("management port {} on {}: /metrics, /health/live, /health/ready", settings.integer("management.port"),
          settings.string("management.host"));
    }
    if (settings.bool("bridge.enabled")) {
      await(vertx.deployVerticle(EventBusBridgeVerticle::new, options));
    }
    String node = settings.bool("cluster.enabled")
        ? " (cluster " + settings.string("cluster.name") + ", roles " + roles + ")" : "";
    if (roles.contains(NodeRole.HTTP)) {
      int instances = settings.integer("http.instances") > 0
          ? settings.integer("http.instances") : Runtime.getRuntime().availableProcessors();
      deployments.put(NodeRole.HTTP,
          await(vertx.deployVerticle(() -> new HttpVerticle(members), new DeploymentOptions(options).setInstances(instances))));
      LOG.info("xphoto server listening on port {} ({} HTTP verticles), public URL {}{}",
          settings.integer("http.port"), instances, settings.string("public.url"), node);
    } else {
      LOG.info("xphoto node running{}", node);
    }
    return deployments;
  }

  /** Fills in what the configuration leaves to the server: database coordinates, JWT secret, public URL. */
  private static Settings resolved(Settings settings, Path dataDir, Optional<Database> database) throws IOException {
    Map<String, String> resolved = new HashMap<>(database.map(Database::settings).orElse(Map.of()));
    String secret = settings.string("jwt.secret");
    if (secret.isEmpty() && settings.bool("cluster.enabled")) {
      throw new IllegalArgumentException("jwt.secret (XPHOTO_JWT_SECRET) must be set, the same on every node, "
          + "when cluster.enabled is true");
    }
    if (secret.isEmpty()) {
      secret = readOrCreateJwtSecret(dataDir.resolve("jwt-secret"));
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
      throw new IllegalArgumentException("jwt.secret (XPHOTO_JWT_SECRET) must be at least 32 bytes long");
    }
    resolved.put("jwt.secret", secret);
    if (!settings.string("totp.key").isEmpty()
        && settings.string("totp.key").getBytes(StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
      throw new IllegalArgumentException("totp.key (XPHOTO_TOTP_KEY) must be empty or at least 32 bytes long");
    }
    String captchaAnswer = settings.string("captcha.test-answer");
    if (!captchaAnswer.isEmpty()) {
      if (!captchaAnswer.matches("[0-9a-zA-Z]{5}")) {
        throw new IllegalArgumentException("captcha.test-answer (XPHOTO_CAPTCHA_TEST_ANSWER) must be 5 characters of [0-9a-zA-Z]");
      }
      LOG.warn("!!!!!!!! captcha.test-answer (XPHOTO_CAPTCHA_TEST_ANSWER) is set: every captcha's answer is \"{}\". "
          + "The forum has NO bot protection. Use this for automated tests only. !!!!!!!!", captchaAnswer);
    }
    String publicUrl = settings.string("public.url");
    resolved.put("public.url", publicUrl.isEmpty()
        ? "http://localhost:" + settings.integer("http.port") : publicUrl.replaceAll("/+$", ""));
    String models = settings.string("model.dir");
    resolved.put("model.dir", (models.isEmpty() ? dataDir.resolve("models") : Path.of(models).toAbsolutePath()).toString());
    return settings.with(resolved);
  }

  private static String readOrCreateJwtSecret(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[48];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getEncoder().encodeToString(random);
    Secrets.writePrivate(file, secret);
    return secret;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The database this node prepared: present on a node with the db role. */
  public Optional<Database> database() {
    return database;
  }

  public Settings settings() {
    return settings;
  }

  /** The deployment id of a role's verticles on this node (undeploying it is how a test makes one die). */
  public Optional<String> deployment(NodeRole role) {
    return Optional.ofNullable(deployments.get(role));
  }

  /**
   * Undeploys everything and leaves the cluster, then stops the embedded database if there is one and
   * releases the data directory.
   */
  @Override
  public void close() {
    try {
      await(vertx.close());
    } catch (Exception e) {
      LOG.warn("closing Vert.x failed: {}", e.getMessage());
    } finally {
      metrics.close();
      database.ifPresent(Database::close);
      dataDirLock.ifPresent(DataDirLock::close);
    }
  }

  /** The future's result, or the failure it reports (a verticle's own, such as a {@code StartRefused}). */
  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
