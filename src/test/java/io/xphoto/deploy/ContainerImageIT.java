package io.xphoto.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.support.Accounts;
import io.xphoto.support.Api;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.TestImages;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.mirrored;
import static io.xphoto.support.FacePhotos.portrait;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image built from this commit ({@code target/jib-image.tar}, written by jib:buildTar in the
 * {@code image} profile's package phase) started with podman, daemonless, as a user runs it: alone, the embedded
 * PostgreSQL and the uploads in its {@code /data} volume, the face models of the image, mail to a real SMTP
 * server (GreenMail in this JVM; the container shares the host's network). Run by maven-failsafe in the
 * integration-test phase of {@code ./run.sh test}; podman missing or the image not starting fails it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

  private static final Duration QUICK = Duration.ofSeconds(60);
  private static final Duration SLOW = Duration.ofMinutes(5);
  private static final Duration START = Duration.ofMinutes(4);
  private static final String CLASS_PATH = "/app/resources:/app/classes:/app/libs/*";
  /** The server's own user in the image (deploy/image/etc/passwd), as the kernel sees it. */
  private static final String XPHOTO_UID = "10001";
  /**
   * Podman raises the container's open-file and process limits by default, which needs CAP_SYS_RESOURCE: a
   * machine that is itself a container without it fails with "error setting rlimit". Lowering them is allowed.
   */
  private static final List<String> LIMITS = List.of("--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096");

  private final String name = "xphoto-it-" + ProcessHandle.current().pid();
  private final String volume = name + "-data";
  private final List<String> containers = new ArrayList<>();
  /** Also when the test JVM is stopped (Ctrl-C on the build) before {@code @AfterAll}: nothing left running. */
  private final Thread removal = new Thread(this::removeContainersAndVolume, "container-removal");
  private final Path logs = Path.of("target", "failsafe-reports");
  private Vertx vertx;
  private Mailbox mailbox;
  private String image;
  private int port;
  private Api api;

  private final String username = Accounts.uniqueName("image");
  private String token;
  private final byte[] photo = TestImages.png(320, 240, 14);
  private final byte[] face = jpeg(portrait(ANNA), 0.9f);
  private final List<String> urls = new ArrayList<>();

  @BeforeAll
  void loadTheImage() throws Exception {
    Path tarball = Path.of(System.getProperty("xphoto.image.tar", "target/jib-image.tar"));
    assertTrue(Files.isRegularFile(tarball), tarball + " missing: jib:buildTar writes it (mvn -Pimage verify)");
    image = imageId(tarball);
    String loaded = Podman.check(SLOW, "load", "-i", tarball.toString());
    assertEquals(image, Podman.check(QUICK, "image", "inspect", "-f", "{{.Id}}", image).strip(),
        "podman loaded the image of " + tarball + ": " + loaded);
    vertx = Vertx.vertx();
    mailbox = Mailbox.start();
    port = Ports.free();
    api = new Api(vertx, port);
    Podman.check(QUICK, "volume", "create", volume);
    Files.createDirectories(logs);
    Runtime.getRuntime().addShutdownHook(removal);
  }

  private synchronized void removeContainersAndVolume() {
    for (String container : containers) {
      Podman.run(QUICK, "rm", "-f", "-t", "5", container);
    }
    containers.clear();
    Podman.run(QUICK, "volume", "rm", "-f", volume);
  }

  @AfterAll
  void keepTheLogsAndRemoveContainersVolumeAndImage() throws IOException {
    try {
      for (String container : containers) {
        Files.writeString(logs.resolve(getClass().getSimpleName() + "-" + container + ".log"),
            Podman.run(QUICK, "logs", container).output());
      }
      removeContainersAndVolume();
      Runtime.getRuntime().removeShutdownHook(removal);
      if (image != null) {
        Podman.run(QUICK, "rmi", image);
      }
    } finally {
      if (mailbox != null) {
        mailbox.close();
      }
      if (vertx != null) {
        vertx.close().await();
      }
    }
  }

  @Test
  @Order(1)
  void itStartsReadyWithJavaAndPostgresRunningAsTheNonRootUser() throws IOException {
    start();
    JsonObject ready = api.get("/health/ready").json();
    assertEquals("UP", ready.getString("status"), ready.encode());
    assertEquals(new TreeSet<>(List.of("database", "objectStore", "faces", "mail")), checks(ready, "UP"),
        ready.encode());

    List<String[]> processes = new ArrayList<>();
    String top = Podman.check(QUICK, "top", current(), "hpid", "comm");
    for (String line : top.strip().lines().skip(1).toList()) {
      processes.add(line.strip().split("\\s+", 2));
    }
    assertTrue(processes.stream().anyMatch(p -> p[1].equals("java")), top);
    assertTrue(processes.stream().anyMatch(p -> p[1].startsWith("postgres")), top);
    for (String[] process : processes) {
      // real, effective, saved and file-system uid as the host's kernel has them
      String uids = Files.readAllLines(Path.of("/proc", process[0], "status")).stream()
          .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
      assertEquals(List.of(XPHOTO_UID, XPHOTO_UID, XPHOTO_UID, XPHOTO_UID),
          List.of(uids.substring(4).strip().split("\\s+")), process[1] + " (pid " + process[0] + "): " + uids);
    }
  }

  @Test
  @Order(2)
  void anAccountSignsUpThroughItsMailUploadsAPhotoAndSearchesAFace() {
    String email = Accounts.emailOf(username);
    assertEquals(200, api.post("/signup", Accounts.signup(username, email, Accounts.PASSWORD)).status());
    String link = Mailbox.activationLink(mailbox.awaitMessagesTo(email, 1).get(0));
    assertTrue(link.startsWith("http://127.0.0.1:" + port + "/active_account?"), link);
    assertEquals(200, api.getAbsolute(link).status());
    token = signin();

    Api.Reply upload = api.upload("/upload", token, photo);
    assertEquals(200, upload.status(), upload.toString());
    urls.add(upload.json().getJsonArray("urls").getString(0));
    assertArrayEquals(photo, api.getAbsolute(urls.get(0)).body().getBytes(), "the photo's bytes, as uploaded");

    Api.Reply registered = api.upload("/images-db", token, face);
    assertEquals(201, registered.status(), registered.toString());
    urls.add(0, imageUrls().getString(0)); // newest first
    assertEquals(urls, imageUrls().getList());
    assertArrayEquals(face, api.getAbsolute(urls.get(0)).body().getBytes(), "the portrait's bytes, as uploaded");
    assertSearch(200, true, jpeg(mirrored(portrait(ANNA)), 0.9f));
    assertSearch(404, false, jpeg(portrait(BELLA), 0.9f));

    String log = Podman.check(QUICK, "logs", current());
    assertFalse(log.contains(link.substring(link.indexOf('?') + 1)), "the activation key is not logged");
  }

  @Test
  @Order(3)
  void aBackupRunsInsideTheRunningContainer() {
    Podman.check(SLOW, "exec", current(), "java", "-cp", CLASS_PATH, "io.xphoto.Main", "backup", "/data/backup.tar");
    JsonObject manifest = new JsonObject(
        Podman.check(QUICK, "exec", current(), "tar", "-xOf", "/data/backup.tar", "xphoto-backup.json"));
    assertEquals(true, manifest.getJsonObject("database").getBoolean("included"), manifest.encode());
    assertEquals(2, manifest.getJsonObject("objects").getInteger("count"), manifest.encode());
    String listing = Podman.check(QUICK, "exec", current(), "tar", "-tf", "/data/backup.tar");
    for (String url : urls) {
      assertTrue(listing.contains("objects/" + url.substring(url.lastIndexOf('/') + 1)), url + " in:\n" + listing);
    }
    assertTrue(listing.contains("postgres/cluster/"), listing);
    assertEquals(200, api.get("/health/ready").status(), "the server serves on after the backup");
  }

  @Test
  @Order(4)
  void aNewContainerOnTheSameVolumeHasTheAccountItsImagesAndItsFace() throws IOException {
    Podman.check(SLOW, "stop", "-t", "60", current());
    assertTrue(Podman.check(QUICK, "logs", current()).contains("stopping"), "the server stopped on SIGTERM");
    assertFalse(Podman.check(QUICK, "inspect", "-f", "{{.State.ExitCode}}", current()).strip().equals("137"),
        "stopped within 60 s, not killed");
    Path data = Path.of(Podman.check(QUICK, "volume", "inspect", "-f", "{{.Mountpoint}}", volume).strip());
    assertTrue(Files.isDirectory(data.resolve("postgres")), "the database is in the volume: " + data);
    for (String url : urls) {
      assertTrue(Files.isRegularFile(data.resolve("objects").resolve(url.substring(url.lastIndexOf('/') + 1))),
          url + " is in the volume " + data);
    }
    start();
    token = signin();
    assertEquals(urls, imageUrls().getList());
    assertArrayEquals(face, api.getAbsolute(urls.get(0)).body().getBytes());
    assertArrayEquals(photo, api.getAbsolute(urls.get(1)).body().getBytes());
    assertSearch(200, true, jpeg(mirrored(portrait(ANNA)), 0.9f));
  }

  /** Starts a new container of the image on the volume and waits until it is ready. */
  private void start() {
    String container = name + "-" + (containers.size() + 1);
    List<String> command = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", "host"));
    command.addAll(LIMITS);
    command.addAll(List.of("-v", volume + ":/data"));
    Map<String, String> environment = Map.of(
        "XPHOTO_HTTP_HOST", "127.0.0.1", "XPHOTO_HTTP_PORT", String.valueOf(port), "XPHOTO_HTTP_INSTANCES", "1",
        "XPHOTO_PUBLIC_URL", "http://127.0.0.1:" + port,
        "XPHOTO_SMTP_HOST", "127.0.0.1", "XPHOTO_SMTP_PORT", String.valueOf(mailbox.port()));
    environment.forEach((key, value) -> command.addAll(List.of("-e", key + "=" + value)));
    command.add(image);
    containers.add(container);
    Podman.check(QUICK, command.toArray(String[]::new));
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!"true".equals(Podman.check(QUICK, "inspect", "-f", "{{.State.Running}}", container).strip())) {
        throw new AssertionError(container + " exited:\n" + Podman.run(QUICK, "logs", container).output());
      }
      try {
        if (api.get("/health/ready").status() == 200) {
          return;
        }
      } catch (AssertionError notYetListening) {
        // connection refused until the server listens
      }
      sleep();
    }
    throw new AssertionError(container + " not ready within " + START + ":\n" + Podman.run(QUICK, "logs", container).output());
  }

  private String current() {
    return containers.get(containers.size() - 1);
  }

  private String signin() {
    Api.Reply signin = api.signin(username, Accounts.PASSWORD);
    assertEquals(200, signin.status(), signin.toString());
    return signin.json().getString("JWTToken");
  }

  private JsonArray imageUrls() {
    Api.Reply images = api.get("/images", token);
    assertEquals(200, images.status(), images.toString());
    return images.json().getJsonArray("urls");
  }

  private void assertSearch(int status, boolean interested, byte[] probe) {
    Api.Reply reply = api.upload("/images-db/?search", token, List.of(Map.entry("faceFile", probe)));
    assertEquals(status, reply.status(), reply.toString());
    assertEquals(interested, reply.json().getBoolean("isInterested"), reply.toString());
    assertEquals(1, reply.json().getInteger("faces"), reply.toString());
  }

  private static TreeSet<String> checks(JsonObject health, String status) {
    TreeSet<String> ids = new TreeSet<>();
    for (Object check : health.getJsonArray("checks")) {
      JsonObject c = (JsonObject) check;
      if (status.equals(c.getString("status"))) {
        ids.add(c.getString("id"));
      }
    }
    return ids;
  }

  /** The image's id as podman gives it: the SHA-256 of its config, named by the tarball's manifest.json. */
  private static String imageId(Path tarball) throws Exception {
    Map<String, byte[]> entries = new java.util.HashMap<>();
    try (InputStream in = Files.newInputStream(tarball); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().endsWith(".json")) {
          entries.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    String config = new JsonArray(new String(entries.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8))
        .getJsonObject(0).getString("Config");
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entries.get(config)));
  }

  private static void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
