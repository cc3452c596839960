package io.xphoto.backup;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.xphoto.support.Accounts;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.ServerProcess;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.mirrored;
import static io.xphoto.support.FacePhotos.portrait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code backup} of a running installation (embedded PostgreSQL, local objects) under sign-ups and uploads,
 * {@code restore} into an empty data dir, and a server started on it: every account, image, face registration
 * and session that existed when the backup started is there and works. The servers, the backup and the
 * restore run as processes of their own, as {@code ./run.sh} runs them.
 */
class BackupRestoreTest {

  private static final Duration START = Duration.ofSeconds(150);
  private static final int ACCOUNTS = 3;
  private static final int LOAD_THREADS = 4;

  private Path work;
  private Mailbox mailbox;
  private Vertx vertx;
  private final List<ServerProcess> processes = new ArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    work = TestDirectories.create("backup");
    mailbox = Mailbox.start();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (ServerProcess process : processes) {
      process.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().join();
    mailbox.close();
    TestDirectories.delete(work);
  }

  @Test
  void aBackupUnderTrafficRestoresEverythingItStartedWith() throws Exception {
    Path original = work.resolve("original");
    int originalPort = Ports.free();
    ServerProcess server = server("original", original, originalPort);
    server.awaitConsole("xphoto server listening", START);
    Api api = new Api(vertx, originalPort);

    // what exists when the backup starts
    Map<String, String> tokens = new HashMap<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      String username = uniqueName("bkup");
      String token = activeUser(api, mailbox, username);
      tokens.put(username, token);
      assertEquals(200, api.upload("/upload", token, TestImages.png(40 + i, 30, i), TestImages.jpeg(64, 48 + i, i)).status());
    }
    String faceOwner = tokens.keySet().iterator().next();
    Api.Reply registered = api.upload("/images-db", tokens.get(faceOwner), jpeg(portrait(ANNA), 0.9f), jpeg(portrait(BELLA), 0.9f));
    assertEquals(201, registered.status(), registered.toString());
    ForumClient browser = new ForumClient(vertx, originalPort);
    String forumName = "fb" + ProcessHandle.current().pid() % 100000;
    assertEquals(ForumClient.ok("/forum/main"), browser.register(forumName, PASSWORD, "backup-alias", null).json());
    assertEquals(forumName, browser.me().getString("username"));
    Map<String, String> imagesBefore = new HashMap<>();
    for (String token : tokens.values()) {
      imagesBefore.putAll(shaByKey(api, token));
    }

