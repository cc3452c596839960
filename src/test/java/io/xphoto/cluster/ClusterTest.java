package io.xphoto.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.db.RevokedToken;
import io.xphoto.db.RevokedTokenStore;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three nodes of one Hazelcast cluster in this JVM: a back end (db, storage, faces: no HTTP), an HTTP node
 * that also sends the mail, and a bare HTTP node, so that every service call crosses the clustered event
 * bus, encoded for the wire: accounts, mail, photos, the face library and forum sessions.
 */
@ExtendWith(VertxExtension.class)
class ClusterTest {

  private static Mailbox mailbox;
  private static XphotoServer backEnd;
  private static XphotoServer front;
  private static XphotoServer otherFront;
  private static Api api;
  private static Api otherApi;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    mailbox = Mailbox.start();
    DatabaseTarget database = TestPostgres.freshDatabase();
    int[] hazelcastPorts = {Ports.free(), Ports.free(), Ports.free()};
    String members = "127.0.0.1:" + hazelcastPorts[0] + ",127.0.0.1:" + hazelcastPorts[1] + ",127.0.0.1:" + hazelcastPorts[2];
    // One data dir: the local object store is read by the HTTP nodes, written by the storage node.
    String dataDir = TestDirectories.createForTheRun("cluster").toString();
    // One public URL, as behind a load balancer: here the first HTTP node.
    int frontPort = Ports.free();
    Map<String, String> shared = Map.of("cluster.members", members, "data.dir", dataDir,
        "public.url", "http://127.0.0.1:" + frontPort, "captcha.test-answer", CAPTCHA);
    backEnd = TestServer.startOn(database, mailbox.port(), node("db,storage,faces", hazelcastPorts[0], shared));
    Map<String, String> frontSettings = new HashMap<>(node("http,mail", hazelcastPorts[1], shared));
    frontSettings.put("http.port", Integer.toString(frontPort));
    front = TestServer.startOn(database, mailbox.port(), frontSettings);
    otherFront = TestServer.startOn(database, mailbox.port(), node("http", hazelcastPorts[2], shared));
    api = new Api(vertx, front);
    otherApi = new Api(vertx, otherFront);
  }

  private static Map<String, String> node(String roles, int hazelcastPort, Map<String, String> shared) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.put("node.roles", roles);
    settings.put("cluster.enabled", "true");
    settings.put("cluster.name", "xphoto-test-" + ProcessHandle.current().pid());
    settings.put("cluster.port", Integer.toString(hazelcastPort));
    return settings;
  }

  @AfterAll
  static void stop() {
    otherFront.close();
    front.close();
    backEnd.close();
    mailbox.close();
  }

  @Test
  void eachNodeRunsOnlyItsRoles() {
    assertTrue(backEnd.database().isPresent());
    assertTrue(front.database().isEmpty());
    assertTrue(otherFront.database().isEmpty());
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", backEnd.settings().integer("http.port")).close(),
        "the back end has no HTTP verticle");
  }

  @Test
  void anAccountMadeOnOneHttpNodeWorksOnTheOtherUntilItSignsOut() {
    String username = uniqueName("node");
    String token = activeUser(api, mailbox, username);
    Api.Reply info = otherApi.get("/userInfo", token);
    assertEquals(200, info.status(), info.toString());
    assertEquals(username, info.json().getString("username"));

    assertEquals(200, api.post("/signout", new JsonObject(), token).status());
    assertEquals(401, api.get("/userInfo", token).status());
    assertEquals(401, otherApi.get("/userInfo", token).status(), "the sign-out reached the other node before its answer");
  }

  @Test
  void aSignOutIsInForceOnEveryHttpNodeWhenItIsAnswered() {
    String username = uniqueName("out");
    activeUser(api, mailbox, username);
    for (int i = 0; i < 10; i++) {
      Api.Reply signin = api.post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
      String token = signin.json().getString("JWTToken");
      assertEquals(200, otherApi.get("/userInfo", token).status());
      assertEquals(200, api.post("/signout", new JsonObject(), token).status());
      assertEquals(401, otherApi.get("/userInfo", token).status(), "sign-out " + i + " was in force on the other node");
    }
  }

  /** A list of data objects as a reply: over the wire its elements arrive as maps, not as JSON objects. */
  @Test
  void aListOfDataObjectsCrossesTheWire() throws Exception {
    String token = activeUser(api, mailbox, uniqueName("list"));
    assertEquals(200, api.post("/signout", new JsonObject(), token).status());
    String jti = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8))
        .getString("jti");
    List<RevokedToken> revoked = RevokedTokenStore.proxy(otherFront.vertx()).revokedTokens()
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertTrue(revoked.stream().anyMatch(t -> t.getJti().equals(jti) && t.getExpiresAt() > System.currentTimeMillis() / 1000),
        "the sign-out's token among " + revoked.size());
  }

  @Test
  void aClusterNodeNeedsAnExplicitClusterName() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TestServer.startWith(
        Map.of("node.roles", "http", "cluster.enabled", "true", "cluster.members", "127.0.0.1:" + Ports.free())));
    assertTrue(refused.getMessage().startsWith("cluster.name (XPHOTO_CLUSTER_NAME) must be set"), refused.getMessage());
  }

  @Test
  void aForumSessionStartedOnOneHttpNodeContinuesOnTheOtherUntilLogout(Vertx vertx) {
    ForumClient browser = new ForumClient(vertx, front);
    browser.captcha();
    ForumClient sameBrowserElsewhere = browser.on(otherFront);
    String username = uniqueName("forum");
    Api.Reply registered = sameBrowserElsewhere.post("/forum/user/reg", new JsonObject().put("username", username)
        .put("password", PASSWORD).put("alias", "clustered").put("captcha", CAPTCHA));
    assertEquals(ForumClient.ok("/forum/main"), registered.json(), "the captcha was made on the other node");
    assertEquals(username, sameBrowserElsewhere.on(front).me().getString("username"));

    String session = sameBrowserElsewhere.cookie();
    assertEquals(ForumClient.ok("/forum/main"), sameBrowserElsewhere.post("/forum/user/logout", new JsonObject()).json());
    ForumClient stale = new ForumClient(vertx, front);
    stale.cookie(session);
    assertEquals(401, stale.get("/forum/user/info").status(), "the logout on one node ended the session on the other");
  }

  @Test
  void photosGoThroughTheStorageNodeAndServeFromEither() {
    String token = activeUser(api, mailbox, uniqueName("pics"));
    byte[] photo = jpeg(portrait(ANNA), 0.9f);
    Api.Reply upload = api.upload("/upload", token, photo);
    assertEquals(200, upload.status(), upload.toString());
    String url = upload.json().getJsonArray("urls").getString(0);

    String object = url.substring(url.lastIndexOf('/'));
    assertEquals(front.settings().string("public.url") + "/objects" + object, url);
    List<?> listed = otherApi.get("/images", token).json().getJsonArray("urls").getList();
    assertEquals(1, listed.size());
    assertEquals(url, listed.get(0));
    Api.Reply served = otherApi.get("/objects" + object);
    assertEquals(200, served.status());
    assertArrayEquals(photo, served.body().getBytes());
  }

  @Test
  void theFaceLibraryIsServedByTheBackEndsWorker() {
    String token = activeUser(api, mailbox, uniqueName("faces"));
    Api.Reply registered = api.upload("/images-db", token, jpeg(portrait(ANNA), 0.9f));
    assertEquals("register success!", registered.json().getString("message"), registered.toString());
    assertEquals(1, registered.json().getJsonArray("faces").size(), registered.toString());
    Api.Reply search = otherApi.upload("/images-db/?search", token, List.of(Map.entry("faceFile", jpeg(portrait(ANNA), 0.6f))));
    assertEquals(200, search.status(), search.toString());
    assertTrue(search.json().getBoolean("isInterested"));

    Api.Reply listed = otherApi.get("/images-db", token);
    assertEquals(200, listed.status(), listed.toString());
    assertEquals(1, listed.json().getJsonArray("faces").size());
  }

  /**
   * Faces registered and searched by URL, from the node that runs no worker: the stored image's source (no
   * check), the registration's result, the search and the library's list all cross the wire as data objects.
   */
  @Test
  void faceCallsOnStoredImagesCrossTheWire() {
    String token = activeUser(api, mailbox, uniqueName("facesurl"));
    String url = api.upload("/upload", token, jpeg(portrait(BELLA), 0.9f)).json().getJsonArray("urls").getString(0);
    assertEquals(201, otherApi.post("/images-db", new JsonObject().put("file", url), token).status());
    Api.Reply search = otherApi.post("/images-db/search", new JsonObject().put("faceFile", url), token);
    assertEquals(200, search.status(), search.toString());
    assertTrue(search.json().getDouble("score") > 0.99, search.toString());
    JsonObject matched = search.json().getJsonObject("match").getJsonObject("libraryFace");

    JsonArray faces = otherApi.get("/images-db", token).json().getJsonArray("faces");
    assertEquals(1, faces.size(), faces.encode());
    JsonObject face = faces.getJsonObject(0);
    assertEquals(Set.of("id", "image", "box", "score", "created"), face.fieldNames());
    assertEquals(url, face.getString("image"));
    assertEquals(face.getLong("id"), matched.getLong("id"), "the search names the face it matched, read on the back end");
    assertEquals(url, matched.getString("image"));
    assertEquals(4, face.getJsonArray("box").size());
    assertTrue(Instant.parse(face.getString("created")).isAfter(Instant.now().minusSeconds(600)), face.encode());
  }
}
