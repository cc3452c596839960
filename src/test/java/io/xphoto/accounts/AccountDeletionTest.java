package io.xphoto.accounts;

import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.VertxExtension;
import io.xphoto.XphotoServer;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.storage.ObjectKeys;
import io.xphoto.support.AccountRows;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.S3Server;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.activeUser;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code DELETE /account} through the HTTP API: every row and object goes, on local disk and on S3. */
@ExtendWith(VertxExtension.class)
class AccountDeletionTest {

  static final JsonObject DELETED = new JsonObject().put("success", "帐号已删除，您的照片、人脸库和登录记录都已清除。");
  static final JsonObject WRONG_PASSWORD = new JsonObject().put("error", "密码错误，帐号未删除。");
  private static final JsonObject UNAUTHORIZED = new JsonObject().put("error", "未登录或登录已过期。");
  private static final JsonObject NOT_LOGGED_IN = new JsonObject().put("status", "failed").put("reason", "请先登录。");
  private static final String GUESSER = "203.0.113.77";

  private static TestInstallation xphoto;
  private static S3Server s3;
  private static Path objects;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    s3 = S3Server.start();
    xphoto = TestInstallation.start(vertx, settings(Map.of()));
    objects = Path.of(xphoto.server().settings().string("data.dir"), "objects");
  }

  private static Map<String, String> settings(Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "captcha.test-answer", ForumClient.CAPTCHA,
        "http.trusted-proxies", "127.0.0.1, ::1",
        "storage.sweep-interval", "500ms",
        "storage.orphan-grace", "1m"));
    settings.putAll(more);
    return settings;
  }

  @AfterAll
  static void stop() throws Exception {
    xphoto.close();
    s3.close();
  }

  /** What an account owns before it is deleted: photos, a face, an avatar, a forum session, a counted failure, a mail. */
  private record Owned(String name, String token, long id, List<String> urls, String avatarKey, ForumClient browser) {
  }

  private static Owned accountWithEverything(Vertx vertx, Api api, XphotoServer server) throws Exception {
    String name = uniqueName("delia");
    String token = activeUser(api, xphoto.mailbox(), name);
    long id = Long.parseLong(Jwts.payload(token).getString("id"));
    List<String> urls = new ArrayList<>(urls(api.upload("/upload", token, png(20, 20, 1), png(21, 20, 2))));
    Api.Reply face = api.upload("/images-db", token, jpeg(portrait(ANNA), 0.9f));
    assertEquals(201, face.status(), face.toString());
    List<String> uploadedKeys = urls.stream().map(url -> ObjectKeys.fromUrl(url).orElseThrow()).toList();
    urls.addAll(urls(api.get("/images", token)).stream()
        .filter(url -> !uploadedKeys.contains(ObjectKeys.fromUrl(url).orElseThrow())).toList());
    assertEquals(3, urls.size());
    Api.Reply avatar = avatar(api, token, png(6, 6, 3));
    assertEquals(200, avatar.status(), avatar.toString());
    String resaddr = avatar.json().getString("resaddr");
    ForumClient browser = new ForumClient(vertx, server);
    assertEquals(ForumClient.ok("/forum/main"), browser.login(name, PASSWORD).json());
    Api.Reply guess = api.send(api.request(HttpMethod.POST, "/signin", null).putHeader("X-Forwarded-For", GUESSER),
        new JsonObject().put("username", name).put("password", "not the password").toBuffer());
    assertEquals(401, guess.status());
    DatabaseTarget db = server.database().orElseThrow().target();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement mail = connection.prepareStatement("""
             INSERT INTO mail_outbox (recipient, subject, body, next_attempt_at)
             VALUES (?, 'pending', 'not sent yet', now() + INTERVAL '1 day')""")) {
      mail.setString(1, emailOf(name).toUpperCase()); // the address matches whatever its case
      mail.executeUpdate();
    }
    Map<String, Long> rows = AccountRows.of(db, id, emailOf(name));
    for (String kind : List.of("users.id", "images.owner_id", "faces.owner_id", "face_registrations.owner_id",
        "signin_failures.account", "web_sessions.user_id", "issued_tokens.user_id", "mail_outbox.recipient")) {
      assertTrue(rows.containsKey(kind), kind + " in " + rows);
    }
    return new Owned(name, token, id, urls, resaddr.substring(resaddr.lastIndexOf('/') + 1), browser);
  }

  private static Api.Reply delete(Api api, String token, String password) {
    return api.send(api.request(HttpMethod.DELETE, "/account", token), new JsonObject().put("password", password).toBuffer());
  }

  @Test
  void aDeletedAccountLeavesNoRowNoObjectNoSessionAndFreesItsNames(Vertx vertx) throws Exception {
    Owned owned = accountWithEverything(vertx, xphoto.api(), xphoto.server());
    DatabaseTarget db = xphoto.server().database().orElseThrow().target();
    List<Path> files = Stream.concat(owned.urls().stream().map(url -> ObjectKeys.fromUrl(url).orElseThrow()),
        Stream.of(owned.avatarKey())).map(objects::resolve).toList();
    files.forEach(file -> assertTrue(Files.exists(file), file.toString()));
    String otherToken = xphoto.api().post("/signin", new JsonObject().put("username", owned.name()).put("password", PASSWORD))
        .json().getString("JWTToken");
    assertEquals(200, xphoto.api().get("/userInfo", otherToken).status());

    Api.Reply wrong = delete(xphoto.api(), owned.token(), "not the password");
    assertEquals(403, wrong.status());
    assertEquals(WRONG_PASSWORD, wrong.json());
    assertTrue(AccountRows.of(db, owned.id(), null).containsKey("users.id"), "nothing is deleted");

    Api.Reply deleted = delete(xphoto.api(), owned.token(), PASSWORD);
    assertEquals(200, deleted.status(), deleted.toString());
    assertEquals(DELETED, deleted.json());

    assertEquals(Map.of(), AccountRows.of(db, owned.id(), emailOf(owned.name())));
    files.forEach(file -> assertFalse(Files.exists(file), "removed after the commit: " + file));
    for (String url : owned.urls()) {
      assertEquals(404, xphoto.api().getAbsolute(url).status(), url);
    }
    Api.Reply userInfo = xphoto.api().get("/userInfo", owned.token());
    assertEquals(401, userInfo.status(), "the token is refused at once");
    assertEquals(UNAUTHORIZED, userInfo.json());
    assertEquals(401, xphoto.api().get("/account/export", owned.token()).status());
    assertEquals(401, xphoto.api().get("/userInfo", otherToken).status(), "every token of the account, not only the caller's");
    Api.Reply forum = owned.browser().get("/forum/user/info");
    assertEquals(401, forum.status(), "the forum session is gone");
    assertEquals(NOT_LOGGED_IN, forum.json());
    assertEquals(401, delete(xphoto.api(), owned.token(), PASSWORD).status());

    assertEquals(200, xphoto.api().post("/signup", signup(owned.name(), emailOf(owned.name()), PASSWORD)).status(),
        "the username and the email are free again");
    String again = xphoto.activeUser(uniqueName("delib"));
    assertEquals(200, xphoto.api().get("/userInfo", again).status(), "other accounts are untouched");
  }

  @Test
  void wrongPasswordsAreCountedAsFailedSignIns() {
    String name = uniqueName("delthr");
    String token = xphoto.activeUser(name);
    for (int i = 0; i < 5; i++) {
      Api.Reply wrong = delete(xphoto.api(), token, "guess " + i);
      assertEquals(403, wrong.status(), wrong.toString());
      assertEquals(WRONG_PASSWORD, wrong.json());
    }
    Api.Reply refused = delete(xphoto.api(), token, PASSWORD);
    assertEquals(429, refused.status(), "the throttle of sign-ins, this account from this address");
    assertEquals(new JsonObject().put("error", "登录失败次数过多，请稍后再试。"), refused.json());
    assertTrue(refused.header("Retry-After").matches("[1-9][0-9]*"));
    assertEquals(200, xphoto.api().get("/account/export", token).status(), "the account is still there");
    Api.Reply signin = xphoto.api().post("/signin", new JsonObject().put("username", name).put("password", PASSWORD));
    assertEquals(429, signin.status(), "the same counters as /signin");
  }

  @Test
  void aMissingPasswordIs422() {
    String token = xphoto.activeUser(uniqueName("delmis"));
    Api.Reply missing = xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/account", token), new JsonObject().toBuffer());
    assertEquals(422, missing.status());
    assertEquals(new JsonObject().put("error", "缺少参数：password"), missing.json());
    assertEquals(401, delete(xphoto.api(), null, PASSWORD).status());
  }

  /**
   * Uploads and a face registration of the account in flight while it is deleted: each either committed
   * before (its rows and objects go with the account) or fails on the missing owner and removes its objects.
   */
  @Test
  void uploadsRacingADeletionLeaveNoRowAndNoObject() throws Exception {
    String name = uniqueName("delrace");
    String token = xphoto.activeUser(name);
    long id = Long.parseLong(Jwts.payload(token).getString("id"));
    Set<String> before = listing(objects);
    List<Future<Api.Reply>> uploads = new ArrayList<>();
    MultipartForm faceForm = MultipartForm.create()
        .binaryFileUpload("file", "anna.jpg", Buffer.buffer(jpeg(portrait(ANNA), 0.9f)), "image/jpeg");
    uploads.add(xphoto.api().request(HttpMethod.POST, "/images-db", token).sendMultipartForm(faceForm)
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
    uploads.add(upload(token, 0));
    Api.join(Future.any(uploads)); // one is in
    Future<Api.Reply> deletion = xphoto.api().sendAsync(xphoto.api().request(HttpMethod.DELETE, "/account", token),
        new JsonObject().put("password", PASSWORD).toBuffer());
    // uploads keep starting while the password is checked and the transaction runs, and a few after it
    for (int i = 1; !deletion.isComplete() && i < 500; i++) {
      uploads.add(upload(token, i));
      Thread.sleep(5);
    }
    for (int i = 0; i < 3; i++) {
      uploads.add(upload(token, 1000 + i));
    }
    Api.Reply deleted = Api.join(deletion);
    assertEquals(200, deleted.status(), deleted.toString());
    int answered = 0;
    for (Future<Api.Reply> upload : uploads) {
      Api.Reply reply = Api.join(upload);
      assertTrue(reply.status() == 200 || reply.status() == 201 || reply.status() == 401, reply.toString());
      if (reply.status() == 401) {
        assertEquals(UNAUTHORIZED, reply.json());
      } else {
        answered++;
      }
    }
    assertTrue(answered >= 1, "at least one upload was in before the deletion");
    assertTrue(answered < uploads.size(), "those started after it were refused");
    System.out.printf("racing uploads: %d in before the deletion, %d refused after it%n", answered, uploads.size() - answered);
    assertEquals(Map.of(), AccountRows.of(xphoto.server().database().orElseThrow().target(), id, emailOf(name)));
    assertEquals(before, listing(objects), "no object of the account is left");
  }

  /** A server dying after the deletion's commit, before its objects were removed: the orphan sweep takes them. */
  @Test
  void objectsLeftByACrashAfterTheCommitAreSwept() throws Exception {
    String token = xphoto.activeUser(uniqueName("delcrash"));
    long id = Long.parseLong(Jwts.payload(token).getString("id"));
    String url = urls(xphoto.api().upload("/upload", token, png(12, 12, 7))).get(0);
    String resaddr = avatar(xphoto.api(), token, png(6, 6, 8)).json().getString("resaddr");
    Path image = objects.resolve(ObjectKeys.fromUrl(url).orElseThrow());
    Path avatar = objects.resolve(resaddr.substring(resaddr.lastIndexOf('/') + 1));
    DatabaseTarget db = xphoto.server().database().orElseThrow().target();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
      delete.setLong(1, id); // what the deletion's transaction commits; the server "dies" before the objects go
      assertEquals(1, delete.executeUpdate());
    }
    FileTime hourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(image, hourAgo);
    Files.setLastModifiedTime(avatar, hourAgo);
    long deadline = System.currentTimeMillis() + 15_000;
    while ((Files.exists(image) || Files.exists(avatar)) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(Files.exists(image), "the photo of the deleted account is swept");
    assertFalse(Files.exists(avatar), "its avatar too");
  }

  @Test
  void onS3EveryObjectOfTheAccountIsRemovedFromTheBucket(Vertx vertx) throws Exception {
    String bucket = "deleting";
    try (XphotoServer s3Server = TestServer.start(xphoto.mailbox().port(), settings(s3.settings(bucket)))) {
      Api s3Api = new Api(vertx, s3Server);
      Owned owned = accountWithEverything(vertx, s3Api, s3Server);
      MinioClient minio = MinioClient.builder().endpoint(s3.endpoint())
          .credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY).build();
      Set<String> stored = bucketKeys(minio, bucket);
      assertEquals(4, stored.size(), "three photos and the avatar: " + stored);
      assertTrue(stored.contains(owned.avatarKey()));

      Api.Reply deleted = delete(s3Api, owned.token(), PASSWORD);
      assertEquals(200, deleted.status(), deleted.toString());
      assertEquals(DELETED, deleted.json());
      assertEquals(Set.of(), bucketKeys(minio, bucket), "the bucket holds nothing of the account");
      assertEquals(Map.of(), AccountRows.of(s3Server.database().orElseThrow().target(), owned.id(), emailOf(owned.name())));
      assertEquals(404, s3Api.getAbsolute(owned.urls().get(0)).status());
      assertEquals(401, s3Api.get("/userInfo", owned.token()).status());
    }
  }

  private static Future<Api.Reply> upload(String token, int seed) {
    MultipartForm form = MultipartForm.create()
        .binaryFileUpload("file", "a.png", Buffer.buffer(png(30, 30, 100 + seed)), "image/png")
        .binaryFileUpload("file", "b.png", Buffer.buffer(png(31, 30, 5000 + seed)), "image/png");
    return xphoto.api().request(HttpMethod.POST, "/upload", token).sendMultipartForm(form)
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body()));
  }

  static Api.Reply avatar(Api api, String token, byte[] png) {
    return Api.join(api.request(HttpMethod.PUT, "/forum/user/avatar", token)
        .putHeader("Content-Type", "image/png").sendBuffer(Buffer.buffer(png))
        .map(r -> new Api.Reply(r.statusCode(), r.headers(), r.body())));
  }

  static List<String> urls(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.toString());
    return reply.json().getJsonArray("urls").stream().map(String.class::cast).toList();
  }

  private static Set<String> bucketKeys(MinioClient minio, String bucket) throws Exception {
    Set<String> keys = new TreeSet<>();
    for (var item : minio.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
      keys.add(item.get().objectName());
    }
    return keys;
  }

  private static Set<String> listing(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
    }
  }
}