    // the backup, while sign-ups and uploads go on
    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger signups = new AtomicInteger();
    AtomicInteger uploads = new AtomicInteger();
    List<String> failures = new ArrayList<>();
    List<String> uploaders = new ArrayList<>(tokens.values());
    ExecutorService load = Executors.newFixedThreadPool(LOAD_THREADS);
    List<Future<?>> loaders = new ArrayList<>();
    for (int t = 0; t < LOAD_THREADS; t++) {
      int thread = t;
      loaders.add(load.submit(() -> {
        for (int n = 0; loading.get(); n++) {
          Api.Reply reply = thread % 2 == 0
              ? api.post("/signup", Accounts.signup(uniqueName("bkload"), uniqueName("bkload") + "@example.org", PASSWORD))
              : api.upload("/upload", uploaders.get(n % uploaders.size()), TestImages.png(20, 20, thread * 100000L + n));
          if (reply.status() / 100 != 2) {
            synchronized (failures) {
              failures.add(reply.toString());
            }
          } else {
            (thread % 2 == 0 ? signups : uploads).incrementAndGet();
          }
        }
      }));
    }
    Thread.sleep(500);
    Path backupFile = work.resolve("installation.tar");
    long backupStart = System.nanoTime();
    ServerProcess backup = ServerProcess.start(work.resolve("backup.log"), environment(original, originalPort), "backup",
        backupFile.toString());
    processes.add(backup);
    assertEquals(0, backup.awaitExit(Duration.ofSeconds(120)), backup.console());
    long backupMillis = (System.nanoTime() - backupStart) / 1_000_000;
    Thread.sleep(300);
    loading.set(false);
    for (Future<?> loader : loaders) {
      loader.get();
    }
    load.shutdown();
    assertEquals(List.of(), failures, "every request during the backup succeeded");
    assertTrue(signups.get() > 0 && uploads.get() > 0, signups + " sign-ups, " + uploads + " uploads during the backup");
    System.out.printf("backup took %d ms (process included) under %d sign-ups and %d uploads, all 2xx%n", backupMillis,
        signups.get(), uploads.get());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backupFile)));
    String secret = Files.readString(original.resolve("jwt-secret")).trim();
    assertFalse(backup.console().contains(secret), "the backup never prints the JWT key");
    Map<String, String> imagesAfter = new HashMap<>(imagesBefore);
    for (String token : tokens.values()) {
      imagesAfter.putAll(shaByKey(api, token));
    }

    // a restore refuses a non-empty data dir (here: the running original) in one line and touches nothing
    ServerProcess refused = ServerProcess.start(work.resolve("refused.log"), environment(original, originalPort), "restore",
        backupFile.toString());
    processes.add(refused);
    assertEquals(1, refused.awaitExit(Duration.ofSeconds(60)), refused.console());
    assertEquals(List.of("refusing to restore into " + original + ": it is not empty (a restore goes into an empty data "
        + "directory; name a new one with XPHOTO_DATA_DIR)"), refused.consoleLines());
    server.stop();

    Path restored = work.resolve("restored");
    int restoredPort = Ports.free();
    ServerProcess restore = ServerProcess.start(work.resolve("restore.log"), environment(restored, restoredPort), "restore",
        backupFile.toString());
    processes.add(restore);
    assertEquals(0, restore.awaitExit(Duration.ofSeconds(120)), restore.console());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.resolve("jwt-secret"))));
    assertEquals(secret, Files.readString(restored.resolve("jwt-secret")).trim());

    ServerProcess again = server("restored", restored, restoredPort);
    again.awaitConsole("xphoto server listening", START);
    Api restoredApi = new Api(vertx, restoredPort);
    for (Map.Entry<String, String> account : tokens.entrySet()) {
      Api.Reply signin = restoredApi.post("/signin", new JsonObject().put("username", account.getKey()).put("password", PASSWORD));
      assertEquals(200, signin.status(), signin.toString());
      Map<String, String> listed = shaByKey(restoredApi, account.getValue()); // the token issued before still works
      for (Map.Entry<String, String> image : listed.entrySet()) {
        assertEquals(imagesAfter.get(image.getKey()), image.getValue(), "image " + image.getKey() + " has its bytes");
      }
    }
    Map<String, String> restoredImages = new HashMap<>();
    for (String token : tokens.values()) {
      restoredImages.putAll(shaByKey(restoredApi, token));
    }
    assertTrue(restoredImages.keySet().containsAll(imagesBefore.keySet()), "every image of before the backup is there");
    Api.Reply found = restoredApi.upload("/images-db/?search", tokens.get(faceOwner),
        List.of(Map.entry("faceFile", jpeg(mirrored(portrait(ANNA)), 0.9f))));
    assertEquals(200, found.status(), found.toString());
    assertEquals(true, found.json().getBoolean("isInterested"));
    ForumClient sameBrowser = new ForumClient(vertx, restoredPort);
    sameBrowser.cookie(browser.cookie());
    assertEquals(forumName, sameBrowser.me().getString("username"), "the forum session of before the backup still works");
    System.out.printf("restored %d images (%d before the backup, %d after it)%n", restoredImages.size(),
        imagesBefore.size(), imagesAfter.size());
    again.stop();
  }

  /** Every image the account lists, by object key, with the SHA-256 of the bytes its URL serves. */
  private static Map<String, String> shaByKey(Api api, String token) {
    Api.Reply listed = api.get("/images", token);
    Map<String, String> images = new ConcurrentHashMap<>();
    if (listed.status() == 404) {
      return images;
    }
    assertEquals(200, listed.status(), listed.toString());
    for (Object url : listed.json().getJsonArray("urls")) {
      String key = url.toString().substring(url.toString().lastIndexOf('/') + 1);
      Api.Reply object = api.get("/objects/" + key);
      assertEquals(200, object.status(), url + ": " + object);
      images.put(key, sha256(object.body().getBytes()));
    }
    return images;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private ServerProcess server(String name, Path dataDir, int port) throws IOException {
    ServerProcess process = ServerProcess.start(work.resolve(name + ".log"), environment(dataDir, port));
    processes.add(process);
    return process;
  }

  private Map<String, String> environment(Path dataDir, int port) {
    return Map.ofEntries(
        Map.entry("XPHOTO_DATA_DIR", dataDir.toString()),
        Map.entry("XPHOTO_HTTP_PORT", Integer.toString(port)),
        Map.entry("XPHOTO_HTTP_INSTANCES", "1"),
        Map.entry("XPHOTO_HTTP_ACCESS_LOG", "false"),
        Map.entry("XPHOTO_SMTP_HOST", "127.0.0.1"),
        Map.entry("XPHOTO_SMTP_PORT", Integer.toString(mailbox.port())),
        Map.entry("XPHOTO_MAIL_POLL", "1s"),
        Map.entry("XPHOTO_MAIL_RETRY_MIN", "1s"),
        Map.entry("XPHOTO_MODEL_DIR", TestAssets.models().toString()),
        Map.entry("XPHOTO_CAPTCHA_TEST_ANSWER", ForumClient.CAPTCHA),
        Map.entry("XPHOTO_THROTTLE_ADDRESS_FAILURES", "1000"));
  }
}
