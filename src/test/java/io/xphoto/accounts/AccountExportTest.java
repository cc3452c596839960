package io.xphoto.accounts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.xphoto.support.Api;
import io.xphoto.support.ForumClient;
import io.xphoto.support.Jwts;
import io.xphoto.support.TestInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xphoto.accounts.AccountDeletionTest.urls;
import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.ANNA;
import static io.xphoto.support.FacePhotos.BELLA;
import static io.xphoto.support.FacePhotos.portrait;
import static io.xphoto.support.TestImages.jpeg;
import static io.xphoto.support.TestImages.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /account/export} through the HTTP API, its content checked against what was uploaded and registered. */
@ExtendWith(VertxExtension.class)
class AccountExportTest {

  private static final String GUESSER = "198.51.100.23";

  private static TestInstallation xphoto;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", ForumClient.CAPTCHA,
        "http.trusted-proxies", "127.0.0.1, ::1"));
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theExportHoldsTheProfileImagesFacesSessionsAndEventsButNoSecret(Vertx vertx) throws Exception {
    String name = uniqueName("expo");
    String token = xphoto.activeUser(name);
    JsonObject claims = Jwts.payload(token);
    List<String> uploaded = urls(xphoto.api().upload("/upload", token, png(40, 30, 1), jpeg(64, 48, 2)));
    Api.Reply registered = xphoto.api().upload("/images-db", token, io.xphoto.support.FacePhotos.jpeg(portrait(ANNA), 0.9f),
        io.xphoto.support.FacePhotos.jpeg(portrait(BELLA), 0.9f));
    assertEquals(201, registered.status(), registered.toString());
    ForumClient browser = xphoto.browser();
    assertEquals(ForumClient.ok("/forum/main"), browser.login(name, PASSWORD).json());
    Api.Reply guess = xphoto.api().send(xphoto.api().request(HttpMethod.POST, "/signin", null).putHeader("X-Forwarded-For", GUESSER),
        new JsonObject().put("username", name).put("password", "a wrong guess").toBuffer());
    assertEquals(401, guess.status());

    Api.Reply reply = xphoto.api().get("/account/export", token);
    assertEquals(200, reply.status(), reply.toString());
    assertEquals("application/json; charset=utf-8", reply.header("Content-Type"));
    assertEquals("attachment; filename=\"xphoto-export-" + name + ".json\"", reply.header("Content-Disposition"));
    String text = reply.body().toString(StandardCharsets.UTF_8);
    for (String secret : List.of(token, claims.getString("jti"), browser.cookie(), sha256Hex(browser.cookie().getBytes(StandardCharsets.UTF_8)))) {
      assertFalse(text.contains(secret), "no token, jti, session id or its hash in the export");
    }
    assertFalse(text.contains("$argon2id$"), "no password hash");
    JsonObject export = reply.json();
    assertTrue(Instant.parse(export.getString("exported")).isAfter(Instant.now().minusSeconds(60)));

    JsonObject profile = export.getJsonObject("profile");
    assertEquals(Long.parseLong(claims.getString("id")), profile.getLong("id"));
    assertEquals(name, profile.getString("username"));
    assertEquals(emailOf(name), profile.getString("email"));
    assertEquals("user", profile.getString("role"));
    assertEquals(true, profile.getBoolean("active"));
    assertNull(profile.getString("avatar"));
    assertTrue(Instant.parse(profile.getString("created")).isBefore(Instant.now()));

    JsonArray images = export.getJsonArray("images");
    assertEquals(4, images.size(), "two uploads and the two registered photos");
    assertEquals(uploaded, List.of(images.getJsonObject(0).getString("url"), images.getJsonObject(1).getString("url")),
        "in upload order, the URLs /upload gave");
    assertEquals(new HashSet<>(urls(xphoto.api().get("/images", token))),
        new HashSet<>(images.stream().map(image -> ((JsonObject) image).getString("url")).toList()));
    int[][] sizes = {{40, 30}, {64, 48}};
    for (int i = 0; i < images.size(); i++) {
      JsonObject image = images.getJsonObject(i);
      Api.Reply served = xphoto.api().getAbsolute(image.getString("url"));
      assertEquals(200, served.status());
      byte[] bytes = served.body().getBytes();
      assertEquals(bytes.length, image.getInteger("bytes"));
      assertEquals(sha256Hex(bytes), image.getString("sha256"), "the SHA-256 of the bytes served");
      assertEquals(served.header("Content-Type"), image.getString("contentType"));
      if (i < 2) {
        assertEquals(sizes[i][0], image.getInteger("width"));
        assertEquals(sizes[i][1], image.getInteger("height"));
      }
      Instant.parse(image.getString("created"));
    }

    JsonArray faces = export.getJsonArray("faces");
    JsonArray listed = xphoto.api().get("/images-db", token).json().getJsonArray("faces");
    assertEquals(2, faces.size());
    for (int i = 0; i < faces.size(); i++) {
      JsonObject face = faces.getJsonObject(i);
      assertEquals(listed.getJsonObject(i).getLong("id"), face.getLong("id"));
      assertEquals(listed.getJsonObject(i).getString("image"), face.getString("image"));
      assertEquals(4, face.getJsonArray("box").size());
      assertTrue(face.getDouble("score") > 0.5);
      assertFalse(face.containsKey("embedding"), "no embedding unless asked");
    }

    JsonArray sessions = export.getJsonArray("sessions");
    assertEquals(2, sessions.size(), "the token of the sign-in and the forum session: " + sessions.encode());
    JsonObject signin = sessions.getJsonObject(0);
    assertEquals("token", signin.getString("kind"));
    assertEquals(claims.getLong("iat"), Instant.parse(signin.getString("created")).getEpochSecond());
    assertEquals(claims.getLong("exp"), Instant.parse(signin.getString("expires")).getEpochSecond());
    assertEquals("127.0.0.1", signin.getString("address"));
    assertTrue(signin.getString("userAgent").startsWith("Vert.x-WebClient"), signin.encode());
    assertNull(signin.getString("lastAccess"));
    JsonObject forum = sessions.getJsonObject(1);
    assertEquals("forum", forum.getString("kind"));
    assertTrue(Instant.parse(forum.getString("expires")).isAfter(Instant.now()));
    Instant minuteAgo = Instant.now().minusSeconds(60);
    assertTrue(Instant.parse(forum.getString("created")).isAfter(minuteAgo), "its login");
    assertTrue(Instant.parse(forum.getString("lastAccess")).isAfter(minuteAgo));
    assertNull(forum.getString("address"));
    assertEquals(Set.of("kind", "created", "expires", "lastAccess", "address", "userAgent"), forum.fieldNames());

    JsonArray events = export.getJsonArray("securityEvents");
    assertEquals(List.of("signin_failed", "signin_ok", "signin_ok", "activation", "signup"),
        events.stream().map(event -> ((JsonObject) event).getString("type")).toList(),
        "the audit log, newest first: " + events.encode());
    assertEquals(GUESSER, events.getJsonObject(0).getString("address"));
    assertEquals(guess.header("X-Request-Id"), events.getJsonObject(0).getString("requestId"));
    assertEquals(Set.of("type", "at", "address", "requestId", "byAdmin"), events.getJsonObject(0).fieldNames());

    JsonArray withEmbeddings = xphoto.api().get("/account/export?embeddings=true", token).json().getJsonArray("faces");
    assertEquals(2, withEmbeddings.size());
    for (int i = 0; i < withEmbeddings.size(); i++) {
      byte[] embedding = Base64.getDecoder().decode(withEmbeddings.getJsonObject(i).getString("embedding"));
      assertEquals(2048, embedding.length);
      ByteBuffer floats = ByteBuffer.wrap(embedding).order(ByteOrder.LITTLE_ENDIAN);
      double norm = 0;
      for (int f = 0; f < 512; f++) {
        float value = floats.getFloat();
        norm += value * value;
      }
      assertEquals(1.0, norm, 1e-3, "512 little-endian float32, L2-normalised");
    }
    assertFalse(xphoto.api().get("/account/export?embeddings=false", token).json().getJsonArray("faces").getJsonObject(0)
        .containsKey("embedding"));
  }

  /** More images than one page of the export: every one is in it, once, in upload order. */
  @Test
  void aLibraryLargerThanAPageIsExportedWhole() {
    String token = xphoto.activeUser(uniqueName("expage"));
    List<String> uploaded = new ArrayList<>();
    for (int upload = 0; upload < 27; upload++) {
      byte[][] files = new byte[20][];
      for (int i = 0; i < files.length; i++) {
        files[i] = png(4, 4, upload * 20 + i);
      }
      uploaded.addAll(urls(xphoto.api().upload("/upload", token, files)));
    }
    assertTrue(uploaded.size() > 500, "more than a page (500)");
    Api.Reply reply = xphoto.api().get("/account/export", token);
    assertEquals(200, reply.status());
    assertEquals("chunked", reply.header("Transfer-Encoding"), "streamed, not built whole");
    List<String> exported = reply.json().getJsonArray("images").stream()
        .map(image -> ((JsonObject) image).getString("url")).toList();
    assertEquals(uploaded, exported);

    Api.Reply head = xphoto.api().send(xphoto.api().request(HttpMethod.HEAD, "/account/export", token), null);
    assertEquals(200, head.status());
    assertTrue(head.header("Content-Disposition").startsWith("attachment; filename="));
    assertTrue(head.body() == null || head.body().length() == 0);
  }

  @Test
  void withoutATokenIs401() {
    Api.Reply reply = xphoto.api().get("/account/export");
    assertEquals(401, reply.status());
    assertEquals(new JsonObject().put("error", "未登录或登录已过期。"), reply.json());
    assertEquals("Bearer", reply.header("WWW-Authenticate"));
  }

  private static String sha256Hex(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
