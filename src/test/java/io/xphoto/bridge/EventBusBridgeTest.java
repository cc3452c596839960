package io.xphoto.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountStore;
import io.xphoto.db.EmbeddingPage;
import io.xphoto.db.FaceStore;
import io.xphoto.db.ImageStore;
import io.xphoto.db.RegisteredFace;
import io.xphoto.faces.FaceService;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.support.Api;
import io.xphoto.support.Jwts;
import io.xphoto.support.Ports;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.TestImages.jpeg;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process in another language (Python 3, standard library only, {@code src/test/python/eventbus_call.py})
 * calls a service of a real server through the TCP event-bus bridge, as docs/EVENTBUS.md describes it.
 */
@ExtendWith(VertxExtension.class)
class EventBusBridgeTest {

  private static final Path PYTHON_CLIENT = Path.of("src", "test", "python", "eventbus_call.py").toAbsolutePath();
  /** No face workers: their warm-up takes seconds, and their address then has no consumer (NO_HANDLERS). */
  private static final String ROLES_WITHOUT_FACES = "http,db,mail,storage";

  private static TestInstallation xphoto;
  private static int bridgePort;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    bridgePort = Ports.free();
    xphoto = TestInstallation.start(vertx, Map.of(
        "node.roles", ROLES_WITHOUT_FACES,
        "bridge.enabled", "true",
        "bridge.port", Integer.toString(bridgePort),
        "bridge.permitted", ImageStore.ADDRESS + "," + FaceStore.ADDRESS + "," + FaceService.address("local")));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void aPythonClientGetsWhatTheJavaProxyGets() throws Exception {
    String token = xphoto.activeUser(uniqueName("py"));
    Api.Reply upload = xphoto.api().upload("/upload", token, png(40, 30, 1), jpeg(64, 48, 2));
    assertEquals(200, upload.status(), upload.toString());
    long owner = Long.parseLong(Jwts.payload(token).getString("id"));

    List<String> viaProxy = Api.join(ImageStore.proxy(xphoto.server().vertx()).imageKeys(owner));
    JsonObject viaBridge = throughPython(ImageStore.ADDRESS, "imageKeys", new JsonObject().put("ownerId", owner));

    assertEquals(2, viaProxy.size(), viaProxy.toString());
    assertEquals("message", viaBridge.getString("type"), viaBridge.encode());
    assertEquals(new JsonArray(viaProxy), viaBridge.getJsonArray("body"));
  }

  /**
   * The face library's payloads are typed data objects on the JVM and the JSON of docs/EVENTBUS.md on the wire:
   * faces a Python client registers in that JSON are what the Java proxy lists, and the Python client reads
   * them back as the Java proxy does, embeddings included (base64url).
   */
  @Test
  void facesRegisteredInTheDocumentedJsonAreReadBackAlikeByBothClients() throws Exception {
    String token = xphoto.activeUser(uniqueName("pyface"));
    String url = xphoto.api().upload("/upload", token, jpeg(64, 48, 3)).json().getJsonArray("urls").getString(0);
    String key = ObjectKeys.fromUrl(url).orElseThrow();
    long owner = Long.parseLong(Jwts.payload(token).getString("id"));
    byte[] embedding = new byte[2048];
    embedding[3] = 0x3f;
    embedding[2] = (byte) 0x80; // the first float is 1.0, little-endian: a unit vector
    String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString(embedding);
    JsonObject face = new JsonObject().put("imageKey", key)
        .put("box", new JsonArray().add(1.5).add(2).add(30.25).add(40)).put("score", 0.75).put("embedding", base64url);

    JsonObject registered = throughPython(FaceStore.ADDRESS, "registerFaces", new JsonObject().put("ownerId", owner)
        .put("requestId", UUID.randomUUID().toString())
        .put("registration", new JsonObject().put("faces", new JsonArray().add(face))));
    assertEquals("message", registered.getString("type"), registered.encode());
    long id = registered.getJsonArray("body").getLong(0);

    FaceStore store = FaceStore.proxy(xphoto.server().vertx());
    List<RegisteredFace> viaProxy = Api.join(store.listFaces(owner));
    assertEquals(1, viaProxy.size());
    assertEquals(id, viaProxy.get(0).getId());
    assertEquals(key, viaProxy.get(0).getImageKey());
    assertEquals(List.of(1.5f, 2f, 30.25f, 40f), viaProxy.get(0).getBox());
    assertEquals(0.75f, viaProxy.get(0).getScore());
    JsonObject listed = throughPython(FaceStore.ADDRESS, "listFaces", new JsonObject().put("ownerId", owner));
    JsonObject listedFace = listed.getJsonArray("body").getJsonObject(0);
    assertEquals(Set.of("id", "imageKey", "box", "score", "created"), listedFace.fieldNames());
    assertEquals(viaProxy.get(0).getCreated(), Instant.parse(listedFace.getString("created")));
    assertEquals(new JsonArray(viaProxy.stream().map(RegisteredFace::toJson).toList()), listed.getJsonArray("body"));

    EmbeddingPage page = Api.join(store.embeddings(owner, 0, 10));
    assertEquals(1, page.getCount());
    assertEquals(id, page.getLastId());
    assertArrayEquals(embedding, page.getEmbeddings().getBytes());
    JsonObject pageViaBridge = throughPython(FaceStore.ADDRESS, "embeddings", new JsonObject().put("ownerId", owner)
        .put("afterId", 0).put("limit", 10));
    assertEquals(List.of(id), page.getIds());
    assertEquals(new JsonObject().put("count", 1).put("lastId", id).put("embeddings", base64url)
        .put("ids", new JsonArray().add(id)), pageViaBridge.getJsonObject("body"));
  }

