package io.xphoto;

import io.xphoto.support.Ports;
import io.xphoto.support.ServerProcess;
import io.xphoto.support.TestDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One data directory, one server: launchers in JVMs of their own on one data dir with the embedded database. */
class DataDirLockTest {

  private static final Duration START = Duration.ofSeconds(120);

  private Path work;
  private Path dataDir;
  private final List<ServerProcess> processes = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    work = TestDirectories.create("datadir");
    dataDir = work.resolve("data");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ServerProcess process : processes) {
      process.close();
    }
    TestDirectories.delete(work);
  }

  @Test
  void aSecondServerOnARunningServersDataDirRefusesAndTouchesNothing() throws Exception {
    int port = Ports.free();
    ServerProcess first = launch("first", port);
    first.awaitConsole("xphoto server listening", START);
    long postmaster = postmasterPid();
    Map<String, String> before = snapshot();

    ServerProcess second = launch("second", Ports.free());
    assertNotEquals(0, second.awaitExit(Duration.ofSeconds(60)));
    List<String> lines = second.consoleLines();
    assertEquals(1, lines.size(), second.console());
    assertTrue(lines.get(0).contains("data directory " + dataDir.toRealPath() + " is in use by another xphoto server (pid "
        + first.pid() + ")"), lines.get(0));

    assertEquals(before, snapshot(), "the second server changed nothing in the data dir");
    assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "the first server's PostgreSQL still runs");
    assertEquals(200, health(port), "the first server still answers");
    first.stop();
    assertFalse(Files.exists(dataDir.resolve("postgres/cluster/postmaster.pid")), "the first server stopped its PostgreSQL");
  }

  @Test
  void aPostgresLeftByAKilledServerIsStoppedByTheNextOne() throws Exception {
    int port = Ports.free();
    ServerProcess killed = launch("killed", port);
    killed.awaitConsole("xphoto server listening", START);
    long leftover = postmasterPid();
    killed.kill();
    assertTrue(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false), "SIGKILL leaves PostgreSQL running");

    ServerProcess next = launch("next", port);
    next.awaitConsole("xphoto server listening", START);
    assertTrue(next.console().contains("stopping a PostgreSQL (pid " + leftover + ") left running by an earlier server"),
        next.console());
    assertFalse(ProcessHandle.of(leftover).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(200, health(port));
    next.stop();
    assertFalse(Files.exists(dataDir.resolve("postgres/cluster/postmaster.pid")));
  }

  private ServerProcess launch(String name, int port) throws IOException {
    ServerProcess process = ServerProcess.start(work.resolve(name + ".log"), Map.of(
        "XPHOTO_DATA_DIR", dataDir.toString(),
        "XPHOTO_HTTP_PORT", Integer.toString(port),
        "XPHOTO_HTTP_INSTANCES", "1",
        "XPHOTO_HTTP_ACCESS_LOG", "false",
        "XPHOTO_NODE_ROLES", ServerProcess.ROLES));
    processes.add(process);
    return process;
  }

  private long postmasterPid() throws IOException {
    Path pidFile = dataDir.resolve("postgres/cluster/postmaster.pid");
    return Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim());
  }

  /** Every file of the data dir but PostgreSQL's own cluster files, with its size and modification time. */
  private Map<String, String> snapshot() throws IOException {
    Path cluster = dataDir.resolve("postgres/cluster");
    try (Stream<Path> walk = Files.walk(dataDir)) {
      Map<String, String> files = new TreeMap<>();
      for (Path path : walk.filter(path -> !path.startsWith(cluster)).toList()) {
        files.put(dataDir.relativize(path).toString(), Files.size(path) + " " + Files.getLastModifiedTime(path));
      }
      return files;
    }
  }

  private static int health(int port) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(10)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