  @Test
  void aServiceFailureArrivesAsAnErrorFrameWithItsCodeAndMessage() throws Exception {
    JsonObject frame = throughPython(ImageStore.ADDRESS, "noSuchMethod", new JsonObject());

    assertEquals("err", frame.getString("type"), frame.encode());
    assertEquals(ImageStore.ADDRESS, frame.getString("sourceAddress"));
    assertEquals(500, frame.getInteger("failureCode"));
    assertEquals("RECIPIENT_FAILURE", frame.getString("failureType"));
    assertEquals("Invalid action: noSuchMethod", frame.getString("message"));
  }

  @Test
  void aServiceThatIsNotRunningArrivesAsNoHandlers() throws Exception {
    JsonObject frame = throughPython(FaceService.address("local"), "search", new JsonObject().put("ownerId", 1));

    assertEquals("err", frame.getString("type"), frame.encode());
    assertEquals("NO_HANDLERS", frame.getString("failureType"));
    assertEquals(-1, frame.getInteger("failureCode"));
  }

  @Test
  void anAddressNotPermittedIsRefused() throws Exception {
    JsonObject frame = throughPython(AccountStore.ADDRESS, "ping", new JsonObject());

    assertEquals(new JsonObject().put("type", "err").put("message", "access_denied"), frame);
  }

  @Test
  void withTheBridgeDisabledNothingListens() throws Exception {
    assertFalse(Settings.load(Map.of()).bool("bridge.enabled"), "off by default");
    int port = Ports.free();
    try (XphotoServer disabled = TestServer.start(xphoto.mailbox().port(), Map.of(
        "node.roles", "db", "bridge.port", Integer.toString(port), "bridge.permitted", ImageStore.ADDRESS))) {
      assertTrue(disabled.vertx().deploymentIDs().size() > 0, "the node runs");
      assertThrows(ConnectException.class, () -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
      });
    }
  }

  @Test
  void theBridgeListensOnLoopbackOnly() throws IOException {
    Settings defaults = Settings.load(Map.of());
    assertEquals("127.0.0.1", BridgeSettings.of(defaults).host());
    assertEquals("::1", BridgeSettings.of(defaults.with(Map.of("bridge.host", "[::1]"))).host());
    for (String host : List.of("0.0.0.0", "192.168.1.7", "::", "example.org")) {
      assertThrows(IllegalArgumentException.class,
          () -> BridgeSettings.of(defaults.with(Map.of("bridge.host", host))), host);
    }
  }

  @Test
  void theBridgeKeysCanBeSetFromTheEnvironment() throws IOException {
    Settings settings = Settings.load(Map.of("XPHOTO_BRIDGE_ENABLED", "true", "XPHOTO_BRIDGE_PORT", "7123",
        "XPHOTO_BRIDGE_PERMITTED", "xphoto.db.images, xphoto.storage"));

    assertTrue(settings.bool("bridge.enabled"));
    assertEquals(new BridgeSettings("127.0.0.1", 7123, List.of("xphoto.db.images", "xphoto.storage")),
        BridgeSettings.of(settings));
    assertEquals(List.of(), BridgeSettings.of(Settings.load(Map.of())).permitted(), "nothing permitted by default");
  }

  /** The frame that answered one request of the Python client, which runs as a process of its own. */
  private static JsonObject throughPython(String address, String action, JsonObject body) throws Exception {
    Process python = new ProcessBuilder("python3", PYTHON_CLIENT.toString(), "127.0.0.1",
        Integer.toString(bridgePort), address, action, body.encode())
        .redirectErrorStream(true)
        .start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(python.waitFor(30, TimeUnit.SECONDS), "the Python client ends");
    assertEquals(0, python.exitValue(), output);
    return new JsonObject(output);
  }
}
